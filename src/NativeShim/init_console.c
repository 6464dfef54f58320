/*
 * The native init's fds for the caller: --pidfd-socket, and the terminal (process.terminal) as
 * C# init's ConsoleSetup does it: a pty from
 * the container's own devpts, its peer taken with TIOCGPTPEER rather than by path
 * (CVE-2025-52565), the master sent over the console socket as runc sends it, the peer bound on
 * /dev/console and made the controlling terminal and stdio of a new session.
 */
#include "protocol.h"
#include "shim.h"
#include "native_init.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef TIOCGPTPEER
#define TIOCGPTPEER 0x5441
#endif

/* One sendmsg: the name as data, the fd as the only SCM_RIGHTS (runc's console-socket protocol). */
int runcs_send_fd(int socket_fd, int fd, const char *name)
{
    char control[CMSG_SPACE(sizeof(int))];
    memset(control, 0, sizeof(control));
    struct iovec iov = {.iov_base = (void *)name, .iov_len = strlen(name)};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof(control)};
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof(int));
    ssize_t n;
    do
        n = sendmsg(socket_fd, &msg, 0);
    while (n < 0 && errno == EINTR);
    return n < 0 ? -1 : 0;
}

void runcs_init_console(struct runcs_init *in, int socket_fd, int mount_console, int has_size, unsigned rows, unsigned cols)
{
    if (socket_fd < 0)
        runcs_init_fail(in, "a terminal was requested but no console socket was given");
    int master = open("/dev/pts/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0)
        runcs_init_fail_errno(in, errno, "open /dev/pts/ptmx");
    int unlock = 0;
    if (ioctl(master, TIOCSPTLCK, &unlock) < 0)
        runcs_init_fail_errno(in, errno, "unlockpt");
    int peer = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (peer < 0)
        runcs_init_fail_errno(in, errno, "ioctl(TIOCGPTPEER)");
    if (has_size) {
        struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
        if (ioctl(peer, TIOCSWINSZ, &ws) < 0)
            runcs_init_fail_errno(in, errno, "ioctl(TIOCSWINSZ)");
    }
    if (mount_console) {
        int console = runcs_root_create_file(in, "/dev/console");
        char from[64], to[64];
        snprintf(from, sizeof(from), "/proc/self/fd/%d", peer);
        snprintf(to, sizeof(to), "/proc/self/fd/%d", console);
        if (mount(from, to, NULL, MS_BIND, NULL) < 0)
            runcs_init_fail_errno(in, errno, "mount %s to /dev/console", from);
        close(console);
    }
    if (runcs_send_fd(socket_fd, master, "/dev/pts/ptmx") < 0)
        runcs_init_fail_errno(in, errno, "send console fd");
    close(socket_fd);
    setsid();
    if (ioctl(peer, TIOCSCTTY, 0) < 0)
        runcs_init_fail_errno(in, errno, "ioctl(TIOCSCTTY)");
    for (int fd = 0; fd < 3; fd++)
        if (dup3(peer, fd, 0) < 0)
            runcs_init_fail_errno(in, errno, "dup3 %d", fd);
    close(master);
    close(peer);
}

/* --pidfd-socket: a pidfd of this very process (the one that execs), in any pid namespace. */
void runcs_init_send_pidfd(struct runcs_init *in, int socket_fd, const char *what)
{
    int pidfd = (int)syscall(SYS_pidfd_open, getpid(), 0);
    if (pidfd < 0)
        runcs_init_fail_errno(in, errno, "failed to setup pidfd: pidfd_open");
    if (runcs_send_fd(socket_fd, pidfd, what) < 0)
        runcs_init_fail_errno(in, errno, "failed to setup pidfd: send pidfd");
    close(pidfd);
    close(socket_fd);
}
