using System.Runtime.InteropServices;

namespace Runc.Sharp.Runtime.Sys;

/// <summary>posix_spawn and its attribute and file-action objects (opaque glibc structs, kept in oversized buffers).</summary>
internal static unsafe partial class LibC
{
    /// <summary>Bytes reserved for posix_spawnattr_t (336 in glibc x86_64) and posix_spawn_file_actions_t (80).</summary>
    internal const int SpawnStructSize = 512;
    internal const short POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08;
    /// <summary>sigset_t is 128 bytes in glibc.</summary>
    internal const int SigSetSize = 128;

    [LibraryImport("libc")] internal static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);
    [LibraryImport("libc")] internal static partial int posix_spawn_file_actions_init(void* actions);
    [LibraryImport("libc")] internal static partial int posix_spawn_file_actions_destroy(void* actions);
    [LibraryImport("libc")] internal static partial int posix_spawn_file_actions_adddup2(void* actions, int fd, int newfd);
    [LibraryImport("libc")] internal static partial int posix_spawn_file_actions_addclosefrom_np(void* actions, int from);
    [LibraryImport("libc")] internal static partial int posix_spawnattr_init(void* attr);
    [LibraryImport("libc")] internal static partial int posix_spawnattr_destroy(void* attr);
    [LibraryImport("libc")] internal static partial int posix_spawnattr_setflags(void* attr, short flags);
    [LibraryImport("libc")] internal static partial int posix_spawnattr_setsigmask(void* attr, void* sigmask);
    [LibraryImport("libc")] internal static partial int posix_spawnattr_setsigdefault(void* attr, void* sigdefault);
    [LibraryImport("libc")] internal static partial int sigemptyset(void* set);
    [LibraryImport("libc")] internal static partial int sigfillset(void* set);
}
