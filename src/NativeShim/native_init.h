/* The native init's state and helpers, shared by native_init.c, init_root.c and init_process.c. */
#ifndef RUNCS_NATIVE_INIT_H
#define RUNCS_NATIVE_INIT_H
#include <stddef.h>
#include <stdint.h>

struct runcs_op;

#define RUNCS_INIT_MAX_STRINGS 4096

struct runcs_init {
    int sync_fd;
    uint32_t plan_flags;
    int root_fd;            /* "in root" paths resolve here; -1 before OPEN_ROOT */
    const char *root_path;  /* for messages */
    int proc_fd;            /* a procfs to reopen the exec fifo through; -1 if none yet */
    int dev_null;           /* the container's /dev/null once checked (masked files); -1 before */
    const char *env[RUNCS_INIT_MAX_STRINGS + 2];
    int n_env;
    const char *args[RUNCS_INIT_MAX_STRINGS + 1];
    int n_args;
    char *exec_path;        /* args[0] after LOOKUP */
};

/* Sends {"type":"error","message":...} to the runtime and exits 1. */
__attribute__((noreturn, format(printf, 2, 3))) void runcs_init_fail(struct runcs_init *in, const char *fmt, ...);
/* The same with ": <errno text>" appended, the text lower-cased as Go prints it. */
__attribute__((noreturn, format(printf, 3, 4))) void runcs_init_fail_errno(struct runcs_init *in, int err, const char *fmt, ...);
const char *runcs_errno_text(int err, char *buf, size_t cap);
/* A RUNCS_TRACE=1 line on stderr, in the runtime's PhaseTrace format. */
void runcs_trace(const char *phase);

/* init_root.c: paths inside the root, always through fds */
const char *runcs_root_describe(const struct runcs_init *in, const char *path, char *buf, size_t cap);
int runcs_root_try_open(struct runcs_init *in, const char *path, int no_symlinks, int flags); /* -1: missing */
int runcs_root_open(struct runcs_init *in, const char *path, int flags);
int runcs_root_mkdir_all(struct runcs_init *in, const char *path, unsigned mode);
int runcs_root_create_file(struct runcs_init *in, const char *path);
/* "/a/b/" -> "/a" and "b"; a path without a parent directory has "/". */
void runcs_path_split(const char *path, char *dir, size_t dir_cap, char *name, size_t name_cap);
uint64_t runcs_locked_flags(const struct runcs_init *in, int fd);
/* 1 when op was a filesystem op (and done), 0 when it is not one. */
int runcs_init_mount_op(struct runcs_init *in, struct runcs_op *op);

/* init_console.c: process.terminal (a pty, its master over the console socket, the peer as stdio) */
void runcs_init_console(struct runcs_init *in, int socket_fd, int mount_console, int has_size, unsigned rows, unsigned cols);


/* init_creds.c: 1 when op was a credential op (seccomp, bounding set, user, caps, no_new_privs, umask) and done, else 0. */
int runcs_init_creds_op(struct runcs_init *in, struct runcs_op *op);

/* init_process.c: the process's attributes, up to execve */
void runcs_init_process_op(struct runcs_init *in, struct runcs_op *op);
/* Go's exec.LookPath over the environment's PATH, with its messages; malloc'd result. */
char *runcs_look_path(struct runcs_init *in, const char *name);
#endif
