/*
 * Writes a child's uid/gid maps from the parent user namespace. As root we hold the privilege;
 * as an unprivileged user the kernel accepts one line mapping our own id (gid_map only after
 * setgroups is denied), and anything else goes through the setuid helpers newuidmap/newgidmap,
 * which check /etc/subuid and /etc/subgid.
 */
#include "protocol.h"
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Returns 0 or the errno of the failed open/write. */
static int try_write_proc_file(pid_t pid, const char *name, const char *text)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    size_t len = strlen(text);
    ssize_t n = write(fd, text, len);
    int err = n < 0 ? errno : (n != (ssize_t)len ? EIO : 0);
    close(fd);
    return err;
}

static void write_proc_file(int sync_fd, pid_t pid, const char *name, const char *text)
{
    int err = try_write_proc_file(pid, name, text);
    if (err)
        runcs_bail(sync_fd, err, "write /proc/%d/%s", (int)pid, name);
}

int runcs_map_tool_argv(const char *tool, const char *pid, char *map, char **argv, int max)
{
    int argc = 0;
    if (max < 3)
        return -1;
    argv[argc++] = (char *)tool;
    argv[argc++] = (char *)pid;
    char *save = NULL;
    for (char *tok = strtok_r(map, " \t\n", &save); tok != NULL; tok = strtok_r(NULL, " \t\n", &save)) {
        if (argc >= max - 1)
            return -1;
        argv[argc++] = tok;
    }
    argv[argc] = NULL;
    return argc;
}

/* Runs `tool PID inner outer count...` with an empty environment; returns its exit status. */
static int run_map_tool(int sync_fd, const char *tool, pid_t pid, const char *map)
{
    char text[RUNCS_BOOTSTRAP_MAX];
    char pid_text[16];
    char *argv[RUNCS_MAP_TOOL_MAX_ARGS];
    snprintf(pid_text, sizeof pid_text, "%d", (int)pid);
    snprintf(text, sizeof text, "%s", map);
    if (runcs_map_tool_argv(tool, pid_text, text, argv, RUNCS_MAP_TOOL_MAX_ARGS) < 0)
        runcs_bail(sync_fd, E2BIG, "too many id mappings for %s", tool);

    pid_t child = fork();
    if (child < 0)
        runcs_bail(sync_fd, errno, "fork for %s", tool);
    if (child == 0) {
        char *envp[] = {NULL};
        execve(tool, argv, envp);
        _exit(127);
    }
    int status;
    while (waitpid(child, &status, 0) < 0) {
        if (errno != EINTR)
            runcs_bail(sync_fd, errno, "wait for %s", tool);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void write_map(int sync_fd, pid_t pid, const char *name, const char *map, const char *tool)
{
    int err = try_write_proc_file(pid, name, map);
    if (err == 0)
        return;
    if (err != EPERM || tool == NULL || *tool == '\0')
        runcs_bail(sync_fd, err, "write /proc/%d/%s%s", (int)pid, name,
                   err == EPERM ? ": an unprivileged user can map only its own id (more needs newuidmap/newgidmap "
                                  "and entries in /etc/subuid, /etc/subgid)"
                                : "");
    int status = run_map_tool(sync_fd, tool, pid, map);
    if (status != 0)
        runcs_bail(sync_fd, EPERM, "%s %d failed with exit status %d (see /etc/subuid and /etc/subgid)", tool, (int)pid,
                   status);
}

void runcs_write_id_maps(int sync_fd, pid_t pid, const struct runcs_bootstrap *b)
{
    if (b->setgroups_deny)
        write_proc_file(sync_fd, pid, "setgroups", "deny");
    if (b->uid_map)
        write_map(sync_fd, pid, "uid_map", b->uid_map, b->uidmap_tool);
    if (b->gid_map)
        write_map(sync_fd, pid, "gid_map", b->gid_map, b->gidmap_tool);
}
