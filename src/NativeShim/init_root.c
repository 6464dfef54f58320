/*
 * The native init's filesystem ops: mounts, devices, the root switch, masked and read-only paths.
 * Every path inside the container resolves with openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)
 * from the root's fd, and every mount goes through /proc/self/fd/N of what was opened, so a
 * symlink in the rootfs can never lead outside it (CVE-2021-30465, CVE-2024-45310). The messages
 * are those of the C# init (the Rootfs folder).
 */
#include "protocol.h"
#include "shim.h"
#include "native_init.h"

#include <errno.h>
#include <sched.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#ifndef RESOLVE_NO_MAGICLINKS
#define RESOLVE_NO_MAGICLINKS 0x02
#define RESOLVE_NO_SYMLINKS 0x04
#define RESOLVE_IN_ROOT 0x10
#endif
#ifndef AT_RECURSIVE
#define AT_RECURSIVE 0x8000
#endif

struct open_how_v0 {
    uint64_t flags, mode, resolve;
};
struct mount_attr_v0 {
    uint64_t attr_set, attr_clr, propagation, userns_fd;
};

#define LOCKABLE_FLAGS (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME | MS_RELATIME)

const char *runcs_root_describe(const struct runcs_init *in, const char *path, char *buf, size_t cap)
{
    const char *root = in->root_path ? in->root_path : "";
    if (strcmp(root, "/") == 0)
        root = "";
    snprintf(buf, cap, "%s%s%s", root, path[0] == '/' ? "" : "/", path);
    return buf;
}

static const char *relative(const char *path)
{
    while (*path == '/')
        path++;
    return *path ? path : ".";
}

static void proc_path(int fd, char *buf, size_t cap) { snprintf(buf, cap, "/proc/self/fd/%d", fd); }

int runcs_root_try_open(struct runcs_init *in, const char *path, int no_symlinks, int flags)
{
    if (in->root_fd < 0)
        runcs_init_fail(in, "native init: a path in the root before the root was opened");
    struct open_how_v0 how = {
        .flags = (uint64_t)(flags | O_CLOEXEC),
        .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS | (no_symlinks ? RESOLVE_NO_SYMLINKS : 0),
    };
    int fd = (int)syscall(SYS_openat2, in->root_fd, relative(path), &how, sizeof(how));
    if (fd >= 0)
        return fd;
    int err = errno;
    if (err == ENOENT)
        return -1;
    if (no_symlinks && err == ELOOP)
        runcs_init_fail(in, "%s must be an ordinary directory in the rootfs, not a symlink", path);
    char d[4200];
    runcs_init_fail_errno(in, err, "open %s", runcs_root_describe(in, path, d, sizeof(d)));
}

int runcs_root_open(struct runcs_init *in, const char *path, int flags)
{
    int fd = runcs_root_try_open(in, path, 0, flags);
    if (fd < 0) {
        char d[4200];
        runcs_init_fail_errno(in, ENOENT, "open %s", runcs_root_describe(in, path, d, sizeof(d)));
    }
    return fd;
}

int runcs_root_mkdir_all(struct runcs_init *in, const char *path, unsigned mode)
{
    int existing = runcs_root_try_open(in, path, 0, O_PATH);
    if (existing >= 0)
        return existing;
    char prefix[4096] = "", d[4200];
    int current = fcntl(in->root_fd, F_DUPFD_CLOEXEC, 3);
    if (current < 0)
        runcs_init_fail_errno(in, errno, "dup the root");
    const char *p = path;
    while (*p) {
        while (*p == '/')
            p++;
        if (!*p)
            break;
        const char *end = strchr(p, '/');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char part[256];
        if (n >= sizeof(part) || strlen(prefix) + n + 2 >= sizeof(prefix))
            runcs_init_fail_errno(in, ENAMETOOLONG, "mkdir %s", path);
        memcpy(part, p, n);
        part[n] = '\0';
        if (prefix[0])
            strcat(prefix, "/");
        strcat(prefix, part);
        if (strcmp(part, "..") == 0)
            runcs_init_fail(in, "path %s must not contain \"..\"", path);
        if (mkdirat(current, part, mode) < 0 && errno != EEXIST)
            runcs_init_fail_errno(in, errno, "mkdir %s", runcs_root_describe(in, prefix, d, sizeof(d)));
        close(current);
        current = runcs_root_open(in, prefix, O_PATH | O_DIRECTORY);
        p += n;
    }
    return current;
}

void runcs_path_split(const char *path, char *dir, size_t dir_cap, char *name, size_t name_cap)
{
    size_t len = strlen(path);
    while (len > 0 && path[len - 1] == '/')
        len--;
    size_t slash = len;
    for (size_t i = 0; i < len; i++)
        if (path[i] == '/')
            slash = i;
    if (slash == len || slash == 0)
        snprintf(dir, dir_cap, "/");
    else
        snprintf(dir, dir_cap, "%.*s", (int)slash, path);
    size_t start = slash == len ? 0 : slash + 1;
    snprintf(name, name_cap, "%.*s", (int)(len - start), path + start);
}

int runcs_root_create_file(struct runcs_init *in, const char *path)
{
    int existing = runcs_root_try_open(in, path, 0, O_PATH);
    if (existing >= 0)
        return existing;
    char dir[4096], name[256], d[4200];
    runcs_path_split(path, dir, sizeof(dir), name, sizeof(name));
    close(runcs_root_mkdir_all(in, dir, 0755));
    int dirfd = runcs_root_open(in, dir, O_DIRECTORY | O_RDONLY);
    int fd = openat(dirfd, name, O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY | O_CLOEXEC, 0644);
    if (fd < 0 && errno != EEXIST)
        runcs_init_fail_errno(in, errno, "create %s", runcs_root_describe(in, path, d, sizeof(d)));
    if (fd >= 0)
        close(fd);
    close(dirfd);
    return runcs_root_open(in, path, O_PATH);
}

uint64_t runcs_locked_flags(const struct runcs_init *in, int fd)
{
    if (!(in->plan_flags & RUNCS_PLAN_IN_USERNS))
        return 0;
    struct statfs st;
    return fstatfs(fd, &st) == 0 ? (uint64_t)st.f_flags & LOCKABLE_FLAGS : 0;
}

static void do_mount(struct runcs_init *in, const char *source, const char *target, const char *fstype,
                     unsigned long flags, const char *data, const char *describe)
{
    if (mount(source, target, fstype, flags, data) == 0)
        return;
    int err = errno;
    if (fstype && fstype[0])
        runcs_init_fail_errno(in, err, "mount %s %s to %s", fstype, source ? source : "", describe);
    runcs_init_fail_errno(in, err, "mount %s to %s", source ? source : "", describe);
}

static void mount_in_root(struct runcs_init *in, struct runcs_op *op)
{
    uint32_t kind = runcs_op_u32(op);
    uint64_t flags = runcs_op_u64(op);
    const char *source = runcs_op_str_or_null(op);
    const char *dest = runcs_op_str(op);
    const char *fstype = runcs_op_str_or_null(op);
    const char *data = runcs_op_str_or_null(op);
    if (op->bad)
        return;
    int target;
    if (kind == RUNCS_TARGET_LIKE_SOURCE) {
        struct stat st;
        if (source == NULL || stat(source, &st) < 0)
            runcs_init_fail_errno(in, source ? errno : ENOENT, "stat bind source %s", source ? source : "");
        target = S_ISDIR(st.st_mode) ? runcs_root_mkdir_all(in, dest, 0755) : runcs_root_create_file(in, dest);
    } else if (kind == RUNCS_TARGET_STRICT_DIR) {
        target = runcs_root_try_open(in, dest, 1, O_PATH | O_DIRECTORY);
        if (target < 0)
            target = runcs_root_mkdir_all(in, dest, 0755);
    } else {
        target = runcs_root_mkdir_all(in, dest, 0755);
    }
    char at[64];
    proc_path(target, at, sizeof(at));
    if (mount(source, at, fstype, (unsigned long)flags, data) < 0) {
        int err = errno;
        if (err == EPERM && fstype && strcmp(fstype, "sysfs") == 0 && (in->plan_flags & RUNCS_PLAN_IN_USERNS)) {
            char why[128];
            runcs_init_fail(in, "mount sysfs %s to %s: %s (in a user namespace, sysfs can be mounted only with a network namespace of its own: "
                            "add one, or bind-mount /sys as `runcs spec --rootless` does)",
                            source ? source : "", dest, runcs_errno_text(err, why, sizeof(why)));
        }
        errno = err;
        do_mount(in, source, at, fstype, (unsigned long)flags, data, dest);
    }
    close(target);
}

static void remount_in_root(struct runcs_init *in, struct runcs_op *op)
{
    uint64_t flags = runcs_op_u64(op);
    const char *dest = runcs_op_str(op);
    if (op->bad)
        return;
    int fd = runcs_root_open(in, dest, O_PATH);
    char at[64];
    proc_path(fd, at, sizeof(at));
    do_mount(in, NULL, at, NULL, (unsigned long)(flags | runcs_locked_flags(in, fd)), NULL, dest);
    close(fd);
}

static void setattr_in_root(struct runcs_init *in, struct runcs_op *op)
{
    struct mount_attr_v0 attr = {0};
    attr.attr_set = runcs_op_u64(op);
    attr.attr_clr = runcs_op_u64(op);
    uint32_t open_flags = runcs_op_u32(op);
    const char *dest = runcs_op_str(op);
    if (op->bad)
        return;
    int fd;
    if (open_flags & RUNCS_OPEN_MISSING_OK) {
        fd = runcs_root_try_open(in, dest, (open_flags & RUNCS_OPEN_NO_SYMLINKS) != 0, O_PATH | O_DIRECTORY);
        if (fd < 0)
            return;
    } else {
        fd = runcs_root_open(in, dest, O_PATH);
    }
    if (syscall(SYS_mount_setattr, fd, "", AT_EMPTY_PATH | AT_RECURSIVE, &attr, sizeof(attr)) < 0)
        runcs_init_fail_errno(in, errno, "mount_setattr %s", dest);
    close(fd);
}

static void propagate_in_root(struct runcs_init *in, struct runcs_op *op)
{
    uint64_t flags = runcs_op_u64(op);
    const char *dest = runcs_op_str(op);
    if (op->bad)
        return;
    int fd = runcs_root_open(in, dest, O_PATH);
    char at[64];
    proc_path(fd, at, sizeof(at));
    do_mount(in, NULL, at, NULL, (unsigned long)flags, NULL, dest);
    close(fd);
}

static void symlink_in_root(struct runcs_init *in, struct runcs_op *op)
{
    uint32_t ignore = runcs_op_u32(op);
    const char *dir = runcs_op_str(op);
    const char *name = runcs_op_str(op);
    const char *target = runcs_op_str(op);
    if (op->bad)
        return;
    int parent = runcs_root_mkdir_all(in, dir, 0755);
    if (symlinkat(target, parent, name) < 0 && errno != EEXIST && !ignore) {
        char link[4200];
        snprintf(link, sizeof(link), "%s%s%s", strcmp(dir, "/") == 0 ? "" : dir, "/", name);
        runcs_init_fail_errno(in, errno, "symlink %s", link);
    }
    close(parent);
}

static void mknod_in_root(struct runcs_init *in, struct runcs_op *op)
{
    uint32_t mode = runcs_op_u32(op);
    uint32_t uid = runcs_op_u32(op);
    uint32_t gid = runcs_op_u32(op);
    uint64_t dev = runcs_op_u64(op);
    const char *path = runcs_op_str(op);
    if (op->bad)
        return;
    char dir[4096], name[256];
    runcs_path_split(path, dir, sizeof(dir), name, sizeof(name));
    int parent = runcs_root_mkdir_all(in, dir, 0755);
    unlinkat(parent, name, 0);
    if (mknodat(parent, name, mode, (dev_t)dev) < 0)
        runcs_init_fail_errno(in, errno, "mknod %s", path);
    if (fchownat(parent, name, uid, gid, AT_SYMLINK_NOFOLLOW) < 0)
        runcs_init_fail_errno(in, errno, "chown %s", path);
    close(parent);
}

static void bind_device(struct runcs_init *in, struct runcs_op *op)
{
    const char *path = runcs_op_str(op);
    if (op->bad)
        return;
    int target = runcs_root_create_file(in, path); /* makes its directory too */
    char at[64];
    proc_path(target, at, sizeof(at));
    do_mount(in, path, at, NULL, MS_BIND, NULL, path);
    close(target);
}

static void link_ptmx(struct runcs_init *in)
{
    int dev = runcs_root_try_open(in, "/dev", 0, O_PATH | O_DIRECTORY);
    if (dev < 0)
        return;
    unlinkat(dev, "ptmx", 0);
    if (symlinkat("pts/ptmx", dev, "ptmx") < 0 && errno != EEXIST)
        runcs_init_fail_errno(in, errno, "symlink /dev/ptmx");
    close(dev);
}

static void run_hooks(struct runcs_init *in)
{
    if (runcs_send_message(in->sync_fd, "runHooks", NULL) < 0)
        _exit(1);
    size_t len;
    uint8_t *reply = runcs_frame_read(in->sync_fd, 1 << 20, &len);
    /* On failure the runtime has already reported the hook's error. */
    if (reply == NULL || !runcs_message_is(reply, len, "hooksDone"))
        _exit(1);
    free(reply);
}

static void pivot_root_to(struct runcs_init *in, const char *rootfs)
{
    int old_root = open("/", O_DIRECTORY | O_RDONLY | O_CLOEXEC);
    if (old_root < 0)
        runcs_init_fail_errno(in, errno, "open /");
    int new_root = open(rootfs, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
    if (new_root < 0)
        runcs_init_fail_errno(in, errno, "open %s", rootfs);
    if (fchdir(new_root) < 0)
        runcs_init_fail_errno(in, errno, "fchdir %s", rootfs);
    /* pivot_root(".", ".") stacks the old root under the new one: no put_old directory needed. */
    if (syscall(SYS_pivot_root, ".", ".") < 0)
        runcs_init_fail_errno(in, errno, "pivot_root %s", rootfs);
    if (fchdir(old_root) < 0)
        runcs_init_fail_errno(in, errno, "fchdir old root");
    /* The unmount of the old root must never propagate back to the host. */
    do_mount(in, NULL, ".", NULL, MS_SLAVE | MS_REC, NULL, "old root");
    if (umount2(".", MNT_DETACH) < 0)
        runcs_init_fail_errno(in, errno, "umount .");
    if (chdir("/") < 0)
        runcs_init_fail_errno(in, errno, "chdir /");
    close(old_root);
    close(new_root);
}

static void move_root_to(struct runcs_init *in, const char *rootfs)
{
    if (chdir(rootfs) < 0)
        runcs_init_fail_errno(in, errno, "chdir %s", rootfs);
    do_mount(in, rootfs, "/", NULL, MS_MOVE, NULL, "/");
    if (chroot(".") < 0)
        runcs_init_fail_errno(in, errno, "chroot %s", rootfs);
    if (chdir("/") < 0)
        runcs_init_fail_errno(in, errno, "chdir /");
}

static void open_private_proc(struct runcs_init *in)
{
    int fs = (int)syscall(SYS_fsopen, "proc", 1 /* FSOPEN_CLOEXEC */);
    if (fs < 0)
        return;
    int mnt = -1;
    if (syscall(SYS_fsconfig, fs, 1 /* FSCONFIG_SET_STRING */, "subset", "pid", 0) == 0 &&
        syscall(SYS_fsconfig, fs, 6 /* FSCONFIG_CMD_CREATE */, NULL, NULL, 0) == 0)
        mnt = (int)syscall(SYS_fsmount, fs, 1 /* FSMOUNT_CLOEXEC */, 0x2 | 0x4 | 0x8 /* nosuid, nodev, noexec */);
    close(fs);
    in->proc_fd = mnt; /* -1: the container's /proc after the root switch */
}

static void open_container_proc(struct runcs_init *in)
{
    if (in->proc_fd >= 0)
        return;
    int fd = open("/proc", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    struct statfs st;
    if (fd < 0 || fstatfs(fd, &st) < 0 || st.f_type != PROC_SUPER_MAGIC)
        runcs_init_fail(in, "the container's /proc is not a procfs mount: cannot wait for start");
    in->proc_fd = fd;
}

static void readonly_path(struct runcs_init *in, const char *path)
{
    int target = runcs_root_try_open(in, path, 0, O_PATH);
    if (target < 0)
        return;
    char at[64];
    proc_path(target, at, sizeof(at));
    do_mount(in, at, at, NULL, MS_BIND | MS_REC, NULL, path);
    close(target);
    int mounted = runcs_root_open(in, path, O_PATH);
    proc_path(mounted, at, sizeof(at));
    do_mount(in, NULL, at, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_REC | runcs_locked_flags(in, mounted), NULL, path);
    close(mounted);
}

/* The container's /dev/null, checked to be the real char device 1:3 (CVE-2025-31133). */
static int open_dev_null(struct runcs_init *in)
{
    int fd = runcs_root_try_open(in, "/dev/null", 1, O_PATH);
    if (fd < 0)
        runcs_init_fail_errno(in, ENOENT, "open /dev/null");
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISCHR(st.st_mode) || st.st_rdev != makedev(1, 3))
        runcs_init_fail(in, "/dev/null in the container is not the null device; refusing to use it to mask paths");
    return fd;
}

static void mask_path(struct runcs_init *in, const char *path)
{
    if (in->dev_null < 0)
        in->dev_null = open_dev_null(in);
    int target = runcs_root_try_open(in, path, 0, O_PATH);
    if (target < 0)
        return;
    struct stat st;
    if (fstat(target, &st) < 0)
        runcs_init_fail_errno(in, errno, "stat %s", path);
    char at[64], null_at[64];
    proc_path(target, at, sizeof(at));
    if (S_ISDIR(st.st_mode)) {
        do_mount(in, "tmpfs", at, "tmpfs", MS_RDONLY, NULL, path);
    } else {
        proc_path(in->dev_null, null_at, sizeof(null_at));
        do_mount(in, null_at, at, NULL, MS_BIND, NULL, path);
    }
    close(target);
}

static void readonly_root(struct runcs_init *in)
{
    int self = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (self < 0)
        runcs_init_fail_errno(in, errno, "open /");
    do_mount(in, NULL, "/", NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | runcs_locked_flags(in, self), NULL, "/");
    close(self);
}

int runcs_init_mount_op(struct runcs_init *in, struct runcs_op *op)
{
    switch (op->code) {
    case RUNCS_OP_UNSHARE_CGROUPNS:
        if (unshare(0x02000000 /* CLONE_NEWCGROUP */) < 0)
            runcs_init_fail_errno(in, errno, "unshare the cgroup namespace");
        break;
    case RUNCS_OP_OPEN_PRIVATE_PROC:
        open_private_proc(in);
        break;
    case RUNCS_OP_MOUNT: {
        uint64_t flags = runcs_op_u64(op);
        const char *source = runcs_op_str_or_null(op);
        const char *target = runcs_op_str(op);
        const char *fstype = runcs_op_str_or_null(op);
        const char *data = runcs_op_str_or_null(op);
        const char *describe = runcs_op_str(op);
        if (!op->bad)
            do_mount(in, source, target, fstype, (unsigned long)flags, data, describe);
        break;
    }
    case RUNCS_OP_OPEN_ROOT: {
        const char *path = runcs_op_str(op);
        if (op->bad)
            break;
        int fd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
            runcs_init_fail_errno(in, errno, "open %s", path);
        if (in->root_fd >= 0)
            close(in->root_fd);
        in->root_fd = fd;
        in->root_path = path;
        break;
    }
    case RUNCS_OP_MOUNT_IN_ROOT:
        mount_in_root(in, op);
        break;
    case RUNCS_OP_REMOUNT_IN_ROOT:
        remount_in_root(in, op);
        break;
    case RUNCS_OP_SETATTR_IN_ROOT:
        setattr_in_root(in, op);
        break;
    case RUNCS_OP_PROPAGATE_IN_ROOT:
        propagate_in_root(in, op);
        break;
    case RUNCS_OP_SYMLINK_IN_ROOT:
        symlink_in_root(in, op);
        break;
    case RUNCS_OP_MKNOD_IN_ROOT:
        mknod_in_root(in, op);
        break;
    case RUNCS_OP_BIND_DEVICE:
        bind_device(in, op);
        break;
    case RUNCS_OP_LINK_PTMX:
        link_ptmx(in);
        break;
    case RUNCS_OP_RUN_HOOKS:
        run_hooks(in);
        break;
    case RUNCS_OP_PIVOT_ROOT:
    case RUNCS_OP_MOVE_ROOT: {
        const char *rootfs = runcs_op_str(op);
        if (op->bad)
            break;
        if (op->code == RUNCS_OP_PIVOT_ROOT)
            pivot_root_to(in, rootfs);
        else
            move_root_to(in, rootfs);
        break;
    }
    case RUNCS_OP_OPEN_CONTAINER_PROC:
        open_container_proc(in);
        break;
    case RUNCS_OP_READONLY_PATH:
    case RUNCS_OP_MASK_PATH: {
        const char *path = runcs_op_str(op);
        if (op->bad)
            break;
        if (op->code == RUNCS_OP_READONLY_PATH)
            readonly_path(in, path);
        else
            mask_path(in, path);
        break;
    }
    case RUNCS_OP_READONLY_ROOT:
        readonly_root(in);
        break;
    case RUNCS_OP_ATTACH_MOUNT: {
        uint32_t tree = runcs_op_u32(op);
        const char *dest = runcs_op_str(op);
        if (op->bad)
            break;
        int target = runcs_root_mkdir_all(in, dest, 0755);
        if (syscall(SYS_move_mount, (int)tree, "", target, "", 0x4 | 0x40 /* MOVE_MOUNT_F_EMPTY_PATH | T_EMPTY_PATH */) < 0)
            runcs_init_fail_errno(in, errno, "move_mount %s", dest);
        close(target);
        close((int)tree);
        break;
    }
    default:
        return 0;
    }
    return 1;
}
