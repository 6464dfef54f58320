/* sd_notify from inside a test container: sends each argument as one datagram to $NOTIFY_SOCKET
 * (a path, or '@name' for an abstract socket). Linked statically so it runs in a busybox rootfs. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    const char *address = getenv("NOTIFY_SOCKET");
    if (address == NULL || *address == '\0') {
        fprintf(stderr, "sdnotify: NOTIFY_SOCKET is not set\n");
        return 2;
    }
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    size_t length = strlen(address);
    if (length >= sizeof sa.sun_path) {
        fprintf(stderr, "sdnotify: NOTIFY_SOCKET is too long\n");
        return 2;
    }
    memcpy(sa.sun_path, address, length);
    socklen_t sa_length = offsetof(struct sockaddr_un, sun_path) + length + 1;
    if (address[0] == '@') {
        sa.sun_path[0] = '\0';
        sa_length--;
    }
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        perror("sdnotify: socket");
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        /* "\n" in an argument stands for a newline, so one datagram can carry several lines. */
        char *message = strdup(argv[i]);
        char *out = message;
        for (const char *in = argv[i]; *in; in++)
            *out++ = (in[0] == '\\' && in[1] == 'n') ? (in++, '\n') : *in;
        *out = '\0';
        if (sendto(fd, message, strlen(message), MSG_NOSIGNAL, (struct sockaddr *)&sa, sa_length) < 0) {
            fprintf(stderr, "sdnotify: send to %s: %s\n", address, strerror(errno));
            return 1;
        }
        free(message);
    }
    close(fd);
    return 0;
}
