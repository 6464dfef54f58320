/*
 * Runtime side: the embedded runcs-init as a sealed memfd, the executable of a native init
 * (CVE-2019-5736: the container can reach it through /proc/<pid>/exe, but a sealed memfd
 * cannot be written). Its pages are freed when the init execs the container's program.
 * Not in the C unit tests: it needs the image that init_image.S embeds.
 */
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef MFD_EXEC
#define MFD_EXEC 0x0010U
#endif

extern const unsigned char runcs_init_image_start[];
extern const unsigned char runcs_init_image_end[];

int runcs_open_init_image(void)
{
    /* MFD_EXEC where the kernel knows it (vm.memfd_noexec may otherwise default to no exec). */
    int fd = (int)syscall(SYS_memfd_create, "runcs-init", MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_EXEC);
    if (fd < 0 && errno == EINVAL)
        fd = (int)syscall(SYS_memfd_create, "runcs-init", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0)
        return -errno;
    int err = -runcs_write_full(fd, runcs_init_image_start, (size_t)(runcs_init_image_end - runcs_init_image_start));
    if (!err && fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE) < 0)
        err = errno;
    if (err) {
        close(fd);
        return -err;
    }
    return fd;
}
