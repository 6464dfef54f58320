/* Writes a child's uid/gid maps from the parent user namespace, where we hold the privilege. */
#include "protocol.h"
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void write_proc_file(int sync_fd, pid_t pid, const char *name, const char *text)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        runcs_bail(sync_fd, errno, "open %s", path);
    size_t len = strlen(text);
    ssize_t n = write(fd, text, len);
    int err = errno;
    close(fd);
    if (n != (ssize_t)len)
        runcs_bail(sync_fd, n < 0 ? err : EIO, "write %s", path);
}

void runcs_write_id_maps(int sync_fd, pid_t pid, const struct runcs_bootstrap *b)
{
    if (b->setgroups_deny)
        write_proc_file(sync_fd, pid, "setgroups", "deny");
    if (b->uid_map)
        write_proc_file(sync_fd, pid, "uid_map", b->uid_map);
    if (b->gid_map)
        write_proc_file(sync_fd, pid, "gid_map", b->gid_map);
}
