using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Protocol;

namespace Runc.Sharp.Runtime.Launch;

/// <summary>
/// The executable of a native init: runcs-init, the shim linked into a small static program and
/// embedded in runcs, as a sealed memfd (CVE-2019-5736: not writable through /proc/PID/exe).
/// Starting it costs a fraction of starting the 8 MB runcs, and so does the teardown when it
/// execs the container's program. Null where the kernel refuses the memfd: then runcs itself.
/// </summary>
public static class NativeInitImage
{
    private static int _fd = -2;

    public static int? Fd
    {
        get
        {
            if (_fd == -2)
            {
                var fd = ShimNative.OpenInitImage();
                if (fd < 0)
                    Log.Debug($"no sealed runcs-init ({Sys.Errno.Describe(-fd)}): the native init starts from runcs itself");
                _fd = fd < 0 ? -1 : fd;
            }
            return _fd >= 0 ? _fd : null;
        }
    }
}
