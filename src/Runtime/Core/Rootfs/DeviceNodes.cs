using System.Runtime.InteropServices;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Rootfs;

/// <summary>
/// /dev inside the container: the default devices every container gets, linux.devices, and
/// the standard symlinks. Inside a user namespace mknod is refused, so devices are bind
/// mounts of the host's nodes.
/// </summary>
public static class DeviceNodes
{
    /// <summary>The devices every container with a private /dev gets (runc's default devices).</summary>
    public static readonly (string Path, uint Major, uint Minor)[] Defaults =
    [
        ("/dev/null", 1, 3), ("/dev/zero", 1, 5), ("/dev/full", 1, 7),
        ("/dev/random", 1, 8), ("/dev/urandom", 1, 9), ("/dev/tty", 5, 0),
    ];

    /// <summary>The standard symlinks of a private /dev.</summary>
    public static readonly (string Link, string Target)[] Symlinks =
    [
        ("/dev/fd", "/proc/self/fd"), ("/dev/stdin", "/proc/self/fd/0"),
        ("/dev/stdout", "/proc/self/fd/1"), ("/dev/stderr", "/proc/self/fd/2"),
    ];

    public static void Create(IEnumerable<LinuxDevice>? devices, MountContext ctx, bool devIsPrivate)
    {
        if (devIsPrivate)
        {
            foreach (var (path, major, minor) in Defaults)
                if (devices?.Any(d => d.Path == path) != true)
                    CreateNode(path, 'c', major, minor, 0b110_110_110, 0, 0, ctx);
            foreach (var (link, target) in Symlinks)
                CreateSymlink(link, target, ctx);
        }
        foreach (var d in devices ?? [])
            CreateNode(d.Path, d.Type.Length > 0 ? d.Type[0] : 'c', (uint)(d.Major ?? 0), (uint)(d.Minor ?? 0),
                d.FileMode ?? 0b110_110_110, d.Uid ?? 0, d.Gid ?? 0, ctx);
    }

    /// <summary>/dev/ptmx → pts/ptmx, so the container's own devpts instance is used.</summary>
    public static void LinkPtmx(MountContext ctx)
    {
        using var dev = ctx.Root.TryOpen("/dev", flags: LibC.O_PATH | LibC.O_DIRECTORY);
        if (dev is null)
            return;
        LibC.unlinkat(dev.Value, "ptmx", 0);
        if (LibC.symlinkat("pts/ptmx", dev.Value, "ptmx") < 0 && Marshal.GetLastPInvokeError() != Errno.EEXIST)
            throw SyscallException.FromLastError("symlink", "/dev/ptmx");
    }

    private static void CreateSymlink(string link, string target, MountContext ctx)
    {
        var (dir, name) = SafePath.Split(link);
        using var parent = ctx.Root.MkdirAll(dir);
        if (LibC.symlinkat(target, parent.Value, name) < 0 && Marshal.GetLastPInvokeError() != Errno.EEXIST)
            throw SyscallException.FromLastError("symlink", link);
    }

    private static void CreateNode(string path, char type, uint major, uint minor, uint mode, uint uid, uint gid, MountContext ctx)
    {
        var kind = type switch
        {
            'c' or 'u' => LibC.S_IFCHR,
            'b' => LibC.S_IFBLK,
            'p' => LibC.S_IFIFO,
            _ => throw new RuntimeException($"device {path}: unknown type {type}"),
        };
        var (dir, name) = SafePath.Split(path);
        using var parent = ctx.Root.MkdirAll(dir);
        if (ctx.InUserNamespace && kind != LibC.S_IFIFO)
        {
            using var target = ctx.Root.CreateFile(path);
            Syscalls.Mount(path, target.ProcPath, null, MountFlags.MS_BIND, null, path);
            return;
        }
        LibC.unlinkat(parent.Value, name, 0);
        if (LibC.mknodat(parent.Value, name, kind | (mode & 0xFFF), MakeDev(major, minor)) < 0)
            throw SyscallException.FromLastError("mknod", path);
        Syscalls.Check(LibC.fchownat(parent.Value, name, uid, gid, LibC.AT_SYMLINK_NOFOLLOW), "chown", path);
    }

    public static ulong MakeDev(uint major, uint minor) =>
        ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8) |
        ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);
}
