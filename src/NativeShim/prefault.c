/*
 * Pre-faulting: taking fresh pages one fault at a time costs ~20 µs each on virtualised hosts,
 * one MADV_POPULATE_WRITE over a range costs a fraction of that. Kernels before 5.14 refuse the
 * advice with EINVAL and the pages are simply faulted in as before.
 * - runcs_prefault_zero_tail: the zero-initialised tail of the executable's writable segment (.bss
 *   and the NativeAOT `.hydrated` section, ~2.6 MB), which the .NET runtime writes in full as it
 *   starts (~13 ms per process start otherwise).
 * - runcs_prefault_heap: the next bytes of the GC's allocation region (see HeapPrefault.cs).
 */
#include "shim.h"

#include <fcntl.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

struct range {
    uintptr_t start, end;
};

static int find_zero_tail(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    struct range *r = data;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_W) || ph->p_memsz <= ph->p_filesz)
            continue;
        r->start = info->dlpi_addr + ph->p_vaddr + ph->p_filesz;
        r->end = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
    }
    return 1; /* the first object is the executable itself */
}

void runcs_prefault_zero_tail(void)
{
    struct range r = {0, 0};
    dl_iterate_phdr(find_zero_tail, &r);
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t start = (r.start + page - 1) & ~(page - 1); /* the partial first page is file-backed */
    uintptr_t end = (r.end + page - 1) & ~(page - 1);
    if (end > start)
        madvise((void *)start, end - start, MADV_POPULATE_WRITE);
}

/* The mapping holding addr and the one right after it, from /proc/self/maps. */
static int find_mapping(uintptr_t addr, struct range *here, struct range *next, char next_perms[5], int *next_anonymous)
{
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    static char buf[64 * 1024];
    size_t used = 0;
    ssize_t n;
    while (used < sizeof buf - 1 && (n = read(fd, buf + used, sizeof buf - 1 - used)) > 0)
        used += (size_t)n;
    close(fd);
    buf[used] = '\0';
    int found = 0;
    for (char *line = buf; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        unsigned long start, end, inode;
        char perms[5];
        int path_at = 0;
        if (sscanf(line, "%lx-%lx %4s %*s %*s %lu %n", &start, &end, perms, &inode, &path_at) >= 4) {
            if (found) {
                next->start = start;
                next->end = end;
                memcpy(next_perms, perms, 5);
                *next_anonymous = inode == 0 && (path_at == 0 || line[path_at] == '\0');
                return 0;
            }
            if (start <= addr && addr < end) {
                here->start = start;
                here->end = end;
                found = 1;
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    return found ? 1 : -1;
}

int runcs_prefault_heap(void *at, size_t len, size_t block)
{
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t addr = (uintptr_t)at;
    uintptr_t start = (addr + page - 1) & ~(page - 1);
    uintptr_t end = (start + len + page - 1) & ~(page - 1);
    uintptr_t block_end = (addr & ~(block - 1)) + block;
    if (end > block_end)
        end = block_end;

    struct range here = {0, 0}, next = {0, 0};
    char next_perms[5] = "";
    int next_anonymous = 0;
    int r = find_mapping(addr, &here, &next, next_perms, &next_anonymous);
    if (r < 0)
        return -1;
    /* Beyond the committed part, only the heap's own reservation: adjoining, anonymous, PROT_NONE. */
    uintptr_t limit = here.end;
    if (r == 0 && next.start == here.end && next_anonymous && strcmp(next_perms, "---p") == 0)
        limit = next.end;
    if (end > limit)
        end = limit;
    if (end <= start)
        return 0;
    if (end > here.end && mprotect((void *)here.end, end - here.end, PROT_READ | PROT_WRITE) < 0)
        return -1;
    return madvise((void *)start, end - start, MADV_POPULATE_WRITE);
}
