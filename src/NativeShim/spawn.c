/*
 * Runtime side: start `runcs init` from a sealed copy of our own binary (CVE-2019-5736: a
 * container must never reach a writable host runcs through /proc/<pid>/exe).
 * Called from C#; the child between vfork and execveat runs only async-signal-safe code.
 */
#include "protocol.h"
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/mount.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <pthread.h>
#include <unistd.h>

#ifndef OPEN_TREE_CLONE
#define OPEN_TREE_CLONE 1
#endif
#ifndef F_SEAL_EXEC
#define F_SEAL_EXEC 0x0020
#endif

/* A detached, read-only bind mount of the binary: no copy, and not writable even by root
 * inside the container, which cannot reach a detached mount to remount it. */
static int sealed_by_detached_mount(void)
{
    int fd = (int)syscall(SYS_open_tree, AT_FDCWD, "/proc/self/exe", OPEN_TREE_CLONE | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    struct mount_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV;
    if (syscall(SYS_mount_setattr, fd, "", AT_EMPTY_PATH, &attr, sizeof attr) < 0) {
        int err = errno;
        close(fd);
        return -err;
    }
    return fd;
}

/* Fallback where the mount API is missing or forbidden: a sealed in-memory copy. */
static int sealed_by_memfd(void)
{
    int src = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    if (src < 0)
        return -errno;
    int fd = (int)syscall(SYS_memfd_create, "runcs:sealed-exe", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    struct stat st;
    int err = 0;
    if (fd < 0 || fstat(src, &st) < 0) {
        err = errno;
    } else {
        off_t left = st.st_size;
        while (left > 0) {
            ssize_t n = sendfile(fd, src, NULL, (size_t)left);
            if (n <= 0) {
                err = n < 0 ? errno : EIO;
                break;
            }
            left -= n;
        }
        if (!err && fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE) < 0)
            err = errno;
    }
    close(src);
    if (err) {
        if (fd >= 0)
            close(fd);
        return -err;
    }
    return fd;
}

int runcs_open_sealed_self(int *method)
{
    int fd = sealed_by_detached_mount();
    if (fd >= 0) {
        *method = 1;
        return fd;
    }
    *method = 2;
    return sealed_by_memfd();
}

/*
 * vfork + execveat(exe_fd). fds[i] becomes fd 3+i in the child; stdio is inherited; every other
 * fd is closed. Returns the child's pid or -errno (also for a failed exec).
 */
int runcs_spawn(int exe_fd, char *const argv[], char *const envp[], const int *fds, int nfds)
{
    sigset_t all, old;
    volatile int child_err = 0;
    int base = 3 + nfds;

    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pid_t pid = vfork();
    if (pid == 0) {
        /* Handlers of the .NET runtime must never run here. */
        for (int sig = 1; sig < NSIG; sig++)
            signal(sig, SIG_DFL);
        /* Move every fd we keep above the target range first so dup2 never clobbers one. */
        int high = base + 64;
        int exe = fcntl(exe_fd, F_DUPFD, high + nfds);
        for (int i = 0; i < nfds && exe >= 0; i++)
            if (fcntl(fds[i], F_DUPFD, high + i) != high + i)
                exe = -1;
        for (int i = 0; i < nfds && exe >= 0; i++)
            if (dup2(high + i, 3 + i) < 0)
                exe = -1;
        if (exe < 0) {
            child_err = errno;
            _exit(127);
        }
        int exe_final = dup2(exe, base);
        syscall(SYS_close_range, base + 1, ~0U, 0);
        fcntl(exe_final, F_SETFD, FD_CLOEXEC);
        sigprocmask(SIG_SETMASK, &old, NULL);
        syscall(SYS_execveat, exe_final, "", argv, envp, AT_EMPTY_PATH);
        child_err = errno;
        _exit(127);
    }
    int err = pid < 0 ? errno : child_err;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (pid > 0 && err) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
    }
    return err ? -err : pid;
}
