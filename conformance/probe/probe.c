/*
 * probe: the conformance suite's eyes inside a container (and, as a hook, on the host).
 *
 * Usage: probe COMMAND...   Commands run left to right. Fact commands print `key=value` lines;
 * action commands sleep, wait, exit or signal. Output is buffered and written with one write(2)
 * per flush, so several probes appending to one file (hooks) never interleave their lines.
 *
 * Output control:  out=FILE (append what follows to FILE)  tag=NAME (prefix keys with "NAME.")
 * Facts:           ids umask cwd env caps nnp rlimits oom uts ns pid procs netdevs cgroup
 *                  uidmap stdin tty fds mounts mount=PATH stat=PATH read=PATH list=PATH
 *                  write=PATH sysctl=NAME echo=KEY=VALUE
 *                  args (last: prints the whole argv, including what follows it)
 * Actions:         sleep=SECONDS|inf exit=N kill=SIGNUM trap=SIGNUM wait touch=PATH
 *                  waitfor=PATH
 *
 * Errors are reported as facts (read./x=EACCES), never as a failed probe, so a check reads one
 * value. A malformed command line exits 2 with a message on stderr.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* ---- output ---------------------------------------------------------------------------- */

static char *buf;
static size_t buf_len, buf_cap;
static int out_fd = STDOUT_FILENO;
static char tag[64];

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("probe: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

static void flush(void)
{
    size_t done = 0;
    while (done < buf_len) {
        ssize_t n = write(out_fd, buf + done, buf_len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    buf_len = 0;
}

static void append(const char *s, size_t n)
{
    if (buf_len + n > buf_cap) {
        buf_cap = (buf_len + n) * 2 + 256;
        buf = realloc(buf, buf_cap);
        if (!buf)
            die("out of memory");
    }
    memcpy(buf + buf_len, s, n);
    buf_len += n;
}

/* One `[tag.]key=value` line; newlines in the value become spaces so a fact stays one line. */
static void fact(const char *key, const char *fmt, ...)
{
    char value[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(value, sizeof value, fmt, ap);
    va_end(ap);
    for (char *p = value; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    if (tag[0]) {
        append(tag, strlen(tag));
        append(".", 1);
    }
    append(key, strlen(key));
    append("=", 1);
    append(value, strlen(value));
    append("\n", 1);
}

static const char *err_name(int err)
{
    const char *name = strerrorname_np(err);
    return name ? name : "EUNKNOWN";
}

/* ---- small helpers --------------------------------------------------------------------- */

static ssize_t read_file(const char *path, char *data, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t total = 0;
    while (total + 1 < size) {
        ssize_t n = read(fd, data + total, size - 1 - total);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int saved = errno;
            close(fd);
            errno = saved;
            return -1;
        }
        if (n == 0)
            break;
        total += (size_t)n;
    }
    data[total] = '\0';
    close(fd);
    return (ssize_t)total;
}

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int compare_gids(const void *a, const void *b)
{
    gid_t x = *(const gid_t *)a, y = *(const gid_t *)b;
    return x < y ? -1 : x > y;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* ---- facts ----------------------------------------------------------------------------- */

static void do_ids(void)
{
    uid_t ruid, euid, suid;
    gid_t rgid, egid, sgid;
    getresuid(&ruid, &euid, &suid);
    getresgid(&rgid, &egid, &sgid);
    fact("uid", "%u", ruid);
    fact("euid", "%u", euid);
    fact("suid", "%u", suid);
    fact("gid", "%u", rgid);
    fact("egid", "%u", egid);
    fact("sgid", "%u", sgid);

    gid_t groups[256];
    int n = getgroups(256, groups);
    if (n < 0)
        n = 0;
    qsort(groups, (size_t)n, sizeof groups[0], compare_gids);
    char list[4096] = "";
    for (int i = 0; i < n; i++) {
        size_t len = strlen(list);
        snprintf(list + len, sizeof list - len, "%s%u", i ? "," : "", groups[i]);
    }
    fact("groups", "%s", list);
}

static void do_umask(void)
{
    mode_t old = umask(0);
    umask(old);
    fact("umask", "%04o", old);
}

static void do_cwd(void)
{
    char path[4096];
    if (getcwd(path, sizeof path))
        fact("cwd", "%s", path);
    else
        fact("cwd", "%s", err_name(errno));
}

static void do_env(void)
{
    for (char **e = environ; *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq)
            continue;
        char key[512];
        snprintf(key, sizeof key, "env.%.*s", (int)(eq - *e), *e);
        fact(key, "%s", eq + 1);
    }
}

static void do_args(int argc, char **argv)
{
    fact("argc", "%d", argc);
    for (int i = 0; i < argc; i++) {
        char key[32];
        snprintf(key, sizeof key, "arg.%d", i);
        fact(key, "%s", argv[i]);
    }
}

/* Prints the given /proc/self/status fields under new names, e.g. CapEff → cap.eff. */
static void status_fields(const char *const map[][2], size_t count)
{
    char status[16384];
    if (read_file("/proc/self/status", status, sizeof status) < 0)
        return;
    for (char *line = strtok(status, "\n"); line; line = strtok(NULL, "\n")) {
        for (size_t i = 0; i < count; i++) {
            size_t len = strlen(map[i][0]);
            if (strncmp(line, map[i][0], len) == 0 && line[len] == ':') {
                char *value = line + len + 1;
                while (*value == ' ' || *value == '\t')
                    value++;
                fact(map[i][1], "%s", value);
            }
        }
    }
}

static void do_caps(void)
{
    static const char *const map[][2] = {
        { "CapInh", "cap.inh" }, { "CapPrm", "cap.prm" }, { "CapEff", "cap.eff" },
        { "CapBnd", "cap.bnd" }, { "CapAmb", "cap.amb" },
    };
    status_fields(map, sizeof map / sizeof map[0]);
}

static void do_nnp(void)
{
    fact("no_new_privs", "%d", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
}

static void do_rlimits(void)
{
    static const struct { int resource; const char *name; } limits[] = {
        { RLIMIT_AS, "as" }, { RLIMIT_CORE, "core" }, { RLIMIT_CPU, "cpu" },
        { RLIMIT_DATA, "data" }, { RLIMIT_FSIZE, "fsize" }, { RLIMIT_LOCKS, "locks" },
        { RLIMIT_MEMLOCK, "memlock" }, { RLIMIT_MSGQUEUE, "msgqueue" }, { RLIMIT_NICE, "nice" },
        { RLIMIT_NOFILE, "nofile" }, { RLIMIT_NPROC, "nproc" }, { RLIMIT_RSS, "rss" },
        { RLIMIT_RTPRIO, "rtprio" }, { RLIMIT_RTTIME, "rttime" },
        { RLIMIT_SIGPENDING, "sigpending" }, { RLIMIT_STACK, "stack" },
    };
    for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
        struct rlimit rl;
        char key[64], soft[32], hard[32];
        if (getrlimit(limits[i].resource, &rl) < 0)
            continue;
        snprintf(key, sizeof key, "rlimit.%s", limits[i].name);
        if (rl.rlim_cur == RLIM_INFINITY)
            strcpy(soft, "unlimited");
        else
            snprintf(soft, sizeof soft, "%llu", (unsigned long long)rl.rlim_cur);
        if (rl.rlim_max == RLIM_INFINITY)
            strcpy(hard, "unlimited");
        else
            snprintf(hard, sizeof hard, "%llu", (unsigned long long)rl.rlim_max);
        fact(key, "%s:%s", soft, hard);
    }
}

static void do_oom(void)
{
    char value[64];
    if (read_file("/proc/self/oom_score_adj", value, sizeof value) < 0)
        fact("oom_score_adj", "%s", err_name(errno));
    else {
        trim(value);
        fact("oom_score_adj", "%s", value);
    }
}

static void do_uts(void)
{
    char name[256];
    if (gethostname(name, sizeof name) == 0)
        fact("hostname", "%s", name);
    if (getdomainname(name, sizeof name) == 0)
        fact("domainname", "%s", name);
}

static void do_ns(void)
{
    static const char *const types[] = {
        "cgroup", "ipc", "mnt", "net", "pid", "pid_for_children", "time", "user", "uts",
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        char path[64], target[128], key[64];
        snprintf(path, sizeof path, "/proc/self/ns/%s", types[i]);
        snprintf(key, sizeof key, "ns.%s", types[i]);
        ssize_t n = readlink(path, target, sizeof target - 1);
        if (n < 0)
            fact(key, "none");
        else {
            target[n] = '\0';
            fact(key, "%s", target);
        }
    }
}

static void do_pid(void)
{
    fact("pid", "%d", (int)getpid());
    fact("ppid", "%d", (int)getppid());
}

static void do_procs(void)
{
    DIR *dir = opendir("/proc");
    int count = 0;
    if (!dir) {
        fact("procs", "%s", err_name(errno));
        return;
    }
    for (struct dirent *d; (d = readdir(dir));)
        if (isdigit((unsigned char)d->d_name[0]))
            count++;
    closedir(dir);
    fact("procs", "%d", count);
}

static void do_netdevs(void)
{
    char data[16384], list[4096] = "";
    if (read_file("/proc/net/dev", data, sizeof data) < 0) {
        fact("netdevs", "%s", err_name(errno));
        return;
    }
    int line_no = 0;
    for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
        if (++line_no <= 2)
            continue; /* two header lines */
        char *colon = strchr(line, ':');
        if (!colon)
            continue;
        *colon = '\0';
        while (*line == ' ')
            line++;
        size_t len = strlen(list);
        snprintf(list + len, sizeof list - len, "%s%s", len ? "," : "", line);
    }
    fact("netdevs", "%s", list);
}

/* /proc/self/cgroup: "cgroup.<controllers>=<path>", the v2 line as cgroup.unified, name=x as name_x. */
static void do_cgroup(void)
{
    char data[8192];
    if (read_file("/proc/self/cgroup", data, sizeof data) < 0) {
        fact("cgroup", "%s", err_name(errno));
        return;
    }
    for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
        char *controllers = strchr(line, ':');
        char *path = controllers ? strchr(controllers + 1, ':') : NULL;
        if (!path)
            continue;
        *path++ = '\0';
        controllers++;
        char key[256];
        snprintf(key, sizeof key, "cgroup.%s", *controllers ? controllers : "unified");
        for (char *p = key; *p; p++)
            if (*p == '=') /* "name=systemd": keep one '=' per line */
                *p = '_';
        fact(key, "%s", path);
    }
}

/* "0 100000 65536" lines, spaces collapsed, joined by ';'. */
static void id_map(const char *path, const char *key)
{
    char data[4096], joined[4096] = "";
    if (read_file(path, data, sizeof data) < 0) {
        fact(key, "%s", err_name(errno));
        return;
    }
    for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
        unsigned long inside, outside, size;
        if (sscanf(line, "%lu %lu %lu", &inside, &outside, &size) != 3)
            continue;
        size_t len = strlen(joined);
        snprintf(joined + len, sizeof joined - len, "%s%lu %lu %lu", len ? ";" : "", inside,
                 outside, size);
    }
    fact(key, "%s", joined);
}

static void do_uidmap(void)
{
    id_map("/proc/self/uid_map", "uid_map");
    id_map("/proc/self/gid_map", "gid_map");
}

static void do_stdin(void)
{
    char data[8192];
    size_t total = 0;
    for (ssize_t n; total + 1 < sizeof data &&
                    (n = read(STDIN_FILENO, data + total, sizeof data - 1 - total)) != 0;) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        total += (size_t)n;
    }
    data[total] = '\0';
    trim(data);
    fact("stdin", "%s", data);
}

static void do_tty(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        char key[16];
        snprintf(key, sizeof key, "tty.%d", fd);
        fact(key, "%d", isatty(fd));
    }
}

static void do_fds(void)
{
    DIR *dir = opendir("/proc/self/fd");
    if (!dir) {
        fact("fds", "%s", err_name(errno));
        return;
    }
    int own = dirfd(dir), fds[1024], count = 0;
    for (struct dirent *d; (d = readdir(dir));) {
        if (!isdigit((unsigned char)d->d_name[0]))
            continue;
        int fd = atoi(d->d_name);
        if (fd != own && count < 1024)
            fds[count++] = fd;
    }
    closedir(dir);
    qsort(fds, (size_t)count, sizeof fds[0], compare_gids);
    char list[4096] = "";
    for (int i = 0; i < count; i++) {
        size_t len = strlen(list);
        snprintf(list + len, sizeof list - len, "%s%d", i ? "," : "", fds[i]);
    }
    fact("fds", "%s", list);
}

/* mountinfo: "id parent maj:min root mountpoint opts [optional...] - fstype source super" */
struct mount_entry {
    char *point, *opts, *fstype, *source, *super;
};

static int parse_mount(char *line, struct mount_entry *m)
{
    char *fields[6];
    char *p = line;
    for (int i = 0; i < 6; i++) {
        fields[i] = strsep(&p, " ");
        if (!fields[i])
            return -1;
    }
    char *dash = strstr(p ? p : "", "- ");
    if (!dash)
        return -1;
    dash += 2;
    m->point = fields[4];
    m->opts = fields[5];
    m->fstype = strsep(&dash, " ");
    m->source = strsep(&dash, " ");
    m->super = dash ? dash : "";
    return m->fstype && m->source ? 0 : -1;
}

static void do_mounts(void)
{
    static char data[1 << 20];
    if (read_file("/proc/self/mountinfo", data, sizeof data) < 0) {
        fact("mounts", "%s", err_name(errno));
        return;
    }
    int count = 0;
    char *save;
    for (char *line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        struct mount_entry m;
        if (parse_mount(line, &m) < 0)
            continue;
        char key[32];
        snprintf(key, sizeof key, "mount.%d", count++);
        fact(key, "%s %s", m.point, m.fstype);
    }
    fact("mount.count", "%d", count);
}

/* The topmost (last listed) mount at PATH: what a process sees there. */
static void do_mount(const char *path)
{
    static char data[1 << 20];
    char key[4200];
    if (read_file("/proc/self/mountinfo", data, sizeof data) < 0) {
        snprintf(key, sizeof key, "mount.%s", path);
        fact(key, "%s", err_name(errno));
        return;
    }
    struct mount_entry found = { 0 }, m;
    char *save;
    for (char *line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        if (parse_mount(line, &m) == 0 && strcmp(m.point, path) == 0)
            found = m;
    snprintf(key, sizeof key, "mount.%s", path);
    if (!found.point) {
        fact(key, "none");
        return;
    }
    fact(key, "yes");
    snprintf(key, sizeof key, "mount.%s.fstype", path);
    fact(key, "%s", found.fstype);
    snprintf(key, sizeof key, "mount.%s.source", path);
    fact(key, "%s", found.source);
    snprintf(key, sizeof key, "mount.%s.opts", path);
    fact(key, "%s", found.opts);
    snprintf(key, sizeof key, "mount.%s.super", path);
    fact(key, "%s", found.super);
}

static void do_stat(const char *path)
{
    char key[4200];
    struct stat st;
    snprintf(key, sizeof key, "stat.%s", path);
    if (lstat(path, &st) < 0) {
        fact(key, "%s", err_name(errno));
        return;
    }
    const char *type = S_ISCHR(st.st_mode)    ? "char"
                       : S_ISBLK(st.st_mode)  ? "block"
                       : S_ISDIR(st.st_mode)  ? "dir"
                       : S_ISREG(st.st_mode)  ? "file"
                       : S_ISLNK(st.st_mode)  ? "link"
                       : S_ISFIFO(st.st_mode) ? "fifo"
                                              : "socket";
    fact(key, "%s", type);
    snprintf(key, sizeof key, "stat.%s.mode", path);
    fact(key, "%04o", st.st_mode & 07777);
    snprintf(key, sizeof key, "stat.%s.uid", path);
    fact(key, "%u", st.st_uid);
    snprintf(key, sizeof key, "stat.%s.gid", path);
    fact(key, "%u", st.st_gid);
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
        snprintf(key, sizeof key, "stat.%s.rdev", path);
        fact(key, "%u:%u", major(st.st_rdev), minor(st.st_rdev));
    }
    if (S_ISLNK(st.st_mode)) {
        char target[4096];
        ssize_t n = readlink(path, target, sizeof target - 1);
        target[n < 0 ? 0 : n] = '\0';
        snprintf(key, sizeof key, "stat.%s.link", path);
        fact(key, "%s", target);
    }
}

static void do_read(const char *path)
{
    char key[4200], data[4096];
    snprintf(key, sizeof key, "read.%s", path);
    ssize_t n = read_file(path, data, sizeof data);
    if (n < 0) {
        fact(key, "%s", err_name(errno));
        return;
    }
    fact(key, "ok");
    snprintf(key, sizeof key, "read.%s.bytes", path);
    fact(key, "%zd", n);
    snprintf(key, sizeof key, "read.%s.data", path);
    trim(data);
    fact(key, "%.200s", data);
}

static void do_list(const char *path)
{
    char key[4200];
    snprintf(key, sizeof key, "list.%s", path);
    DIR *dir = opendir(path);
    if (!dir) {
        fact(key, "%s", err_name(errno));
        return;
    }
    char *names[512];
    size_t count = 0;
    for (struct dirent *d; (d = readdir(dir)) && count < 512;)
        if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
            names[count++] = strdup(d->d_name);
    closedir(dir);
    qsort(names, count, sizeof names[0], compare_strings);
    char list[8192] = "";
    for (size_t i = 0; i < count; i++) {
        size_t len = strlen(list);
        snprintf(list + len, sizeof list - len, "%s%s", i ? "," : "", names[i]);
        free(names[i]);
    }
    fact(key, "ok");
    snprintf(key, sizeof key, "list.%s.entries", path);
    fact(key, "%s", list);
}

static void do_write(const char *path)
{
    char key[4200];
    snprintf(key, sizeof key, "write.%s", path);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        fact(key, "%s", err_name(errno));
        return;
    }
    ssize_t n = write(fd, "probe\n", 6);
    int err = n < 0 ? errno : 0;
    if (close(fd) < 0 && !err)
        err = errno;
    if (err)
        fact(key, "%s", err_name(err));
    else
        fact(key, "ok");
}

static void do_sysctl(const char *name)
{
    char path[4200], key[4200], value[4096];
    snprintf(path, sizeof path, "/proc/sys/%s", name);
    for (char *p = path + strlen("/proc/sys/"); *p; p++)
        if (*p == '.')
            *p = '/';
    snprintf(key, sizeof key, "sysctl.%s", name);
    if (read_file(path, value, sizeof value) < 0) {
        fact(key, "%s", err_name(errno));
        return;
    }
    trim(value);
    fact(key, "%s", value);
}

/* ---- actions --------------------------------------------------------------------------- */

static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
    caught = sig;
}

static void do_trap(int sig)
{
    struct sigaction sa = { .sa_handler = on_signal };
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, NULL) < 0)
        die("trap=%d: %s", sig, strerror(errno));
}

/* Waits for a trapped signal, then reports it. */
static void do_wait(void)
{
    flush();
    while (!caught)
        pause();
    fact("signal", "%d", (int)caught);
    caught = 0;
}

static void do_sleep(const char *arg)
{
    flush();
    if (strcmp(arg, "inf") == 0)
        for (;;)
            pause();
    sleep_ms((long)(atof(arg) * 1000));
}

static void do_touch(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd >= 0)
        close(fd);
    else
        die("touch %s: %s", path, strerror(errno));
}

static void do_waitfor(const char *path)
{
    flush();
    while (access(path, F_OK) < 0)
        sleep_ms(10);
}

static void set_output(const char *path)
{
    flush();
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        die("out=%s: %s", path, strerror(errno));
    if (out_fd != STDOUT_FILENO)
        close(out_fd);
    out_fd = fd;
}

/* ---- dispatch -------------------------------------------------------------------------- */

static int starts(const char *arg, const char *prefix, const char **rest)
{
    size_t len = strlen(prefix);
    if (strncmp(arg, prefix, len))
        return 0;
    *rest = arg + len;
    return 1;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (starts(a, "out=", &v))
            set_output(v);
        else if (starts(a, "tag=", &v))
            snprintf(tag, sizeof tag, "%s", v);
        else if (!strcmp(a, "ids"))
            do_ids();
        else if (!strcmp(a, "umask"))
            do_umask();
        else if (!strcmp(a, "cwd"))
            do_cwd();
        else if (!strcmp(a, "env"))
            do_env();
        else if (!strcmp(a, "args")) { /* the rest of the command line is data */
            do_args(argc, argv);
            break;
        }
        else if (!strcmp(a, "caps"))
            do_caps();
        else if (!strcmp(a, "nnp"))
            do_nnp();
        else if (!strcmp(a, "rlimits"))
            do_rlimits();
        else if (!strcmp(a, "oom"))
            do_oom();
        else if (!strcmp(a, "uts"))
            do_uts();
        else if (!strcmp(a, "ns"))
            do_ns();
        else if (!strcmp(a, "pid"))
            do_pid();
        else if (!strcmp(a, "procs"))
            do_procs();
        else if (!strcmp(a, "netdevs"))
            do_netdevs();
        else if (!strcmp(a, "cgroup"))
            do_cgroup();
        else if (!strcmp(a, "uidmap"))
            do_uidmap();
        else if (!strcmp(a, "stdin"))
            do_stdin();
        else if (!strcmp(a, "tty"))
            do_tty();
        else if (!strcmp(a, "fds"))
            do_fds();
        else if (!strcmp(a, "mounts"))
            do_mounts();
        else if (starts(a, "mount=", &v))
            do_mount(v);
        else if (starts(a, "stat=", &v))
            do_stat(v);
        else if (starts(a, "read=", &v))
            do_read(v);
        else if (starts(a, "list=", &v))
            do_list(v);
        else if (starts(a, "write=", &v))
            do_write(v);
        else if (starts(a, "sysctl=", &v))
            do_sysctl(v);
        else if (starts(a, "echo=", &v)) {
            const char *eq = strchr(v, '=');
            if (!eq)
                die("echo=%s: want echo=KEY=VALUE", v);
            char key[256];
            snprintf(key, sizeof key, "%.*s", (int)(eq - v), v);
            fact(key, "%s", eq + 1);
        } else if (starts(a, "sleep=", &v))
            do_sleep(v);
        else if (starts(a, "exit=", &v)) {
            flush();
            exit(atoi(v));
        } else if (starts(a, "kill=", &v)) {
            flush();
            kill(getpid(), atoi(v));
        } else if (starts(a, "trap=", &v))
            do_trap(atoi(v));
        else if (!strcmp(a, "wait"))
            do_wait();
        else if (starts(a, "touch=", &v))
            do_touch(v);
        else if (starts(a, "waitfor=", &v))
            do_waitfor(v);
        else
            die("unknown command '%s'", a);
    }
    flush();
    return 0;
}
