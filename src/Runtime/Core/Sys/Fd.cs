namespace Runc.Sharp.Runtime.Sys;

/// <summary>An owned file descriptor; closed on dispose unless released.</summary>
public sealed class Fd : IDisposable
{
    public int Value { get; private set; }

    public Fd(int value) => Value = value;

    public static Fd Open(string path, int flags, uint mode = 0)
    {
        var fd = LibC.open(path, flags | LibC.O_CLOEXEC, mode);
        return fd < 0 ? throw SyscallException.FromLastError("open", path) : new Fd(fd);
    }

    public static Fd OpenAt(Fd dir, string path, int flags, uint mode = 0)
    {
        var fd = LibC.openat(dir.Value, path, flags | LibC.O_CLOEXEC, mode);
        return fd < 0 ? throw SyscallException.FromLastError("openat", path) : new Fd(fd);
    }

    /// <summary>The magic-link path that names exactly this open file.</summary>
    public string ProcPath => $"/proc/self/fd/{Value}";

    public int Release()
    {
        var v = Value;
        Value = -1;
        return v;
    }

    public void Dispose()
    {
        if (Value >= 0)
        {
            LibC.close(Value);
            Value = -1;
        }
    }
}
