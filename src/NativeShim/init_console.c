/*
 * The native init's terminal (process.terminal), as C# init's ConsoleSetup does it: a pty from
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
#include <unistd.h>

#ifndef TIOCGPTPEER
#define TIOCGPTPEER 0x5441
#endif

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
    int err = runcs_send_fd(socket_fd, master, "/dev/pts/ptmx");
    if (err < 0)
        runcs_init_fail_errno(in, -err, "send console fd");
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
