/* Parses the bootstrap message (see protocol.h). No allocation beyond the strings it keeps. */
#include "protocol.h"
#include "shim.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *dup_text(const uint8_t *p, uint32_t len)
{
    char *s = malloc(len + 1);
    if (s == NULL)
        return NULL;
    memcpy(s, p, len);
    s[len] = '\0';
    return s;
}

static uint32_t read_u32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

int runcs_bootstrap_parse(const uint8_t *buf, size_t len, struct runcs_bootstrap *out)
{
    memset(out, 0, sizeof *out);
    if (len < 8 || read_u32(buf) != RUNCS_BOOTSTRAP_MAGIC || read_u32(buf + 4) != len)
        return -EINVAL;

    size_t off = 8;
    while (off < len) {
        if (len - off < 8)
            return -EINVAL;
        uint16_t type;
        memcpy(&type, buf + off, sizeof type);
        uint32_t alen = read_u32(buf + off + 4);
        off += 8;
        if (alen > len - off)
            return -EINVAL;
        const uint8_t *p = buf + off;
        char **text = NULL;

        switch (type) {
        case RUNCS_ATTR_CLONE_FLAGS:
        case RUNCS_ATTR_SETGROUPS_DENY:
        case RUNCS_ATTR_MODE:
            if (alen != 4)
                return -EINVAL;
            if (type == RUNCS_ATTR_CLONE_FLAGS)
                out->clone_flags = read_u32(p);
            else if (type == RUNCS_ATTR_MODE)
                out->mode = read_u32(p);
            else
                out->setgroups_deny = read_u32(p);
            break;
        case RUNCS_ATTR_NS_PATH: {
            if (alen < 5 || alen - 4 >= sizeof out->paths[0].path || out->n_paths >= RUNCS_MAX_NS_PATHS)
                return -EINVAL;
            struct runcs_ns_path *ns = &out->paths[out->n_paths++];
            ns->type = read_u32(p);
            memcpy(ns->path, p + 4, alen - 4);
            ns->path[alen - 4] = '\0';
            if (strlen(ns->path) != alen - 4)
                return -EINVAL;
            break;
        }
        case RUNCS_ATTR_UID_MAP:
            text = &out->uid_map;
            break;
        case RUNCS_ATTR_GID_MAP:
            text = &out->gid_map;
            break;
        case RUNCS_ATTR_TIME_OFFSETS:
            text = &out->time_offsets;
            break;
        case RUNCS_ATTR_OOM_SCORE_ADJ:
            text = &out->oom_score_adj;
            break;
        case RUNCS_ATTR_UIDMAP_TOOL:
            text = &out->uidmap_tool;
            break;
        case RUNCS_ATTR_GIDMAP_TOOL:
            text = &out->gidmap_tool;
            break;
        default:
            return -EINVAL;
        }
        if (text != NULL) {
            free(*text);
            *text = dup_text(p, alen);
            if (*text == NULL)
                return -ENOMEM;
        }
        off += (alen + 3u) & ~3u;
    }
    return off == len ? 0 : -EINVAL;
}

int runcs_bootstrap_read(int fd, struct runcs_bootstrap *out)
{
    uint8_t header[8];
    int r = runcs_read_full(fd, header, sizeof header);
    if (r < 0)
        return r;
    uint32_t total = read_u32(header + 4);
    if (read_u32(header) != RUNCS_BOOTSTRAP_MAGIC || total < 8 || total > RUNCS_BOOTSTRAP_MAX)
        return -EINVAL;
    uint8_t *buf = malloc(total);
    if (buf == NULL)
        return -ENOMEM;
    memcpy(buf, header, sizeof header);
    r = runcs_read_full(fd, buf + 8, total - 8);
    if (r == 0)
        r = runcs_bootstrap_parse(buf, total, out);
    free(buf);
    return r;
}
