/*
 * Unit tests of the shim's bootstrap parser (bootstrap.c), its report encoding (report.c) and the
 * newuidmap/newgidmap argument list (idmap.c); the native init's cases are in test_native_init.c.
 * Linked with every shim file but shim.c, whose constructor must not run here.
 * Each case runs in a child process, so a crash fails that case and not the whole run.
 * Output: one line per case, "PASS <name>" or "FAIL <name>: <why>"; tests/NativeShim/run.sh counts them.
 */
#include "protocol.h"
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

int case_failed;

/* ---- building messages -------------------------------------------------------------------- */

struct msg {
    uint8_t buf[RUNCS_BOOTSTRAP_MAX + 64];
    size_t len;
};

static void put_u16(uint8_t *p, uint16_t v) { memcpy(p, &v, sizeof v); }
static void put_u32(uint8_t *p, uint32_t v) { memcpy(p, &v, sizeof v); }

static void msg_init(struct msg *m)
{
    memset(m, 0, sizeof *m);
    put_u32(m->buf, RUNCS_BOOTSTRAP_MAGIC);
    m->len = 8;
}

/* An attribute whose length field says `declared` while `len` payload bytes follow, then `pad` zeros. */
static void msg_raw_attr(struct msg *m, uint16_t type, uint32_t declared, const void *payload, size_t len, size_t pad)
{
    put_u16(m->buf + m->len, type);
    put_u16(m->buf + m->len + 2, 0);
    put_u32(m->buf + m->len + 4, declared);
    m->len += 8;
    if (len)
        memcpy(m->buf + m->len, payload, len);
    m->len += len;
    memset(m->buf + m->len, 0, pad);
    m->len += pad;
}

static void msg_attr(struct msg *m, uint16_t type, const void *payload, size_t len)
{
    msg_raw_attr(m, type, (uint32_t)len, payload, len, (4 - len % 4) % 4);
}

static void msg_u32(struct msg *m, uint16_t type, uint32_t v)
{
    uint8_t p[4];
    put_u32(p, v);
    msg_attr(m, type, p, sizeof p);
}

static void msg_text(struct msg *m, uint16_t type, const char *text) { msg_attr(m, type, text, strlen(text)); }

static void msg_ns_path(struct msg *m, uint32_t flag, const char *path, size_t path_len)
{
    uint8_t p[8192];
    put_u32(p, flag);
    memcpy(p + 4, path, path_len);
    msg_attr(m, RUNCS_ATTR_NS_PATH, p, 4 + path_len);
}

/* Writes the total length of what was added so far. */
static void msg_finish(struct msg *m) { put_u32(m->buf + 4, (uint32_t)m->len); }

static void bootstrap_free(struct runcs_bootstrap *b)
{
    free(b->uid_map);
    free(b->gid_map);
    free(b->time_offsets);
    free(b->oom_score_adj);
    free(b->uidmap_tool);
    free(b->gidmap_tool);
    b->uid_map = b->gid_map = b->time_offsets = b->oom_score_adj = b->uidmap_tool = b->gidmap_tool = NULL;
}

/*
 * Parses `len` bytes of m from an exactly sized heap copy (so that a sanitizer sees any overread),
 * frees whatever the parser kept and returns its result; *out keeps the scalar fields.
 */
static struct runcs_bootstrap parsed;

static int parse_len(const struct msg *m, size_t len)
{
    uint8_t *copy = malloc(len ? len : 1);
    if (copy == NULL)
        abort();
    memcpy(copy, m->buf, len);
    bootstrap_free(&parsed);
    int r = runcs_bootstrap_parse(copy, len, &parsed);
    free(copy);
    return r;
}

static int parse(const struct msg *m) { return parse_len(m, m->len); }

static struct msg m;

/* ---- cases -------------------------------------------------------------------------------- */

static void valid_message_with_all_attribute_types(void)
{
    msg_init(&m);
    msg_u32(&m, RUNCS_ATTR_CLONE_FLAGS, 0x7E020080u);
    msg_u32(&m, RUNCS_ATTR_MODE, RUNCS_MODE_EXEC);
    msg_u32(&m, RUNCS_ATTR_SETGROUPS_DENY, 1);
    msg_ns_path(&m, 0x40000000u, "/proc/1/ns/net", 14);
    msg_ns_path(&m, 0x20000u, "/run/netns/x y", 14);
    msg_text(&m, RUNCS_ATTR_UID_MAP, "0 1000 1\n1 100000 65536\n");
    msg_text(&m, RUNCS_ATTR_GID_MAP, "0 1000 1\n");
    msg_text(&m, RUNCS_ATTR_TIME_OFFSETS, "monotonic 86400 0\nboottime 1 0\n");
    msg_text(&m, RUNCS_ATTR_OOM_SCORE_ADJ, "-500");
    msg_text(&m, RUNCS_ATTR_UIDMAP_TOOL, "/usr/bin/newuidmap");
    msg_text(&m, RUNCS_ATTR_GIDMAP_TOOL, "/usr/bin/newgidmap");
    msg_finish(&m);

    CHECK_INT(parse(&m), 0);
    CHECK_INT(parsed.clone_flags, 0x7E020080u);
    CHECK_INT(parsed.mode, RUNCS_MODE_EXEC);
    CHECK_INT(parsed.setgroups_deny, 1);
    CHECK_INT(parsed.n_paths, 2);
    CHECK_INT(parsed.paths[0].type, 0x40000000u);
    CHECK_STR(parsed.paths[0].path, "/proc/1/ns/net");
    CHECK_INT(parsed.paths[1].type, 0x20000u);
    CHECK_STR(parsed.paths[1].path, "/run/netns/x y");
    CHECK_STR(parsed.uid_map, "0 1000 1\n1 100000 65536\n");
    CHECK_STR(parsed.gid_map, "0 1000 1\n");
    CHECK_STR(parsed.time_offsets, "monotonic 86400 0\nboottime 1 0\n");
    CHECK_STR(parsed.oom_score_adj, "-500");
    CHECK_STR(parsed.uidmap_tool, "/usr/bin/newuidmap");
    CHECK_STR(parsed.gidmap_tool, "/usr/bin/newgidmap");
}

static void header_only_message_is_empty(void)
{
    msg_init(&m);
    msg_finish(&m);

    CHECK_INT(parse(&m), 0);
    CHECK_INT(parsed.clone_flags, 0);
    CHECK_INT(parsed.mode, RUNCS_MODE_INIT);
    CHECK_INT(parsed.setgroups_deny, 0);
    CHECK_INT(parsed.n_paths, 0);
    CHECK(parsed.uid_map == NULL);
    CHECK(parsed.gid_map == NULL);
    CHECK(parsed.time_offsets == NULL);
    CHECK(parsed.oom_score_adj == NULL);
    CHECK(parsed.uidmap_tool == NULL);
    CHECK(parsed.gidmap_tool == NULL);
}

/* The bytes C#'s BootstrapMessage writes (BootstrapMessageTests.Golden_message_matches_the_c_test_vector). */
static void golden_message_from_the_runtime(void)
{
    static const uint8_t golden[] = {
        0x43, 0x4e, 0x55, 0x52, 0x50, 0x00, 0x00, 0x00,                         /* magic, total 80 */
        0x01, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x20, /* clone flags */
        0x02, 0x00, 0x00, 0x00, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, /* ns path: net */
        '/', 'p', 'r', 'o', 'c', '/', '1', '/', 'n', 's', '/', 'n', 'e', 't', 0x00, 0x00,
        0x03, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, /* uid map */
        '0', ' ', '1', '0', '0', '0', ' ', '1', '\n', 0x00, 0x00, 0x00,
        0x08, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, /* mode exec */
    };
    CHECK_INT(sizeof golden, 80);
    msg_init(&m);
    memcpy(m.buf, golden, sizeof golden);
    m.len = sizeof golden;

    CHECK_INT(parse(&m), 0);
    CHECK_INT(parsed.clone_flags, 0x20020000u);
    CHECK_INT(parsed.n_paths, 1);
    CHECK_INT(parsed.paths[0].type, 0x40000000u);
    CHECK_STR(parsed.paths[0].path, "/proc/1/ns/net");
    CHECK_STR(parsed.uid_map, "0 1000 1\n");
    CHECK_INT(parsed.mode, RUNCS_MODE_EXEC);
}

static void bad_magic_is_rejected(void)
{
    msg_init(&m);
    msg_u32(&m, RUNCS_ATTR_CLONE_FLAGS, 1);
    msg_finish(&m);
    put_u32(m.buf, 0x434e5552u); /* byte-swapped */
    CHECK_INT(parse(&m), -EINVAL);

    put_u32(m.buf, 0);
    CHECK_INT(parse(&m), -EINVAL);
}

static void wrong_total_length_is_rejected(void)
{
    msg_init(&m);
    msg_u32(&m, RUNCS_ATTR_CLONE_FLAGS, 1);
    msg_finish(&m);
    uint32_t total = (uint32_t)m.len;

    put_u32(m.buf + 4, total + 4);
    CHECK_INT(parse(&m), -EINVAL);
    put_u32(m.buf + 4, total - 4);
    CHECK_INT(parse(&m), -EINVAL);
    put_u32(m.buf + 4, 8);
    CHECK_INT(parse(&m), -EINVAL);
    put_u32(m.buf + 4, 0);
    CHECK_INT(parse(&m), -EINVAL);
    put_u32(m.buf + 4, total);
    CHECK_INT(parse(&m), 0);
}

static void buffer_shorter_than_the_header_is_rejected(void)
{
    msg_init(&m);
    put_u32(m.buf + 4, 4);
    CHECK_INT(parse_len(&m, 4), -EINVAL);
    put_u32(m.buf + 4, 0);
    CHECK_INT(parse_len(&m, 0), -EINVAL);
    put_u32(m.buf + 4, 7);
    CHECK_INT(parse_len(&m, 7), -EINVAL);
}

static void truncated_attribute_header_is_rejected(void)
{
    /* a complete attribute, then 4 bytes that cannot hold an attribute header */
    msg_init(&m);
    msg_u32(&m, RUNCS_ATTR_CLONE_FLAGS, 1);
    put_u16(m.buf + m.len, RUNCS_ATTR_MODE);
    m.len += 4;
    msg_finish(&m);
    CHECK_INT(parse(&m), -EINVAL);
}

static void truncated_attribute_payload_is_rejected(void)
{
    /* a u32 attribute whose message ends after 2 of its 4 payload bytes */
    msg_init(&m);
    msg_raw_attr(&m, RUNCS_ATTR_CLONE_FLAGS, 4, "\x01\x02", 2, 0);
    msg_finish(&m);
    CHECK_INT(parse(&m), -EINVAL);
}

static void attribute_length_beyond_the_end_is_rejected(void)
{
    static const uint32_t lengths[] = {13, 16, 17, 1000, 0x7fffffffu, 0xfffffff8u, 0xffffffffu};
    for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
        msg_init(&m);
        msg_raw_attr(&m, RUNCS_ATTR_UID_MAP, lengths[i], "0 0 1\n\0\0\0\0\0\0", 12, 0);
        msg_finish(&m);
        int r = parse(&m);
        if (r != -EINVAL) {
            printf("length %u: result %d, expected %d\n", lengths[i], r, -EINVAL);
            case_failed = 1;
            return;
        }
    }
    /* the same message with the true length parses */
    msg_init(&m);
    msg_raw_attr(&m, RUNCS_ATTR_UID_MAP, 12, "0 0 1\n0 1 1\n", 12, 0);
    msg_finish(&m);
    CHECK_INT(parse(&m), 0);
    CHECK_STR(parsed.uid_map, "0 0 1\n0 1 1\n");
}

static void sixteen_ns_paths_are_accepted(void)
{
    char path[32];
    msg_init(&m);
    for (int i = 0; i < RUNCS_MAX_NS_PATHS; i++) {
        int n = snprintf(path, sizeof path, "/proc/%d/ns/ipc", 100 + i);
        msg_ns_path(&m, 0x08000000u, path, (size_t)n);
    }
    msg_finish(&m);

    CHECK_INT(parse(&m), 0);
    CHECK_INT(parsed.n_paths, RUNCS_MAX_NS_PATHS);
    CHECK_STR(parsed.paths[0].path, "/proc/100/ns/ipc");
    CHECK_STR(parsed.paths[RUNCS_MAX_NS_PATHS - 1].path, "/proc/115/ns/ipc");
}

static void too_many_ns_paths_are_rejected(void)
{
    msg_init(&m);
    for (int i = 0; i < RUNCS_MAX_NS_PATHS + 1; i++)
        msg_ns_path(&m, 0x08000000u, "/proc/1/ns/ipc", 14);
    msg_finish(&m);

    CHECK_INT(parse(&m), -EINVAL);
    CHECK(parsed.n_paths <= RUNCS_MAX_NS_PATHS);
}

static void ns_path_with_embedded_nul_is_rejected(void)
{
    msg_init(&m);
    msg_ns_path(&m, 0x40000000u, "/proc/1\0/ns/net", 15);
    msg_finish(&m);
    CHECK_INT(parse(&m), -EINVAL);

    /* a trailing NUL counts too: the path is sent without one */
    msg_init(&m);
    msg_ns_path(&m, 0x40000000u, "/proc/1/ns/net\0", 15);
    msg_finish(&m);
    CHECK_INT(parse(&m), -EINVAL);
}

static void ns_path_without_a_path_is_rejected(void)
{
    static const uint8_t flag_only[4] = {0, 0, 0, 0x40};
    msg_init(&m);
    msg_attr(&m, RUNCS_ATTR_NS_PATH, flag_only, 4);
    msg_finish(&m);
    CHECK_INT(parse(&m), -EINVAL);

    msg_init(&m);
    msg_attr(&m, RUNCS_ATTR_NS_PATH, flag_only, 2);
    msg_finish(&m);
    CHECK_INT(parse(&m), -EINVAL);

    msg_init(&m);
    msg_attr(&m, RUNCS_ATTR_NS_PATH, NULL, 0);
    msg_finish(&m);
    CHECK_INT(parse(&m), -EINVAL);
}

static void ns_path_length_limit(void)
{
    char path[4097];
    memset(path, 'a', sizeof path);
    path[0] = '/';

    msg_init(&m);
    msg_ns_path(&m, 0x20000u, path, 4095); /* fits with its NUL in char[4096] */
    msg_finish(&m);
    CHECK_INT(parse(&m), 0);
    CHECK_INT(strlen(parsed.paths[0].path), 4095);

    msg_init(&m);
    msg_ns_path(&m, 0x20000u, path, 4096);
    msg_finish(&m);
    CHECK_INT(parse(&m), -EINVAL);
}

static void unknown_attribute_type_is_rejected(void)
{
    static const uint16_t types[] = {0, RUNCS_ATTR_GIDMAP_TOOL + 1, 0x100, 0xffff};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        msg_init(&m);
        msg_u32(&m, RUNCS_ATTR_CLONE_FLAGS, 1);
        msg_u32(&m, types[i], 0);
        msg_finish(&m);
        int r = parse(&m);
        if (r != -EINVAL) {
            printf("type %u: result %d, expected %d\n", types[i], r, -EINVAL);
            case_failed = 1;
            return;
        }
    }
}

static void padding_is_skipped_for_every_length(void)
{
    /* text of length 0..7, each followed by a u32 that must be found after the padding */
    static const char *texts[] = {"", "1", "12", "123", "1234", "12345", "123456", "1234567"};
    for (uint32_t i = 0; i < 8; i++) {
        msg_init(&m);
        msg_text(&m, RUNCS_ATTR_OOM_SCORE_ADJ, texts[i]);
        msg_u32(&m, RUNCS_ATTR_CLONE_FLAGS, 0x1000u + i);
        msg_text(&m, RUNCS_ATTR_GID_MAP, texts[7 - i]);
        msg_finish(&m);
        CHECK_INT(m.len % 4, 0);
        CHECK_INT(parse(&m), 0);
        CHECK_STR(parsed.oom_score_adj, texts[i]);
        CHECK_INT(parsed.clone_flags, 0x1000u + i);
        CHECK_STR(parsed.gid_map, texts[7 - i]);
    }
}

static void missing_padding_is_rejected(void)
{
    /* the last attribute's padding is part of the message: 3 payload bytes need 1 pad byte */
    msg_init(&m);
    msg_raw_attr(&m, RUNCS_ATTR_OOM_SCORE_ADJ, 3, "100", 3, 0);
    msg_finish(&m);
    CHECK_INT(parse(&m), -EINVAL);

    /* in the middle, a missing pad byte shifts the next header */
    msg_init(&m);
    msg_raw_attr(&m, RUNCS_ATTR_OOM_SCORE_ADJ, 3, "100", 3, 0);
    msg_u32(&m, RUNCS_ATTR_CLONE_FLAGS, 1);
    msg_finish(&m);
    CHECK_INT(parse(&m), -EINVAL);
}

static void u32_attributes_with_wrong_size_are_rejected(void)
{
    static const uint16_t types[] = {RUNCS_ATTR_CLONE_FLAGS, RUNCS_ATTR_SETGROUPS_DENY, RUNCS_ATTR_MODE};
    static const uint32_t sizes[] = {0, 1, 2, 3, 5, 8};
    static const uint8_t payload[8] = {1, 0, 0, 0, 0, 0, 0, 0};
    for (size_t t = 0; t < 3; t++) {
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
            msg_init(&m);
            msg_attr(&m, types[t], payload, sizes[s]);
            msg_finish(&m);
            int r = parse(&m);
            if (r != -EINVAL) {
                printf("type %u size %u: result %d, expected %d\n", types[t], sizes[s], r, -EINVAL);
                case_failed = 1;
                return;
            }
        }
        msg_init(&m);
        msg_attr(&m, types[t], payload, 4);
        msg_finish(&m);
        CHECK_INT(parse(&m), 0);
    }
}

static void repeated_text_attribute_keeps_the_last(void)
{
    msg_init(&m);
    msg_text(&m, RUNCS_ATTR_UID_MAP, "0 1 1\n");
    msg_text(&m, RUNCS_ATTR_UID_MAP, "0 2 1\n");
    msg_u32(&m, RUNCS_ATTR_CLONE_FLAGS, 1);
    msg_u32(&m, RUNCS_ATTR_CLONE_FLAGS, 2);
    msg_finish(&m);

    CHECK_INT(parse(&m), 0);
    CHECK_STR(parsed.uid_map, "0 2 1\n");
    CHECK_INT(parsed.clone_flags, 2);
}

static void empty_text_attribute_is_an_empty_string(void)
{
    msg_init(&m);
    msg_text(&m, RUNCS_ATTR_TIME_OFFSETS, "");
    msg_finish(&m);

    CHECK_INT(parse(&m), 0);
    CHECK_STR(parsed.time_offsets, "");
}

static void parse_resets_the_output(void)
{
    struct runcs_bootstrap b;
    memset(&b, 0xff, sizeof b);
    b.uid_map = b.gid_map = b.time_offsets = b.oom_score_adj = b.uidmap_tool = b.gidmap_tool = NULL;
    msg_init(&m);
    msg_finish(&m);

    CHECK_INT(runcs_bootstrap_parse(m.buf, m.len, &b), 0);
    CHECK_INT(b.clone_flags, 0);
    CHECK_INT(b.mode, 0);
    CHECK_INT(b.setgroups_deny, 0);
    CHECK_INT(b.n_paths, 0);
    CHECK(b.uid_map == NULL);
}

/* ---- newuidmap/newgidmap arguments (idmap.c) ---------------------------------------------- */

static void map_tool_argv_lists_every_number(void)
{
    char map[] = "0 1000 1\n1 100000 65536\n";
    char *argv[16];
    CHECK_INT(runcs_map_tool_argv("/usr/bin/newuidmap", "42", map, argv, 16), 8);
    CHECK_STR(argv[0], "/usr/bin/newuidmap");
    CHECK_STR(argv[1], "42");
    CHECK_STR(argv[2], "0");
    CHECK_STR(argv[3], "1000");
    CHECK_STR(argv[4], "1");
    CHECK_STR(argv[5], "1");
    CHECK_STR(argv[6], "100000");
    CHECK_STR(argv[7], "65536");
    CHECK(argv[8] == NULL);
}

static void map_tool_argv_skips_repeated_blanks(void)
{
    char map[] = "  0\t1000   1\n\n";
    char *argv[8];
    CHECK_INT(runcs_map_tool_argv("t", "1", map, argv, 8), 5);
    CHECK_STR(argv[2], "0");
    CHECK_STR(argv[3], "1000");
    CHECK_STR(argv[4], "1");
    CHECK(argv[5] == NULL);
}

static void map_tool_argv_refuses_what_does_not_fit(void)
{
    char map[] = "0 1000 1\n1 2000 1\n";
    char *argv[8];
    CHECK_INT(runcs_map_tool_argv("t", "1", map, argv, 8), -1);
    char small[] = "0 1000 1\n";
    CHECK_INT(runcs_map_tool_argv("t", "1", small, argv, 6), 5);
    CHECK_INT(runcs_map_tool_argv("t", "1", small, argv, 2), -1);
}

/* ---- runcs_bootstrap_read ------------------------------------------------------------------ */

static void read_from_a_socket(void)
{
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
    msg_init(&m);
    msg_u32(&m, RUNCS_ATTR_CLONE_FLAGS, 0x20000000u);
    msg_text(&m, RUNCS_ATTR_GID_MAP, "0 0 4294967295\n");
    msg_finish(&m);
    /* in two pieces: the reader must keep reading */
    CHECK(write(sv[1], m.buf, 5) == 5);
    CHECK(write(sv[1], m.buf + 5, m.len - 5) == (ssize_t)(m.len - 5));

    struct runcs_bootstrap b;
    int r = runcs_bootstrap_read(sv[0], &b);
    close(sv[0]);
    close(sv[1]);
    CHECK_INT(r, 0);
    CHECK_INT(b.clone_flags, 0x20000000u);
    CHECK_STR(b.gid_map, "0 0 4294967295\n");
    bootstrap_free(&b);
}

static void read_rejects_oversized_and_short_messages(void)
{
    int sv[2];
    struct runcs_bootstrap b;
    uint8_t header[8];

    put_u32(header, RUNCS_BOOTSTRAP_MAGIC);
    put_u32(header + 4, RUNCS_BOOTSTRAP_MAX + 4);
    CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
    CHECK(write(sv[1], header, sizeof header) == sizeof header);
    CHECK_INT(runcs_bootstrap_read(sv[0], &b), -EINVAL);
    close(sv[0]);
    close(sv[1]);

    put_u32(header + 4, 4);
    CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
    CHECK(write(sv[1], header, sizeof header) == sizeof header);
    CHECK_INT(runcs_bootstrap_read(sv[0], &b), -EINVAL);
    close(sv[0]);
    close(sv[1]);

    /* the peer goes away after announcing 20 bytes and sending 12 */
    msg_init(&m);
    msg_u32(&m, RUNCS_ATTR_MODE, 0);
    msg_finish(&m);
    CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
    CHECK(write(sv[1], m.buf, 12) == 12);
    close(sv[1]);
    CHECK_INT(runcs_bootstrap_read(sv[0], &b), -EPIPE);
    close(sv[0]);

    /* nothing at all */
    CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
    close(sv[1]);
    CHECK_INT(runcs_bootstrap_read(sv[0], &b), -EPIPE);
    close(sv[0]);
}

/* ---- report encoding ------------------------------------------------------------------------ */

static ssize_t read_all(int fd, uint8_t *buf, size_t cap)
{
    size_t got = 0;
    for (;;) {
        ssize_t n = read(fd, buf + got, cap - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n < 0 ? n : (ssize_t)got;
        got += (size_t)n;
        if (got == cap)
            return (ssize_t)got;
    }
}

static uint32_t get_u32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static void report_encodes_type_value_length_text(void)
{
    int p[2];
    uint8_t buf[64];
    CHECK(pipe(p) == 0);
    runcs_report(p[1], RUNCS_SYNC_ERROR, -7, "open /x");
    runcs_report(p[1], RUNCS_SYNC_CHILD_PID, 4242, NULL);
    close(p[1]);
    ssize_t n = read_all(p[0], buf, sizeof buf);
    close(p[0]);

    CHECK_INT(n, 12 + 7 + 12);
    CHECK_INT(get_u32(buf), RUNCS_SYNC_ERROR);
    CHECK_INT((int32_t)get_u32(buf + 4), -7);
    CHECK_INT(get_u32(buf + 8), 7);
    CHECK(memcmp(buf + 12, "open /x", 7) == 0);
    CHECK_INT(get_u32(buf + 19), RUNCS_SYNC_CHILD_PID);
    CHECK_INT(get_u32(buf + 23), 4242);
    CHECK_INT(get_u32(buf + 27), 0);
}

static void report_truncates_text_to_the_maximum(void)
{
    int p[2];
    static uint8_t buf[RUNCS_SYNC_MSG_MAX * 2 + 64];
    static char text[RUNCS_SYNC_MSG_MAX * 2];
    memset(text, 'x', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    CHECK(pipe(p) == 0);
    runcs_report(p[1], RUNCS_SYNC_ERROR, 1, text);
    close(p[1]);
    ssize_t n = read_all(p[0], buf, sizeof buf);
    close(p[0]);

    CHECK_INT(n, 12 + RUNCS_SYNC_MSG_MAX);
    CHECK_INT(get_u32(buf + 8), RUNCS_SYNC_MSG_MAX);
    CHECK(buf[12] == 'x' && buf[12 + RUNCS_SYNC_MSG_MAX - 1] == 'x');
}

static void bail_reports_formatted_error_and_exits_1(void)
{
    int p[2];
    uint8_t buf[128];
    CHECK(pipe(p) == 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        close(p[0]);
        runcs_bail(p[1], EACCES, "join namespace %s (%d)", "/proc/1/ns/net", 3);
    }
    close(p[1]);
    ssize_t n = read_all(p[0], buf, sizeof buf);
    close(p[0]);
    int status;
    CHECK(waitpid(pid, &status, 0) == pid);

    CHECK(WIFEXITED(status));
    CHECK_INT(WEXITSTATUS(status), 1);
    const char *expected = "join namespace /proc/1/ns/net (3)";
    CHECK_INT(n, 12 + (ssize_t)strlen(expected));
    CHECK_INT(get_u32(buf), RUNCS_SYNC_ERROR);
    CHECK_INT(get_u32(buf + 4), EACCES);
    CHECK_INT(get_u32(buf + 8), strlen(expected));
    CHECK(memcmp(buf + 12, expected, strlen(expected)) == 0);
}

/* ---- main ------------------------------------------------------------------------------------ */

struct test_case {
    const char *name;
    void (*fn)(void);
};

#define CASE(f) {#f, f}

/* A zero-initialised array lands in .bss, the tail that runcs_prefault_zero_tail maps in. */
static char zero_tail_probe[1 << 20];

static size_t resident_pages(void *addr, size_t len)
{
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t start = ((uintptr_t)addr + page - 1) & ~(page - 1);
    uintptr_t end = ((uintptr_t)addr + len) & ~(page - 1);
    unsigned char vec[(1 << 20) / 4096 + 1];
    if (mincore((void *)start, end - start, vec) < 0)
        return (size_t)-1;
    size_t n = 0;
    for (size_t i = 0; i < (end - start) / page; i++)
        n += vec[i] & 1;
    return n;
}

static void prefault_maps_the_zero_tail_in(void)
{
    size_t pages = (sizeof zero_tail_probe) / (size_t)sysconf(_SC_PAGESIZE) - 1;
    CHECK(resident_pages(zero_tail_probe, sizeof zero_tail_probe) < pages);
    runcs_prefault_zero_tail();
    size_t after = resident_pages(zero_tail_probe, sizeof zero_tail_probe);
    struct utsname u;
    uname(&u);
    int major = 0, minor = 0;
    sscanf(u.release, "%d.%d", &major, &minor);
    if (major > 5 || (major == 5 && minor >= 14))
        CHECK_INT(after, pages); /* MADV_POPULATE_WRITE exists from 5.14 */
    CHECK_INT(zero_tail_probe[12345], 0);
}

static int kernel_has_populate(void)
{
    struct utsname u;
    uname(&u);
    int major = 0, minor = 0;
    sscanf(u.release, "%d.%d", &major, &minor);
    return major > 5 || (major == 5 && minor >= 14);
}

/* What runcs_prefault_heap sees in a .NET process: a GC region whose first part is committed
 * (read-write) and whose rest is still reserved (PROT_NONE), 4 MB aligned. */
static char *gc_like_region(size_t block, size_t committed)
{
    char *raw = mmap(NULL, 3 * block, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (raw == MAP_FAILED)
        return NULL;
    char *region = (char *)(((uintptr_t)raw + block - 1) & ~(uintptr_t)(block - 1));
    if (mprotect(region, committed, PROT_READ | PROT_WRITE) < 0)
        return NULL;
    return region;
}

static void prefault_heap_maps_in_the_next_bytes_of_the_region(void)
{
    const size_t block = 4 << 20, committed = 64 << 10, ahead = 1 << 20;
    char *region = gc_like_region(block, committed);
    CHECK(region != NULL);
    char *at = region + 12345;
    CHECK_INT(runcs_prefault_heap(at, ahead, block), 0);
    if (kernel_has_populate())
        CHECK_INT(resident_pages(at + 4096, ahead - 8192), (ahead - 8192) / 4096 - 1);
    /* Writable now, and zero as fresh memory must be. */
    CHECK_INT(at[ahead - 1], 0);
    at[ahead - 1] = 1;
    /* Nothing past what was asked is committed. */
    unsigned char vec;
    CHECK_INT(mincore(region + 2 * ahead, 4096, &vec), 0);
    CHECK_INT(vec & 1, 0);
}

static void prefault_heap_stays_inside_the_region(void)
{
    const size_t block = 4 << 20;
    char *region = gc_like_region(block, block - 8192);
    CHECK(region != NULL);
    /* Asking for far more than is left stops at the region's end, although the reservation goes
     * on: the next block stays PROT_NONE and unpopulated. */
    CHECK_INT(runcs_prefault_heap(region + block - 12000, 4 << 20, block), 0);
    unsigned char vec;
    CHECK(mincore(region + block, 4096, &vec) == 0);
    CHECK_INT(vec & 1, 0);
    CHECK_INT(mprotect(region + block, 4096, PROT_NONE), 0);
}

static void prefault_heap_never_touches_other_mappings(void)
{
    /* A read-write page followed by a read-only one (not a heap reservation): only the first is touched. */
    char *two = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(two != MAP_FAILED);
    CHECK_INT(mprotect(two + 4096, 4096, PROT_READ), 0);
    CHECK_INT(runcs_prefault_heap(two, 8192, 4 << 20), 0);
    /* Still read-only: a write would fault; its protection is visible in /proc/self/maps. */
    char want[64];
    snprintf(want, sizeof want, "%lx-%lx r--p", (unsigned long)(uintptr_t)(two + 4096), (unsigned long)(uintptr_t)(two + 8192));
    FILE *maps = fopen("/proc/self/maps", "r");
    CHECK(maps != NULL);
    char line[512];
    int found = 0;
    while (fgets(line, sizeof line, maps))
        found |= strncmp(line, want, strlen(want)) == 0;
    fclose(maps);
    CHECK(found);
    /* An address outside any mapping is refused, not guessed at. */
    CHECK_INT(runcs_prefault_heap((void *)8, 4096, 4 << 20), -1);
}

static const struct test_case cases[] = {
    CASE(valid_message_with_all_attribute_types),
    CASE(header_only_message_is_empty),
    CASE(golden_message_from_the_runtime),
    CASE(bad_magic_is_rejected),
    CASE(wrong_total_length_is_rejected),
    CASE(buffer_shorter_than_the_header_is_rejected),
    CASE(truncated_attribute_header_is_rejected),
    CASE(truncated_attribute_payload_is_rejected),
    CASE(attribute_length_beyond_the_end_is_rejected),
    CASE(sixteen_ns_paths_are_accepted),
    CASE(too_many_ns_paths_are_rejected),
    CASE(ns_path_with_embedded_nul_is_rejected),
    CASE(ns_path_without_a_path_is_rejected),
    CASE(ns_path_length_limit),
    CASE(unknown_attribute_type_is_rejected),
    CASE(padding_is_skipped_for_every_length),
    CASE(missing_padding_is_rejected),
    CASE(u32_attributes_with_wrong_size_are_rejected),
    CASE(repeated_text_attribute_keeps_the_last),
    CASE(empty_text_attribute_is_an_empty_string),
    CASE(parse_resets_the_output),
    CASE(map_tool_argv_lists_every_number),
    CASE(map_tool_argv_skips_repeated_blanks),
    CASE(map_tool_argv_refuses_what_does_not_fit),
    CASE(read_from_a_socket),
    CASE(read_rejects_oversized_and_short_messages),
    CASE(report_encodes_type_value_length_text),
    CASE(report_truncates_text_to_the_maximum),
    CASE(bail_reports_formatted_error_and_exits_1),
    CASE(prefault_maps_the_zero_tail_in),
    CASE(prefault_heap_maps_in_the_next_bytes_of_the_region),
    CASE(prefault_heap_stays_inside_the_region),
    CASE(prefault_heap_never_touches_other_mappings),
    NATIVE_INIT_CASES
};

/* Runs one case in a child whose stdout is a pipe; its complaints become the FAIL line's reason. */
static int run_case(const struct test_case *c)
{
    int out[2];
    if (pipe(out) < 0) {
        perror("pipe");
        exit(2);
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(2);
    }
    if (pid == 0) {
        close(out[0]);
        dup2(out[1], STDOUT_FILENO);
        close(out[1]);
        c->fn();
        bootstrap_free(&parsed);
        exit(case_failed ? 1 : 0);
    }
    close(out[1]);
    char reason[1024];
    size_t len = 0;
    for (;;) {
        char chunk[256];
        ssize_t n = read(out[0], chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        for (ssize_t i = 0; i < n && len < sizeof reason - 1; i++)
            reason[len++] = chunk[i] == '\n' ? ';' : chunk[i];
    }
    close(out[0]);
    while (len > 0 && (reason[len - 1] == ';' || reason[len - 1] == ' '))
        len--;
    reason[len] = '\0';
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            perror("waitpid");
            exit(2);
        }
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && len == 0) {
        printf("PASS %s\n", c->name);
        return 0;
    }
    const char *sep = len ? "; " : "";
    if (WIFSIGNALED(status))
        printf("FAIL %s: killed by signal %d%s%s\n", c->name, WTERMSIG(status), sep, reason);
    else
        printf("FAIL %s: exit status %d%s%s\n", c->name, WEXITSTATUS(status), sep, reason);
    return 1;
}

/* With an argument, runs only the case of that name. Exits 1 if any case failed. */
int main(int argc, char **argv)
{
    int failed = 0, ran = 0;
    setvbuf(stdout, NULL, _IONBF, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (argc > 1 && strcmp(argv[1], cases[i].name) != 0)
            continue;
        ran++;
        failed |= run_case(&cases[i]);
    }
    if (ran == 0) {
        printf("FAIL %s: no such case\n", argc > 1 ? argv[1] : "(none)");
        return 1;
    }
    return failed;
}
