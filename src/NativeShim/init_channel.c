/*
 * The native init's side of the runtime's message channel (MessageChannel.cs): frames of a u32
 * little-endian length and a body; init's messages are JSON objects {"type":..., "message":...}.
 * And fds handed to a caller's socket (console master, pidfd) with SCM_RIGHTS.
 */
#include "shim.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

uint8_t *runcs_frame_read(int fd, size_t max, size_t *len)
{
    uint8_t h[4];
    if (runcs_read_full(fd, h, 4) < 0)
        return NULL;
    size_t n = h[0] | h[1] << 8 | h[2] << 16 | (size_t)h[3] << 24;
    if (n > max)
        return NULL;
    uint8_t *body = malloc(n + 1);
    if (body == NULL || runcs_read_full(fd, body, n) < 0) {
        free(body);
        return NULL;
    }
    body[n] = '\0';
    *len = n;
    return body;
}

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if it is not one. */
static size_t utf8_sequence(const unsigned char *s)
{
    size_t n = s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 && s[0] < 0xe0 ? 2 : 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    if ((n == 3 && s[0] == 0xe0 && s[1] < 0xa0) || (n == 3 && s[0] == 0xed && s[1] >= 0xa0) ||
        (n == 4 && s[0] == 0xf0 && s[1] < 0x90) || (n == 4 && s[0] == 0xf4 && s[1] >= 0x90))
        return 0; /* overlong, a surrogate, or beyond U+10FFFF */
    return n;
}

/* JSON string content for text; bytes that are not UTF-8 become U+FFFD, so the runtime can always parse it. */
size_t runcs_json_escape(char *out, size_t cap, const char *text)
{
    size_t n = 0;
    for (const unsigned char *s = (const unsigned char *)text; *s;) {
        char tmp[8];
        size_t plen, used = 1;
        if (*s == '"' || *s == '\\') {
            tmp[0] = '\\';
            tmp[1] = (char)*s;
            plen = 2;
        } else if (*s < 0x20) {
            plen = (size_t)snprintf(tmp, sizeof(tmp), "\\u%04x", *s);
        } else if (*s < 0x80) {
            tmp[0] = (char)*s;
            plen = 1;
        } else if ((used = utf8_sequence(s)) > 0) {
            memcpy(tmp, s, used);
            plen = used;
        } else {
            used = 1;
            plen = (size_t)snprintf(tmp, sizeof(tmp), "\\ufffd");
        }
        if (n + plen >= cap)
            break;
        memcpy(out + n, tmp, plen);
        n += plen;
        s += used;
    }
    if (cap > 0)
        out[n] = '\0';
    return n;
}

int runcs_send_message(int fd, const char *type, const char *message)
{
    char escaped[2048];
    char frame[4 + sizeof(escaped) + 64];
    int len;
    if (message != NULL) {
        runcs_json_escape(escaped, sizeof(escaped), message);
        len = snprintf(frame + 4, sizeof(frame) - 4, "{\"type\":\"%s\",\"message\":\"%s\"}", type, escaped);
    } else {
        len = snprintf(frame + 4, sizeof(frame) - 4, "{\"type\":\"%s\"}", type);
    }
    if (len < 0 || (size_t)len >= sizeof(frame) - 4)
        return -1;
    frame[0] = (char)(len & 0xff);
    frame[1] = (char)(len >> 8 & 0xff);
    frame[2] = (char)(len >> 16 & 0xff);
    frame[3] = (char)(len >> 24 & 0xff);
    return runcs_write_full(fd, frame, 4 + (size_t)len);
}

int runcs_message_is(const uint8_t *body, size_t len, const char *type)
{
    char want[64];
    int n = snprintf(want, sizeof(want), "\"type\":\"%s\"", type);
    if (n < 0 || (size_t)n >= sizeof(want))
        return 0;
    return memmem(body, len, want, (size_t)n) != NULL;
}

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
    return n < 0 ? -errno : 0;
}
