using System.Text;

namespace Runc.Sharp.Runtime.Sys;

/// <summary>The filesystem-context mount API: fsopen, fsconfig, fsmount (Linux 5.2).</summary>
internal static unsafe partial class LibC
{
    internal const uint FSOPEN_CLOEXEC = 1, FSMOUNT_CLOEXEC = 1;
    internal const uint FSCONFIG_SET_STRING = 1, FSCONFIG_CMD_CREATE = 6;

    internal static int fsopen(string fsName, uint flags)
    {
        var name = Encoding.UTF8.GetBytes(fsName + "\0");
        fixed (byte* n = name)
            return (int)syscall(SYS_fsopen, (long)n, flags, 0, 0, 0, 0);
    }

    internal static int fsconfig(int fsFd, uint cmd, string? key, string? value)
    {
        var k = key is null ? null : Encoding.UTF8.GetBytes(key + "\0");
        var v = value is null ? null : Encoding.UTF8.GetBytes(value + "\0");
        fixed (byte* pk = k, pv = v)
            return (int)syscall(SYS_fsconfig, fsFd, cmd, (long)pk, (long)pv, 0, 0);
    }

    internal static int fsmount(int fsFd, uint flags, uint attrFlags) =>
        (int)syscall(SYS_fsmount, fsFd, flags, attrFlags, 0, 0, 0);
}
