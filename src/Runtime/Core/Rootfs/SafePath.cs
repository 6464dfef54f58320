using System.Runtime.InteropServices;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Rootfs;

/// <summary>
/// Paths inside an untrusted rootfs, resolved by the kernel as if the rootfs were "/"
/// (openat2 RESOLVE_IN_ROOT): a symlink can never lead a mount or a created file out of it
/// (CVE-2021-30465, CVE-2024-45310). Callers act on the returned fd, never on the path again.
/// </summary>
public sealed class SafePath(Fd root, string rootPath) : IDisposable
{
    public void Dispose() => Root.Dispose();

    public Fd Root { get; } = root;
    public string RootPath { get; } = rootPath;

    public static SafePath OpenRoot(string rootPath) =>
        new(Fd.Open(rootPath, LibC.O_PATH | LibC.O_DIRECTORY), rootPath);

    /// <summary>Opens an existing path as O_PATH; null if it does not exist.</summary>
    public Fd? TryOpen(string path, bool noSymlinks = false, int flags = LibC.O_PATH)
    {
        var resolve = LibC.RESOLVE_IN_ROOT | LibC.RESOLVE_NO_MAGICLINKS | (noSymlinks ? LibC.RESOLVE_NO_SYMLINKS : 0);
        var fd = LibC.openat2(Root.Value, Relative(path), (ulong)(flags | LibC.O_CLOEXEC), resolve);
        if (fd >= 0)
            return new Fd(fd);
        var errno = Marshal.GetLastPInvokeError();
        if (errno == Errno.ENOENT)
            return null;
        if (noSymlinks && errno == Errno.ELOOP)
            throw new RuntimeException($"{path} must be an ordinary directory in the rootfs, not a symlink");
        throw new SyscallException("open", errno, Describe(path));
    }

    public Fd Open(string path, bool noSymlinks = false, int flags = LibC.O_PATH) =>
        TryOpen(path, noSymlinks, flags) ?? throw new SyscallException("open", Errno.ENOENT, Describe(path));

    /// <summary>mkdir -p inside the root; returns an O_PATH fd of the final directory.</summary>
    public Fd MkdirAll(string path, uint mode = 0b111_101_101)
    {
        var existing = TryOpen(path);
        if (existing is not null)
            return existing;
        var parts = Relative(path).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = new Fd(LibC.fcntl(Root.Value, 1030 /* F_DUPFD_CLOEXEC */, 3));
        var prefix = "";
        foreach (var part in parts)
        {
            prefix = prefix.Length == 0 ? part : prefix + "/" + part;
            if (part == "..")
                throw new RuntimeException($"path {path} must not contain \"..\"");
            if (LibC.mkdirat(current.Value, part, mode) < 0 && Marshal.GetLastPInvokeError() is var e && e != Errno.EEXIST)
            {
                current.Dispose();
                throw new SyscallException("mkdir", e, Describe(prefix));
            }
            current.Dispose();
            current = Open(prefix, flags: LibC.O_PATH | LibC.O_DIRECTORY);
        }
        return current;
    }

    /// <summary>Creates an empty file (for a bind mount of a file) unless something exists there.</summary>
    public Fd CreateFile(string path)
    {
        var existing = TryOpen(path);
        if (existing is not null)
            return existing;
        var (dir, name) = Split(path);
        using (var parent = MkdirAll(dir))
        {
            using var dirFd = Open(dir, flags: LibC.O_DIRECTORY | LibC.O_RDONLY);
            var fd = LibC.openat(dirFd.Value, name, LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW | LibC.O_WRONLY | LibC.O_CLOEXEC, 0b110_100_100);
            if (fd < 0 && Marshal.GetLastPInvokeError() is var e && e != Errno.EEXIST)
                throw new SyscallException("create", e, Describe(path));
            if (fd >= 0)
                LibC.close(fd);
        }
        return Open(path);
    }

    public static (string Dir, string Name) Split(string path)
    {
        var trimmed = path.TrimEnd('/');
        var i = trimmed.LastIndexOf('/');
        return i < 0 ? ("/", trimmed) : (i == 0 ? "/" : trimmed[..i], trimmed[(i + 1)..]);
    }

    private static string Relative(string path)
    {
        var p = path.TrimStart('/');
        return p.Length == 0 ? "." : p;
    }

    private string Describe(string path) => Path.Join(RootPath, path);
}
