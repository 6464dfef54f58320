/*
 * Stage 1 of a container's init when the runtime sends a plan (RUNCS_MODE_INIT_NATIVE): the steps
 * C# init would take, computed by the runtime and run here, so that a container's init never
 * starts the .NET runtime. Each op is a syscall or two; the decisions that need the config were
 * taken by the runtime, the ones that need the container's filesystem are taken here.
 */
#include "protocol.h"
#include "shim.h"
#include "native_init.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char *runcs_errno_text(int err, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", strerror(err));
    if (buf[0] >= 'A' && buf[0] <= 'Z' && buf[1] >= 'a' && buf[1] <= 'z')
        buf[0] = (char)(buf[0] - 'A' + 'a');
    return buf;
}

/* RUNCS_TRACE=1: the same line as the runtime's PhaseTrace (CLOCK_MONOTONIC ms), on stderr. */
void runcs_trace(const char *phase)
{
    const char *on = getenv("RUNCS_TRACE");
    if (on == NULL || strcmp(on, "1") != 0)
        return;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    long long us = (long long)t.tv_sec * 1000000 + t.tv_nsec / 1000;
    fprintf(stderr, "[%d] %10.2f ms       0 KB  0 GC  %s\n", getpid(), (double)(us % 100000000) / 1000.0, phase);
}

static __attribute__((noreturn)) void fail_with(struct runcs_init *in, const char *text)
{
    runcs_send_message(in->sync_fd, "error", text);
    _exit(1);
}

void runcs_init_fail(struct runcs_init *in, const char *fmt, ...)
{
    char text[1536];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    fail_with(in, text);
}

void runcs_init_fail_errno(struct runcs_init *in, int err, const char *fmt, ...)
{
    char text[1536], why[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < sizeof(text))
        snprintf(text + n, sizeof(text) - (size_t)n, ": %s", runcs_errno_text(err, why, sizeof(why)));
    fail_with(in, text);
}

void runcs_native_init(int sync_fd)
{
    struct runcs_init in = {.sync_fd = sync_fd, .root_fd = -1, .proc_fd = -1, .dev_null = -1};
    runcs_trace("native: started");
    size_t len;
    uint8_t *buf = runcs_frame_read(sync_fd, RUNCS_PLAN_MAX, &len);
    if (buf == NULL)
        _exit(1); /* the runtime went away: nobody to tell */
    runcs_trace("native: plan received");
    struct runcs_plan plan;
    if (runcs_plan_open(&plan, buf, len) < 0)
        runcs_init_fail(&in, "native init: the plan has no valid header");
    in.plan_flags = plan.flags;

    struct runcs_op op;
    int r;
    while ((r = runcs_plan_next(&plan, &op)) == 1) {
        if (!runcs_init_mount_op(&in, &op) && !runcs_init_creds_op(&in, &op))
            runcs_init_process_op(&in, &op); /* fails on an op it does not know either */
        if (op.bad)
            runcs_init_fail(&in, "native init: op %u of the plan is truncated", op.code);
    }
    if (r < 0)
        runcs_init_fail(&in, "native init: the plan is malformed");
    runcs_init_fail(&in, "native init: the plan ended without exec");
}
