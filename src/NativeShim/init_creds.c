/*
 * The native init's credential ops: seccomp, the bounding set, user and groups, capabilities,
 * no_new_privs and the umask, in the order the plan gives (C# init's ProcessExec and
 * SeccompSetup). All are per thread: the native init has one, the one that execs.
 */
#include "protocol.h"
#include "shim.h"
#include "native_init.h"

#include <errno.h>
#include <linux/filter.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_RAISE 2
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif
#define LINUX_CAPABILITY_VERSION_3 0x20080522

static void load_seccomp(struct runcs_init *in, uint32_t flags, const uint8_t *filter, uint32_t len)
{
    if (len == 0 || len % sizeof(struct sock_filter) != 0 || len / sizeof(struct sock_filter) > 0xffff)
        runcs_init_fail_errno(in, EINVAL, "load seccomp filter (%u instructions)", len / (uint32_t)sizeof(struct sock_filter));
    struct sock_filter *copy = malloc(len);
    if (copy == NULL)
        runcs_init_fail(in, "native init: out of memory");
    memcpy(copy, filter, len);
    struct sock_fprog prog = {.len = (unsigned short)(len / sizeof(struct sock_filter)), .filter = copy};
    if (syscall(SYS_seccomp, 1 /* SECCOMP_SET_MODE_FILTER */, flags, &prog) < 0)
        runcs_init_fail_errno(in, errno, "load seccomp filter");
    free(copy);
}

static void drop_bounding(struct runcs_init *in, uint64_t keep, uint32_t last)
{
    for (uint32_t cap = 0; cap <= last && cap < 64; cap++) {
        if (keep & (1ULL << cap))
            continue;
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
            runcs_init_fail_errno(in, errno, "drop bounding capability %u", cap);
    }
}

static void set_user(struct runcs_init *in, struct runcs_op *op)
{
    uint32_t uid = runcs_op_u32(op);
    uint32_t gid = runcs_op_u32(op);
    uint32_t set_groups = runcs_op_u32(op);
    uint32_t count = runcs_op_u32(op);
    if (op->bad || count > 65536) {
        op->bad = 1;
        return;
    }
    gid_t *groups = calloc(count ? count : 1, sizeof(gid_t));
    if (groups == NULL)
        runcs_init_fail(in, "native init: out of memory");
    for (uint32_t i = 0; i < count; i++)
        groups[i] = runcs_op_u32(op);
    if (op->bad)
        return;
    if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
        runcs_init_fail_errno(in, errno, "prctl(PR_SET_KEEPCAPS)");
    if (set_groups && syscall(SYS_setgroups, (size_t)count, groups) < 0)
        runcs_init_fail_errno(in, errno, "setgroups");
    if (syscall(SYS_setresgid, gid, gid, gid) < 0)
        runcs_init_fail_errno(in, errno, "setresgid %u", gid);
    if (syscall(SYS_setresuid, uid, uid, uid) < 0)
        runcs_init_fail_errno(in, errno, "setresuid %u", uid);
    if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0)
        runcs_init_fail_errno(in, errno, "prctl(PR_SET_KEEPCAPS)");
    free(groups);
}

static void set_caps(struct runcs_init *in, uint64_t eff, uint64_t perm, uint64_t inh, uint64_t amb)
{
    uint32_t header[2] = {LINUX_CAPABILITY_VERSION_3, 0};
    uint32_t data[6] = {(uint32_t)eff, (uint32_t)perm, (uint32_t)inh, (uint32_t)(eff >> 32), (uint32_t)(perm >> 32), (uint32_t)(inh >> 32)};
    if (syscall(SYS_capset, header, data) < 0)
        runcs_init_fail_errno(in, errno, "capset");
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    for (unsigned cap = 0; cap < 64; cap++)
        if ((amb & (1ULL << cap)) && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0)
            runcs_init_fail_errno(in, errno, "raise ambient capability %u", cap);
}

int runcs_init_creds_op(struct runcs_init *in, struct runcs_op *op)
{
    switch (op->code) {
    case RUNCS_OP_SECCOMP: {
        uint32_t flags = runcs_op_u32(op), len;
        const uint8_t *filter = runcs_op_bytes(op, &len);
        if (!op->bad)
            load_seccomp(in, flags, filter, len);
        break;
    }
    case RUNCS_OP_DROP_BOUNDING: {
        uint64_t keep = runcs_op_u64(op);
        uint32_t last = runcs_op_u32(op);
        if (!op->bad)
            drop_bounding(in, keep, last);
        break;
    }
    case RUNCS_OP_SET_USER:
        set_user(in, op);
        break;
    case RUNCS_OP_SET_CAPS: {
        uint64_t eff = runcs_op_u64(op), perm = runcs_op_u64(op), inh = runcs_op_u64(op), amb = runcs_op_u64(op);
        if (!op->bad)
            set_caps(in, eff, perm, inh, amb);
        break;
    }
    case RUNCS_OP_NO_NEW_PRIVS:
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
            runcs_init_fail_errno(in, errno, "prctl(PR_SET_NO_NEW_PRIVS)");
        break;
    case RUNCS_OP_UMASK: {
        uint32_t mask = runcs_op_u32(op);
        if (!op->bad)
            umask((mode_t)mask);
        break;
    }
    default:
        return 0;
    }
    return 1;
}
