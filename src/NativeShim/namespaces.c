/* Joining existing namespaces and creating the process that lives in new ones. */
#include "protocol.h"
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

/* The user namespace goes first (it decides what we may join next); mount last, because paths
 * are opened before any join and a new mount namespace would change nothing for open fds. */
static int join_rank(uint32_t type)
{
    switch (type) {
    case CLONE_NEWUSER:
        return 0;
    case CLONE_NEWNS:
        return 2;
    default:
        return 1;
    }
}

int runcs_join_namespaces(int sync_fd, const struct runcs_bootstrap *b)
{
    int fds[RUNCS_MAX_NS_PATHS];
    int joined = 0;

    for (int i = 0; i < b->n_paths; i++) {
        fds[i] = open(b->paths[i].path, O_RDONLY | O_CLOEXEC);
        if (fds[i] < 0)
            runcs_bail(sync_fd, errno, "open namespace %s", b->paths[i].path);
    }
    for (int rank = 0; rank <= 2; rank++) {
        for (int i = 0; i < b->n_paths; i++) {
            if (join_rank(b->paths[i].type) != rank)
                continue;
            if (setns(fds[i], (int)b->paths[i].type) < 0)
                runcs_bail(sync_fd, errno, "join namespace %s", b->paths[i].path);
            close(fds[i]);
            joined |= (int)b->paths[i].type;
        }
    }
    return joined;
}

pid_t runcs_clone_into(uint32_t flags)
{
    struct clone_args args;
    memset(&args, 0, sizeof args);
    args.flags = flags | CLONE_PARENT;
    args.exit_signal = SIGCHLD;
    long pid = syscall(SYS_clone3, &args, sizeof args);
    if (pid < 0 && errno == EINVAL) {
        /* Some combinations refuse CLONE_PARENT; the runtime then reaps us and adopts the child
         * as a subreaper. */
        args.flags = flags;
        pid = syscall(SYS_clone3, &args, sizeof args);
    }
    return (pid_t)pid;
}
