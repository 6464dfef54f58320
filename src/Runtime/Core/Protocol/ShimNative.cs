using System.Runtime.InteropServices;

namespace Runc.Sharp.Runtime.Protocol;

/// <summary>Entry points of the C shim linked into runcs (src/NativeShim).</summary>
public static unsafe partial class ShimNative
{
    [LibraryImport("runcs_shim", EntryPoint = "runcs_prefault_heap")]
    public static partial int PrefaultHeap(void* at, nuint len, nuint block);

    [LibraryImport("runcs_shim", EntryPoint = "runcs_shim_stage")]
    public static partial int Stage();

    [LibraryImport("runcs_shim", EntryPoint = "runcs_shim_sync_fd")]
    public static partial int SyncFd();

    [LibraryImport("runcs_shim", EntryPoint = "runcs_open_init_image")]
    public static partial int OpenInitImage();

    [LibraryImport("runcs_shim", EntryPoint = "runcs_open_sealed_self")]
    public static partial int OpenSealedSelf(int* method);

    [LibraryImport("runcs_shim", EntryPoint = "runcs_spawn")]
    public static partial int Spawn(int exeFd, byte** argv, byte** envp, int* fds, int nfds);
}
