/*
 * Unit tests of the native init: the plan reader (plan.c), its channel (init_channel.c), paths in
 * the root (init_root.c), PATH lookup (init_process.c) and the interpreter (native_init.c) run in
 * a child with a socketpair as its init socket. Registered in test_bootstrap.c's case table.
 */
#include "check.h"
#include "native_init.h"
#include "protocol.h"
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- building plans ------------------------------------------------------------------------ */

struct plan_buf {
    uint8_t b[8192];
    size_t len, op_start;
};

static void put32(struct plan_buf *p, uint32_t v)
{
    memcpy(p->b + p->len, &v, 4);
    p->len += 4;
}

static void plan_begin(struct plan_buf *p, uint32_t magic, uint32_t flags)
{
    p->len = 0;
    put32(p, magic);
    put32(p, flags);
}

static void op_begin(struct plan_buf *p, uint16_t code)
{
    p->op_start = p->len;
    put32(p, code);
    put32(p, 0);
}

static void op_u64(struct plan_buf *p, uint64_t v)
{
    memcpy(p->b + p->len, &v, 8);
    p->len += 8;
}

static void op_str(struct plan_buf *p, const char *s)
{
    uint32_t n = (uint32_t)strlen(s);
    put32(p, n);
    memcpy(p->b + p->len, s, n + 1);
    p->len += n + 1;
}

static void op_end(struct plan_buf *p)
{
    uint32_t len = (uint32_t)(p->len - p->op_start - 8);
    memcpy(p->b + p->op_start + 4, &len, 4);
    while (p->len % 4)
        p->b[p->len++] = 0;
}

static void op_simple_str(struct plan_buf *p, uint16_t code, const char *s)
{
    op_begin(p, code);
    op_str(p, s);
    op_end(p);
}

/* ---- the plan reader ----------------------------------------------------------------------- */

void plan_fields_read_back_in_order(void)
{
    struct plan_buf p;
    plan_begin(&p, RUNCS_PLAN_MAGIC, RUNCS_PLAN_IN_USERNS);
    op_begin(&p, RUNCS_OP_MOUNT);
    put32(&p, 7);
    op_u64(&p, 0x123456789abcULL);
    op_str(&p, "source");
    op_str(&p, "");
    op_end(&p);
    op_begin(&p, RUNCS_OP_READY);
    op_end(&p);

    struct runcs_plan plan;
    struct runcs_op op;
    CHECK_INT(runcs_plan_open(&plan, p.b, p.len), 0);
    CHECK_INT(plan.flags, RUNCS_PLAN_IN_USERNS);
    CHECK_INT(runcs_plan_next(&plan, &op), 1);
    CHECK_INT(op.code, RUNCS_OP_MOUNT);
    CHECK_INT(runcs_op_u32(&op), 7);
    CHECK(runcs_op_u64(&op) == 0x123456789abcULL);
    CHECK_STR(runcs_op_str(&op), "source");
    CHECK(runcs_op_str_or_null(&op) == NULL);
    CHECK_INT(op.bad, 0);
    CHECK_INT(runcs_plan_next(&plan, &op), 1);
    CHECK_INT(op.code, RUNCS_OP_READY);
    CHECK_INT(runcs_plan_next(&plan, &op), 0);
}

void plan_rejects_bad_headers_and_overruns(void)
{
    struct plan_buf p;
    struct runcs_plan plan;
    struct runcs_op op;
    plan_begin(&p, 0x12345678, 0);
    CHECK_INT(runcs_plan_open(&plan, p.b, p.len), -1);
    CHECK_INT(runcs_plan_open(&plan, p.b, 4), -1);

    plan_begin(&p, RUNCS_PLAN_MAGIC, 0);
    op_begin(&p, RUNCS_OP_UMASK);
    put32(&p, 18);
    op_end(&p);
    CHECK_INT(runcs_plan_open(&plan, p.b, p.len), 0);
    CHECK_INT(runcs_plan_next(&plan, &op), 1);
    runcs_op_u32(&op);
    CHECK_INT(op.bad, 0);
    CHECK_INT(runcs_op_u32(&op), 0); /* past the op's end */
    CHECK_INT(op.bad, 1);

    /* An op whose length runs past the plan. */
    CHECK_INT(runcs_plan_open(&plan, p.b, p.len - 2), 0);
    CHECK_INT(runcs_plan_next(&plan, &op), -1);
}

void plan_strings_need_their_nul(void)
{
    struct plan_buf p;
    plan_begin(&p, RUNCS_PLAN_MAGIC, 0);
    op_simple_str(&p, RUNCS_OP_HOSTNAME, "abc");
    p.b[8 + 8 + 4 + 3] = 'x'; /* the NUL after "abc" */
    struct runcs_plan plan;
    struct runcs_op op;
    CHECK_INT(runcs_plan_open(&plan, p.b, p.len), 0);
    CHECK_INT(runcs_plan_next(&plan, &op), 1);
    CHECK_STR(runcs_op_str(&op), "");
    CHECK_INT(op.bad, 1);
}

/* ---- the channel --------------------------------------------------------------------------- */

void json_escape_quotes_backslashes_and_controls(void)
{
    char out[64];
    runcs_json_escape(out, sizeof out, "a\"b\\c\nd\x01");
    CHECK_STR(out, "a\\\"b\\\\c\\u000ad\\u0001");
    runcs_json_escape(out, 6, "abcdefgh");
    CHECK_STR(out, "abcde");
    runcs_json_escape(out, sizeof out, "/donn\xc3\xa9" "es");
    CHECK_STR(out, "/donn\xc3\xa9" "es");
    runcs_json_escape(out, sizeof out, "a\xff\xc3(b\xe0\x80\x80");
    CHECK_STR(out, "a\\ufffd\\ufffd(b\\ufffd\\ufffd\\ufffd");
}

void message_is_matches_the_type_only(void)
{
    const char *m = "{\"type\":\"hooksDone\"}";
    CHECK(runcs_message_is((const uint8_t *)m, strlen(m), "hooksDone"));
    CHECK(!runcs_message_is((const uint8_t *)m, strlen(m), "error"));
    const char *e = "{\"type\":\"error\",\"message\":\"type hooksDone\"}";
    CHECK(!runcs_message_is((const uint8_t *)e, strlen(e), "hooksDone"));
}

/* ---- paths in the root --------------------------------------------------------------------- */

void path_split_gives_parent_and_name(void)
{
    char dir[64], name[64];
    runcs_path_split("/dev/null", dir, sizeof dir, name, sizeof name);
    CHECK_STR(dir, "/dev");
    CHECK_STR(name, "null");
    runcs_path_split("/x", dir, sizeof dir, name, sizeof name);
    CHECK_STR(dir, "/");
    CHECK_STR(name, "x");
    runcs_path_split("/a/b/", dir, sizeof dir, name, sizeof name);
    CHECK_STR(dir, "/a");
    CHECK(strncmp(name, "b", 1) == 0);
}

static char temp_paths[2][64];

static void remove_temp_paths(void)
{
    for (int i = 0; i < 2; i++)
        if (temp_paths[i][0]) {
            char cmd[256];
            snprintf(cmd, sizeof cmd, "rm -rf '%s'", temp_paths[i]);
            if (system(cmd) != 0)
                printf("could not remove %s\n", temp_paths[i]);
        }
}

/* A directory removed when the case's process exits. */
static char *temp_dir(int slot, const char *prefix)
{
    snprintf(temp_paths[slot], sizeof temp_paths[slot], "/tmp/%s.XXXXXX", prefix);
    static int registered;
    if (!registered++)
        atexit(remove_temp_paths);
    return mkdtemp(temp_paths[slot]);
}

static char *temp_root(void) { return temp_dir(0, "runcs-native-init"); }

static void send_frame(int fd, const struct plan_buf *p);

/* Runs fn in a child with a socketpair as the init socket, sends it plan if given; returns the first frame it sent ("" if none). */
static const char *run_init_child(void (*fn)(struct runcs_init *, void *), void *arg, const struct plan_buf *plan, int *status)
{
    static char message[2048];
    message[0] = '\0';
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
        return "socketpair failed";
    pid_t pid = fork();
    if (pid == 0) {
        close(sv[0]);
        struct runcs_init in = {.sync_fd = sv[1], .root_fd = -1, .proc_fd = -1, .dev_null = -1};
        fn(&in, arg);
        _exit(0);
    }
    close(sv[1]);
    if (plan)
        send_frame(sv[0], plan);
    size_t len;
    uint8_t *body = runcs_frame_read(sv[0], 1 << 20, &len);
    if (body) {
        snprintf(message, sizeof message, "%s", (char *)body);
        free(body);
    }
    close(sv[0]);
    waitpid(pid, status, 0);
    return message;
}

static void open_root(struct runcs_init *in, const char *root)
{
    in->root_fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
    in->root_path = root;
}

void mkdir_all_creates_inside_the_root(void)
{
    char *root = temp_root();
    CHECK(root != NULL);
    struct runcs_init in = {.sync_fd = -1, .root_fd = -1, .proc_fd = -1, .dev_null = -1};
    open_root(&in, root);
    int fd = runcs_root_mkdir_all(&in, "/a/b/c", 0755);
    CHECK(fd >= 0);
    close(fd);
    char path[128];
    snprintf(path, sizeof path, "%s/a/b/c", root);
    struct stat st;
    CHECK(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
}

static void mkdir_through_escape(struct runcs_init *in, void *root)
{
    open_root(in, root);
    runcs_root_mkdir_all(in, "/escape/sub", 0755);
}

void mkdir_all_never_follows_a_symlink_out_of_the_root(void)
{
    char *root = temp_root();
    CHECK(root != NULL);
    char *outside = temp_dir(1, "runcs-outside");
    CHECK(outside != NULL);
    char link[128];
    snprintf(link, sizeof link, "%s/escape", root);
    CHECK(symlink(outside, link) == 0);

    int status;
    const char *message = run_init_child(mkdir_through_escape, root, NULL, &status);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1);
    CHECK(strstr(message, "\"type\":\"error\"") != NULL);
    char sub[128];
    snprintf(sub, sizeof sub, "%s/sub", outside);
    struct stat st;
    CHECK(stat(sub, &st) < 0 && errno == ENOENT);
}

void create_file_makes_an_empty_file_and_its_parents(void)
{
    char *root = temp_root();
    CHECK(root != NULL);
    struct runcs_init in = {.sync_fd = -1, .root_fd = -1, .proc_fd = -1, .dev_null = -1};
    open_root(&in, root);
    int fd = runcs_root_create_file(&in, "/etc/resolv.conf");
    CHECK(fd >= 0);
    close(fd);
    char path[128];
    snprintf(path, sizeof path, "%s/etc/resolv.conf", root);
    struct stat st;
    CHECK(stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0);
}

static void look_up_missing(struct runcs_init *in, void *arg)
{
    (void)arg;
    in->env[in->n_env++] = "PATH=/nonexistent-runcs:/also-not-there";
    runcs_look_path(in, "sh");
}

void look_path_searches_path_like_go(void)
{
    struct runcs_init in = {.sync_fd = -1, .root_fd = -1, .proc_fd = -1, .dev_null = -1};
    in.env[in.n_env++] = "PATH=/nonexistent-runcs:/bin";
    char *found = runcs_look_path(&in, "sh");
    CHECK_STR(found, "/bin/sh");
    free(found);
    int status;
    const char *message = run_init_child(look_up_missing, NULL, NULL, &status);
    CHECK(strstr(message, "exec: \\\"sh\\\": executable file not found in $PATH") != NULL);
}

/* ---- the interpreter ----------------------------------------------------------------------- */

static void send_frame(int fd, const struct plan_buf *p)
{
    uint32_t len = (uint32_t)p->len;
    if (write(fd, &len, 4) != 4 || write(fd, p->b, p->len) != (ssize_t)p->len)
        _exit(3);
}

static void native_init_child(struct runcs_init *in, void *arg)
{
    (void)arg;
    runcs_native_init(in->sync_fd);
}

static const char *run_plan(const struct plan_buf *p, int *status) { return run_init_child(native_init_child, NULL, p, status); }

void native_init_reports_a_bad_plan(void)
{
    struct plan_buf p;
    plan_begin(&p, 0xdeadbeef, 0);
    int status;
    const char *message = run_plan(&p, &status);
    CHECK_STR(message, "{\"type\":\"error\",\"message\":\"native init: the plan has no valid header\"}");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1);
}

void native_init_reports_a_fail_op(void)
{
    struct plan_buf p;
    plan_begin(&p, RUNCS_PLAN_MAGIC, 0);
    op_simple_str(&p, RUNCS_OP_FAIL, "device /dev/x: unknown type q");
    int status;
    const char *message = run_plan(&p, &status);
    CHECK_STR(message, "{\"type\":\"error\",\"message\":\"device /dev/x: unknown type q\"}");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1);
}

void native_init_refuses_an_unknown_op(void)
{
    struct plan_buf p;
    plan_begin(&p, RUNCS_PLAN_MAGIC, 0);
    op_begin(&p, 999);
    op_end(&p);
    int status;
    const char *message = run_plan(&p, &status);
    CHECK_STR(message, "{\"type\":\"error\",\"message\":\"native init: unknown op 999\"}");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1);
}

static int exec_status(const char *foo)
{
    struct plan_buf p;
    plan_begin(&p, RUNCS_PLAN_MAGIC, 0);
    op_simple_str(&p, RUNCS_OP_ENV, "PATH=/bin:/usr/bin");
    op_simple_str(&p, RUNCS_OP_ENV, foo);
    op_simple_str(&p, RUNCS_OP_ARG, "sh");
    op_simple_str(&p, RUNCS_OP_ARG, "-c");
    op_simple_str(&p, RUNCS_OP_ARG, "test \"$FOO\" = bar");
    op_begin(&p, RUNCS_OP_LOOKUP);
    op_end(&p);
    op_begin(&p, RUNCS_OP_EXEC);
    put32(&p, 3);
    op_end(&p);
    int status;
    run_plan(&p, &status);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

void native_init_execs_with_the_plans_env_and_args(void)
{
    CHECK_INT(exec_status("FOO=bar"), 0);
    CHECK_INT(exec_status("FOO=baz"), 1);
}
