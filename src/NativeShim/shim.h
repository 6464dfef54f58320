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
#endif
