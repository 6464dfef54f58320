/* The native init plan (protocol.h), read op by op and field by field with bounds checks. */
#include "protocol.h"
#include "shim.h"

#include <string.h>

static uint32_t le32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }

int runcs_plan_open(struct runcs_plan *plan, const uint8_t *buf, size_t len)
{
    memset(plan, 0, sizeof(*plan));
    if (len < 8 || le32(buf) != RUNCS_PLAN_MAGIC)
        return -1;
    plan->buf = buf;
    plan->len = len;
    plan->flags = le32(buf + 4);
    plan->pos = 8;
    return 0;
}

int runcs_plan_next(struct runcs_plan *plan, struct runcs_op *op)
{
    if (plan->pos == plan->len)
        return 0;
    if (plan->len - plan->pos < 8)
        return -1;
    const uint8_t *h = plan->buf + plan->pos;
    uint32_t len = le32(h + 4);
    if (len > plan->len - plan->pos - 8)
        return -1;
    op->code = (uint16_t)(h[0] | h[1] << 8);
    op->p = h + 8;
    op->end = op->p + len;
    op->bad = 0;
    size_t padded = ((size_t)len + 3) & ~(size_t)3;
    plan->pos += 8 + (padded <= plan->len - plan->pos - 8 ? padded : len);
    return 1;
}

uint32_t runcs_op_u32(struct runcs_op *op)
{
    if (op->bad || op->end - op->p < 4) {
        op->bad = 1;
        return 0;
    }
    uint32_t v = le32(op->p);
    op->p += 4;
    return v;
}

uint64_t runcs_op_u64(struct runcs_op *op)
{
    uint64_t lo = runcs_op_u32(op);
    uint64_t hi = runcs_op_u32(op);
    return lo | hi << 32;
}

const uint8_t *runcs_op_bytes(struct runcs_op *op, uint32_t *len)
{
    uint32_t n = runcs_op_u32(op);
    if (op->bad || (size_t)(op->end - op->p) < (size_t)n + 1 || op->p[n] != '\0') {
        op->bad = 1;
        *len = 0;
        return (const uint8_t *)"";
    }
    const uint8_t *v = op->p;
    op->p += (size_t)n + 1;
    *len = n;
    return v;
}

const char *runcs_op_str(struct runcs_op *op)
{
    uint32_t len;
    return (const char *)runcs_op_bytes(op, &len);
}

const char *runcs_op_str_or_null(struct runcs_op *op)
{
    const char *s = runcs_op_str(op);
    return s[0] == '\0' ? NULL : s;
}
