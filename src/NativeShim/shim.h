#ifndef RUNCS_SHIM_H
#define RUNCS_SHIM_H
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define RUNCS_MAX_NS_PATHS 16

struct runcs_ns_path {
    uint32_t type;
    char path[4096];
};

struct runcs_bootstrap {
    uint32_t clone_flags;
    uint32_t mode;
    uint32_t setgroups_deny;
    int n_paths;
    struct runcs_ns_path paths[RUNCS_MAX_NS_PATHS];
    char *uid_map;
    char *gid_map;
    char *time_offsets;
    char *oom_score_adj;
    char *uidmap_tool;
    char *gidmap_tool;
};

/* io.c: 0, or -errno (-EPIPE: the peer closed before len bytes) */
int runcs_read_full(int fd, void *buf, size_t len);
int runcs_write_full(int fd, const void *buf, size_t len);

/* bootstrap.c */
int runcs_bootstrap_parse(const uint8_t *buf, size_t len, struct runcs_bootstrap *out);
int runcs_bootstrap_read(int fd, struct runcs_bootstrap *out);

/* report.c: errors and pids to the runtime over the init socket */
void runcs_report(int fd, uint32_t type, int32_t value, const char *text);
__attribute__((noreturn, format(printf, 3, 4))) void runcs_bail(int fd, int err, const char *fmt, ...);

/* namespaces.c */
int runcs_join_namespaces(int sync_fd, const struct runcs_bootstrap *b);
pid_t runcs_clone_into(uint32_t flags);

/* prefault.c */
void runcs_prefault_zero_tail(void);
int runcs_prefault_heap(void *at, size_t len, size_t block);

/* idmap.c */
/* The kernel takes at most 340 map lines of three numbers; plus tool, pid and the NULL. */
#define RUNCS_MAP_TOOL_MAX_ARGS (3 + 3 * 340)
void runcs_write_id_maps(int sync_fd, pid_t pid, const struct runcs_bootstrap *b);
/* Splits map text (modified in place) into argv for newuidmap/newgidmap: tool pid id id count...;
 * returns argc, or -1 when more than max - 1 entries would be needed. */
int runcs_map_tool_argv(const char *tool, const char *pid, char *map, char **argv, int max);
/* plan.c: the native init plan; a field read past its op's end sets bad and returns 0 or "" */
struct runcs_plan {
    const uint8_t *buf;
    size_t len, pos;
    uint32_t flags;
};
struct runcs_op {
    uint16_t code;
    const uint8_t *p, *end;
    int bad;
};
int runcs_plan_open(struct runcs_plan *plan, const uint8_t *buf, size_t len);
/* 1: *op is the next op; 0: the end; -1: malformed. */
int runcs_plan_next(struct runcs_plan *plan, struct runcs_op *op);
uint32_t runcs_op_u32(struct runcs_op *op);
uint64_t runcs_op_u64(struct runcs_op *op);
const uint8_t *runcs_op_bytes(struct runcs_op *op, uint32_t *len);
const char *runcs_op_str(struct runcs_op *op);
const char *runcs_op_str_or_null(struct runcs_op *op);

/* init_channel.c: frames to and from the runtime (MessageChannel.cs) */
uint8_t *runcs_frame_read(int fd, size_t max, size_t *len); /* malloc'd, NUL-terminated; NULL on EOF or error */
size_t runcs_json_escape(char *out, size_t cap, const char *text);
int runcs_send_message(int fd, const char *type, const char *message);
int runcs_message_is(const uint8_t *body, size_t len, const char *type);
/* One sendmsg: name as the data, fd as the only SCM_RIGHTS (runc's console-socket protocol); 0 or -errno. */
int runcs_send_fd(int socket_fd, int fd, const char *name);

/* init_image.c: the embedded runcs-init as a sealed memfd (close-on-exec), or -errno */
int runcs_open_init_image(void);

/* native_init.c: stage 1 of RUNCS_MODE_INIT_NATIVE; never returns */
__attribute__((noreturn)) void runcs_native_init(int sync_fd);
#endif
