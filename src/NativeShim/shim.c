/*
 * The nsexec stage machine. It runs as an ELF constructor of every runcs process, before the
 * .NET runtime starts any thread, and does nothing unless _RUNCS_INITPIPE is set. Setting up
 * namespaces here is what lets C# start already inside them: setns() into a mount or user
 * namespace is refused to a multi-threaded process, and a pid namespace only applies to children.
 * With RUNCS_MODE_INIT_NATIVE, .NET never starts in init: stage 1 runs the runtime's plan
 * (native_init.c) and execs the container's program.
 */
#include "protocol.h"
#include "shim.h"
#include "native_init.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

static int runcs_stage = RUNCS_STAGE_NONE;
static int runcs_sync_fd = -1;

int runcs_shim_stage(void) { return runcs_stage; }
int runcs_shim_sync_fd(void) { return runcs_sync_fd; }

static void write_self_file(int sync_fd, const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        runcs_bail(sync_fd, errno, "open %s", path);
    size_t len = strlen(text);
    if (write(fd, text, len) != (ssize_t)len)
        runcs_bail(sync_fd, errno, "write %s", path);
    close(fd);
}

static void become_root_in_userns(int sync_fd, int allow_setgroups)
{
    if (syscall(SYS_setresgid, 0, 0, 0) < 0)
        runcs_bail(sync_fd, errno, "setresgid to the container's root");
    if (syscall(SYS_setresuid, 0, 0, 0) < 0)
        runcs_bail(sync_fd, errno, "setresuid to the container's root");
    if (allow_setgroups && syscall(SYS_setgroups, 0, NULL) < 0)
        runcs_bail(sync_fd, errno, "setgroups");
}

static int is_exec(uint32_t mode) { return mode == RUNCS_MODE_EXEC || mode == RUNCS_MODE_EXEC_NATIVE; }
static int is_native(uint32_t mode) { return mode == RUNCS_MODE_INIT_NATIVE || mode == RUNCS_MODE_EXEC_NATIVE; }

static void stage_child(int sync_fd, int go_fd, const struct runcs_bootstrap *b, int in_new_userns)
{
    char go;
    prctl(PR_SET_NAME, is_exec(b->mode) ? "runcs:[1:EXEC]" : "runcs:[1:INIT]", 0, 0, 0);
    ssize_t n;
    do
        n = read(go_fd, &go, 1);
    while (n < 0 && errno == EINTR);
    if (n != 1)
        _exit(1); /* stage 0 failed and has already reported why */
    close(go_fd);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); /* it may have been dumpable for its maps */
    if (in_new_userns)
        become_root_in_userns(sync_fd, !b->setgroups_deny);
}

static void run_stages(int sync_fd)
{
    struct runcs_bootstrap b;
    int r = runcs_bootstrap_read(sync_fd, &b);
    if (r < 0)
        runcs_bail(sync_fd, -r, "read bootstrap message");

    prctl(PR_SET_NAME, "runcs:[0:SHIM]", 0, 0, 0);
    runcs_trace("shim: bootstrap read");
    /* First, while /proc/self is still ours: a non-dumpable process's files belong to root. */
    if (b.oom_score_adj)
        write_self_file(sync_fd, "/proc/self/oom_score_adj", b.oom_score_adj);
    /* A container process must not ptrace us or open /proc/PID/{fd,exe,mem} of ours while we hold
     * runtime fds (CVE-2016-9962): the exec stages, and init while it waits in the created state.
     * execve of the user's program makes it dumpable again. */
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);

    int joined = runcs_join_namespaces(sync_fd, &b);
    uint32_t flags = b.clone_flags;

    if (flags & CLONE_NEWTIME) {
        if (unshare(CLONE_NEWTIME) < 0)
            runcs_bail(sync_fd, errno, "unshare the time namespace");
        if (b.time_offsets)
            write_self_file(sync_fd, "/proc/self/timens_offsets", b.time_offsets);
        flags &= ~(uint32_t)CLONE_NEWTIME;
    }

    int must_fork = (b.clone_flags & (CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWTIME)) ||
                    (joined & (CLONE_NEWPID | CLONE_NEWTIME));
    int new_stage = is_exec(b.mode) ? RUNCS_STAGE_EXEC : RUNCS_STAGE_INIT;

    if (!must_fork) {
        if (flags && unshare((int)flags) < 0)
            runcs_bail(sync_fd, errno, "unshare namespaces 0x%x", flags);
        prctl(PR_SET_NAME, is_exec(b.mode) ? "runcs:[1:EXEC]" : "runcs:[1:INIT]", 0, 0, 0);
        runcs_report(sync_fd, RUNCS_SYNC_CHILD_PID, getpid(), NULL);
        if (is_native(b.mode))
            runcs_native_init(sync_fd);
        runcs_stage = new_stage;
        return;
    }

    int go[2];
    if (pipe2(go, O_CLOEXEC) < 0)
        runcs_bail(sync_fd, errno, "pipe");
    /* Not root: stage 1's /proc files (uid_map, gid_map, setgroups) are only ours to write while
     * it is dumpable; it clears that itself once its maps are written. Root writes them anyway. */
    int dumpable_for_maps = (flags & CLONE_NEWUSER) && geteuid() != 0;
    if (dumpable_for_maps)
        prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
    pid_t child = runcs_clone_into(flags);
    int clone_errno = errno;
    if (child != 0 && dumpable_for_maps)
        prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    if (child < 0)
        runcs_bail(sync_fd, clone_errno, "clone3 with namespaces 0x%x", flags);
    if (child == 0) {
        close(go[1]);
        stage_child(sync_fd, go[0], &b, (flags & CLONE_NEWUSER) != 0);
        if (is_native(b.mode))
            runcs_native_init(sync_fd);
        runcs_stage = new_stage;
        return;
    }
    close(go[0]);
    if (flags & CLONE_NEWUSER)
        runcs_write_id_maps(sync_fd, child, &b);
    runcs_report(sync_fd, RUNCS_SYNC_CHILD_PID, child, NULL);
    if (write(go[1], "g", 1) != 1)
        runcs_bail(sync_fd, errno, "release the init process");
    _exit(0);
}

__attribute__((constructor)) static void runcs_shim_entry(void)
{
    const char *env = getenv(RUNCS_ENV_INITPIPE);
    if (env == NULL) {
        runcs_prefault_zero_tail();
        return;
    }
    char *end;
    long fd = strtol(env, &end, 10);
    if (*end != '\0' || fd < 3 || fd > 1024) {
        fprintf(stderr, "runcs: invalid %s\n", RUNCS_ENV_INITPIPE);
        _exit(1);
    }
    unsetenv(RUNCS_ENV_INITPIPE);
    runcs_sync_fd = (int)fd;
    fcntl(runcs_sync_fd, F_SETFD, FD_CLOEXEC);
    run_stages(runcs_sync_fd);
    /* Only the process that goes on into .NET gets here; earlier stages have exited. */
    runcs_prefault_zero_tail();
}
