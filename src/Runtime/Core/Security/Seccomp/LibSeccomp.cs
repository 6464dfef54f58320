using System.Runtime.InteropServices;

namespace Runc.Sharp.Runtime.Security.Seccomp;

/// <summary>
/// libseccomp, loaded on first use so that runcs runs on hosts without it as long as no
/// config asks for seccomp.
/// </summary>
public static unsafe class LibSeccomp
{
    private static nint _handle;
    private static bool _tried;

    public static bool TryLoad()
    {
        if (!_tried)
        {
            _tried = true;
            if (!NativeLibrary.TryLoad("libseccomp.so.2", out _handle))
                _handle = 0;
        }
        return _handle != 0;
    }

    public static nint Symbol(string name) =>
        TryLoad() && NativeLibrary.TryGetExport(_handle, name, out var p) ? p : 0;

    public static string? VersionString()
    {
        // seccomp_version() returns a struct { unsigned major, minor, micro; } *.
        var fn = (delegate* unmanaged<uint*>)Symbol("seccomp_version");
        if (fn == null)
            return null;
        var v = fn();
        return v == null ? null : $"{v[0]}.{v[1]}.{v[2]}";
    }
}
