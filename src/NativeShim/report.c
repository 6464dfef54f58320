/* Messages from the shim to the runtime: never silent, never a crash without a reason. */
#include "protocol.h"
#include "shim.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void runcs_report(int fd, uint32_t type, int32_t value, const char *text)
{
    struct {
        uint32_t type;
        int32_t value;
        uint32_t len;
        char text[RUNCS_SYNC_MSG_MAX];
    } msg;
    size_t len = text ? strnlen(text, sizeof msg.text) : 0;
    msg.type = type;
    msg.value = value;
    msg.len = (uint32_t)len;
    if (len)
        memcpy(msg.text, text, len);
    runcs_write_full(fd, &msg, 12 + len); /* nothing more to do if the runtime is gone */
}

void runcs_bail(int fd, int err, const char *fmt, ...)
{
    char text[RUNCS_SYNC_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    runcs_report(fd, RUNCS_SYNC_ERROR, err, text);
    _exit(1);
}
