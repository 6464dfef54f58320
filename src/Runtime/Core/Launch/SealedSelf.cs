using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Protocol;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Launch;

/// <summary>
/// Our own binary, made safe to exec inside a container (CVE-2019-5736): a detached read-only
/// bind mount of /proc/self/exe, or a sealed memfd copy where the mount API is unavailable.
/// </summary>
public static unsafe class SealedSelf
{
    private static int _fd = -1;

    public static int Fd
    {
        get
        {
            if (_fd >= 0)
                return _fd;
            int method;
            var fd = ShimNative.OpenSealedSelf(&method);
            if (fd < 0)
                throw new SyscallException("seal the runcs binary", -fd, "/proc/self/exe");
            Log.Debug(method == 1 ? "using a detached read-only mount of /proc/self/exe" : "using a sealed memfd copy of /proc/self/exe");
            return _fd = fd;
        }
    }
}
