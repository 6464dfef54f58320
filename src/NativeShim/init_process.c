/*
 * The native init's process ops: sysctls, hostname, rlimits, environment, working directory,
 * the program's path, the fds for the caller (terminal, pidfd), the created -> running gate and
 * execve. Credentials and seccomp are in init_creds.c.
 * The messages are those of the C# init (the Init and Security folders).
 */
#include "protocol.h"
#include "shim.h"
#include "native_init.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>


static void write_sysctl(struct runcs_init *in, const char *key, const char *path, const char *value)
{
    char full[4200];
    snprintf(full, sizeof(full), "/proc/sys/%s", path);
    int fd = open(full, O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0)
        runcs_init_fail_errno(in, errno, "write sysctl %s: open %s", key, full);
    size_t len = strlen(value);
    if (write(fd, value, len) != (ssize_t)len)
        runcs_init_fail_errno(in, errno, "write sysctl %s: write %s", key, full);
    close(fd);
}

static void add_string(struct runcs_init *in, const char **list, int *n, const char *s)
{
    if (*n >= RUNCS_INIT_MAX_STRINGS)
        runcs_init_fail(in, "native init: more than %d arguments or variables", RUNCS_INIT_MAX_STRINGS);
    list[(*n)++] = s;
    list[*n] = NULL;
}

static const char *home_from_passwd(uint32_t uid)
{
    static char home[4096];
    FILE *f = fopen("/etc/passwd", "re");
    if (f == NULL)
        return NULL;
    char line[8192];
    const char *found = NULL;
    while (found == NULL && fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = '\0';
        char *fields[7] = {0};
        int n = 0;
        char *p = line;
        while (n < 7) {
            fields[n++] = p;
            p = strchr(p, ':');
            if (p == NULL)
                break;
            *p++ = '\0';
        }
        if (n < 6 || fields[2][0] == '\0' || fields[5][0] == '\0')
            continue;
        char *end;
        unsigned long u = strtoul(fields[2], &end, 10);
        if (*end == '\0' && fields[2][0] != '-' && u == uid) {
            snprintf(home, sizeof(home), "%s", fields[5]);
            found = home;
        }
    }
    fclose(f);
    return found;
}

static void default_home(struct runcs_init *in, uint32_t uid)
{
    for (int i = 0; i < in->n_env; i++)
        if (strncmp(in->env[i], "HOME=", 5) == 0)
            return;
    const char *home = home_from_passwd(uid);
    char *entry = malloc(strlen(home ? home : "/") + 6);
    if (entry == NULL)
        runcs_init_fail(in, "native init: out of memory");
    strcpy(entry, "HOME=");
    strcat(entry, home ? home : "/");
    add_string(in, in->env, &in->n_env, entry);
}

static int mkdir_all(const char *path, mode_t mode)
{
    char buf[4096];
    snprintf(buf, sizeof(buf), "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, mode) < 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(buf, mode) < 0 && errno != EEXIST ? -1 : 0;
}

static void change_directory(struct runcs_init *in, const char *cwd)
{
    if (cwd[0] == '\0')
        cwd = "/";
    struct stat st;
    if ((stat(cwd, &st) < 0 || !S_ISDIR(st.st_mode)) && mkdir_all(cwd, 0755) < 0)
        runcs_init_fail_errno(in, errno, "mkdir %s", cwd);
    if (chdir(cwd) < 0)
        runcs_init_fail_errno(in, errno, "chdir %s", cwd);
    /* After chdir the working directory must be inside our root (CVE-2024-21626). */
    char actual[4096];
    if (getcwd(actual, sizeof(actual)) == NULL || actual[0] != '/')
        runcs_init_fail(in, "current working directory %s is outside of the container root", cwd);
}

static int is_executable_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISDIR(st.st_mode) && (st.st_mode & 0111) != 0;
}

char *runcs_look_path(struct runcs_init *in, const char *name)
{
    if (strchr(name, '/')) {
        struct stat st;
        if (stat(name, &st) < 0)
            runcs_init_fail(in, "exec: \"%s\": stat %s: no such file or directory", name, name);
        /* A directory is "permission denied", as execve says: Docker maps that to exit code 126. */
        if (S_ISDIR(st.st_mode) || (st.st_mode & 0111) == 0)
            runcs_init_fail(in, "exec: \"%s\": permission denied", name);
        return strdup(name);
    }
    const char *path = "";
    for (int i = 0; i < in->n_env; i++)
        if (strncmp(in->env[i], "PATH=", 5) == 0)
            path = in->env[i] + 5;
    const char *p = path;
    for (;;) {
        const char *end = strchr(p, ':');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char candidate[8192];
        if (n == 0)
            snprintf(candidate, sizeof(candidate), "./%s", name);
        else
            snprintf(candidate, sizeof(candidate), "%.*s%s%s", (int)n, p, p[n - 1] == '/' ? "" : "/", name);
        if (is_executable_file(candidate))
            return strdup(candidate);
        if (end == NULL)
            break;
        p = end + 1;
    }
    runcs_init_fail(in, "exec: \"%s\": executable file not found in $PATH", name);
}

/* --pidfd-socket: a pidfd of this very process (the one that execs), in any pid namespace. */
static void send_pidfd(struct runcs_init *in, int socket_fd, const char *what)
{
    int pidfd = (int)syscall(SYS_pidfd_open, getpid(), 0);
    if (pidfd < 0)
        runcs_init_fail_errno(in, errno, "failed to setup pidfd: pidfd_open");
    int err = runcs_send_fd(socket_fd, pidfd, what);
    if (err < 0)
        runcs_init_fail_errno(in, -err, "failed to setup pidfd: send pidfd");
    close(pidfd);
    close(socket_fd);
}

static void exit_on_signal(int sig) { _exit(128 + sig); }

/* A waiting init is pid 1 of its namespace, which ignores any signal it has no handler for. */
static void exit_on_terminating_signals(void)
{
    static const int signals[] = {SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGTERM};
    struct sigaction sa = {0};
    sa.sa_handler = exit_on_signal;
    for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
        sigaction(signals[i], &sa, NULL);
}

/* The created -> running gate: opening the fifo for writing blocks until `start` reads it. */
static void wait_start(struct runcs_init *in, uint32_t fifo_fd)
{
    char path[64];
    snprintf(path, sizeof(path), "thread-self/fd/%u", fifo_fd);
    int fifo;
    do
        fifo = openat(in->proc_fd, path, O_WRONLY | O_CLOEXEC);
    while (fifo < 0 && errno == EINTR);
    if (fifo < 0)
        runcs_init_fail_errno(in, errno, "open %s", path);
    if (write(fifo, "0", 1) != 1)
        runcs_init_fail_errno(in, errno, "write exec fifo");
    close(fifo);
    close((int)fifo_fd);
    close(in->proc_fd);
    in->proc_fd = -1;
}

static void exec_program(struct runcs_init *in, uint32_t first_closed)
{
    if (in->exec_path == NULL || in->n_args == 0)
        runcs_init_fail(in, "process.args must not be empty");
    /* Every fd but stdio and the preserved ones closes on exec (CVE-2024-21626). */
    if (syscall(SYS_close_range, first_closed, ~0U, 4 /* CLOSE_RANGE_CLOEXEC */) < 0)
        runcs_init_fail_errno(in, errno, "close_range");
    runcs_trace("native: exec");
    execve(in->exec_path, (char *const *)in->args, (char *const *)in->env);
    runcs_init_fail_errno(in, errno, "exec %s", in->exec_path);
}

void runcs_init_process_op(struct runcs_init *in, struct runcs_op *op)
{
    switch (op->code) {
    case RUNCS_OP_SYSCTL: {
        const char *key = runcs_op_str(op), *path = runcs_op_str(op), *value = runcs_op_str(op);
        if (!op->bad)
            write_sysctl(in, key, path, value);
        break;
    }
    case RUNCS_OP_HOSTNAME:
    case RUNCS_OP_DOMAINNAME: {
        const char *name = runcs_op_str(op);
        if (op->bad)
            break;
        int hostname = op->code == RUNCS_OP_HOSTNAME;
        if ((hostname ? sethostname(name, strlen(name)) : setdomainname(name, strlen(name))) < 0)
            runcs_init_fail_errno(in, errno, "%s %s", hostname ? "sethostname" : "setdomainname", name);
        break;
    }
    case RUNCS_OP_CLOSE_FD: {
        uint32_t fd = runcs_op_u32(op);
        if (!op->bad)
            close((int)fd);
        break;
    }
    case RUNCS_OP_RLIMIT: {
        uint32_t resource = runcs_op_u32(op);
        struct rlimit limit;
        limit.rlim_cur = runcs_op_u64(op);
        limit.rlim_max = runcs_op_u64(op);
        const char *name = runcs_op_str(op);
        if (op->bad)
            break;
        if (setrlimit((__rlimit_resource_t)resource, &limit) < 0) {
            char why[128];
            runcs_init_fail(in, "error setting rlimit type %s: %s (soft %llu, hard %llu)", name, runcs_errno_text(errno, why, sizeof(why)),
                            (unsigned long long)limit.rlim_cur, (unsigned long long)limit.rlim_max);
        }
        break;
    }
    case RUNCS_OP_ENV:
    case RUNCS_OP_ARG: {
        const char *s = runcs_op_str(op);
        if (op->bad)
            break;
        if (op->code == RUNCS_OP_ENV)
            add_string(in, in->env, &in->n_env, s);
        else
            add_string(in, in->args, &in->n_args, s);
        break;
    }
    case RUNCS_OP_DEFAULT_HOME: {
        uint32_t uid = runcs_op_u32(op);
        if (!op->bad)
            default_home(in, uid);
        break;
    }
    case RUNCS_OP_CWD: {
        const char *cwd = runcs_op_str(op);
        if (!op->bad)
            change_directory(in, cwd);
        break;
    }
    case RUNCS_OP_LOOKUP:
        if (in->n_args == 0)
            runcs_init_fail(in, "process.args must not be empty");
        in->exec_path = runcs_look_path(in, in->args[0]);
        break;
    case RUNCS_OP_EXIT_ON_SIGNALS:
        exit_on_terminating_signals();
        break;
    case RUNCS_OP_READY:
        runcs_trace("native: ready");
        if (runcs_send_message(in->sync_fd, "ready", NULL) < 0)
            _exit(1);
        break;
    case RUNCS_OP_WAIT_START: {
        uint32_t fifo = runcs_op_u32(op);
        if (!op->bad)
            wait_start(in, fifo);
        break;
    }
    case RUNCS_OP_EXEC: {
        uint32_t first = runcs_op_u32(op);
        if (!op->bad)
            exec_program(in, first);
        break;
    }
    case RUNCS_OP_CONSOLE: {
        uint32_t socket_fd = runcs_op_u32(op), mount_console = runcs_op_u32(op), has_size = runcs_op_u32(op);
        uint32_t rows = runcs_op_u32(op), cols = runcs_op_u32(op);
        if (!op->bad)
            runcs_init_console(in, (int)socket_fd, (int)mount_console, (int)has_size, rows, cols);
        break;
    }
    case RUNCS_OP_SEND_PIDFD: {
        uint32_t socket_fd = runcs_op_u32(op);
        const char *what = runcs_op_str(op);
        if (!op->bad)
            send_pidfd(in, (int)socket_fd, what);
        break;
    }
    case RUNCS_OP_FAIL: {
        const char *message = runcs_op_str(op);
        if (!op->bad)
            runcs_init_fail(in, "%s", message);
        break;
    }
    default:
        runcs_init_fail(in, "native init: unknown op %u", op->code);
    }
}
