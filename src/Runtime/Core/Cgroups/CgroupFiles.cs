using System.Runtime.InteropServices;
using System.Text;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Cgroups;

/// <summary>
/// The one way cgroup files are read and written. A file name is a single path component: "/" and
/// ".." are refused so a configured name (e.g. a "unified" key) cannot reach outside the cgroup
/// directory (GHSA-5g49-rx9x-qfc6). Files are never created: a missing file is an unsupported knob.
/// </summary>
internal sealed unsafe class CgroupFiles
{
    private readonly Action<string, string>? _observer;
    private readonly Func<string, int>? _fault;

    /// <param name="observer">Told (path, value) after each successful write; tests use it to see the write order.</param>
    /// <param name="fault">Tests: the errno a write of a path fails with (0: write it), for kernel refusals a plain file cannot give.</param>
    public CgroupFiles(Action<string, string>? observer = null, Func<string, int>? fault = null)
    {
        _observer = observer;
        _fault = fault;
    }

    public static void CheckName(string name)
    {
        if (name.Length == 0 || name.Contains('/') || name.Contains("..") || name.Contains('\0'))
            throw new RuntimeException($"invalid cgroup file name {name}: must be a single file name without '/' or '..'");
    }

    public static string PathOf(string dir, string name)
    {
        CheckName(name);
        return dir.EndsWith('/') ? dir + name : dir + "/" + name;
    }

    public bool Exists(string dir, string name) => File.Exists(PathOf(dir, name));

    public void Write(string dir, string name, string value)
    {
        var path = PathOf(dir, name);
        if (_fault?.Invoke(path) is { } injected and not 0)
            throw new CgroupFileException("write", path, injected);
        var fd = LibC.open(path, LibC.O_WRONLY | LibC.O_TRUNC | LibC.O_CLOEXEC, 0);
        if (fd < 0)
            throw new CgroupFileException("write", path, Marshal.GetLastPInvokeError());
        try
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            fixed (byte* p = bytes)
            {
                // cgroup files take one value per write(2): never split it.
                while (true)
                {
                    var n = LibC.write(fd, p, bytes.Length);
                    if (n >= 0)
                        break;
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno != Errno.EINTR)
                        throw new CgroupFileException("write", path, errno);
                }
            }
        }
        finally
        {
            LibC.close(fd);
        }
        _observer?.Invoke(path, value);
    }

    /// <summary>Writes each non-empty line with its own write(2) (e.g. several io.max entries).</summary>
    public void WriteLines(string dir, string name, string value)
    {
        var lines = value.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
            Write(dir, name, value);
        foreach (var line in lines)
            Write(dir, name, line);
    }

    public string Read(string dir, string name) =>
        TryRead(dir, name) ?? throw new CgroupFileException("read", PathOf(dir, name), Errno.ENOENT);

    /// <summary>The file's text, or null when it does not exist.</summary>
    public string? TryRead(string dir, string name)
    {
        var path = PathOf(dir, name);
        try
        {
            return File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (IOException e)
        {
            throw new RuntimeException($"read {path}: {e.Message}", e);
        }
    }

    public string? TryReadTrimmed(string dir, string name) => TryRead(dir, name)?.Trim();

    /// <summary>A single unsigned number; "max" reads as ulong.MaxValue. Null when the file is absent.</summary>
    public ulong? TryReadUInt(string dir, string name)
    {
        var text = TryReadTrimmed(dir, name);
        if (text is null)
            return null;
        return ParseUInt(text, PathOf(dir, name));
    }

    public ulong ReadUInt(string dir, string name) =>
        TryReadUInt(dir, name) ?? throw new CgroupFileException("read", PathOf(dir, name), Errno.ENOENT);

    public static ulong ParseUInt(string text, string what)
    {
        if (text == "max")
            return ulong.MaxValue;
        if (ulong.TryParse(text, out var v))
            return v;
        // Some v1 counters are signed and may read negative (e.g. -1): treat as 0 like runc.
        if (long.TryParse(text, out var s) && s < 0)
            return 0;
        throw new RuntimeException($"unable to parse {what}: {text} is not a number");
    }

    /// <summary>"key value" lines (memory.stat, cpu.stat) as a dictionary.</summary>
    public Dictionary<string, ulong>? TryReadKeyValues(string dir, string name)
    {
        var text = TryRead(dir, name);
        if (text is null)
            return null;
        var result = new Dictionary<string, ulong>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2)
                result[parts[0]] = ParseUInt(parts[1], PathOf(dir, name));
        }
        return result;
    }
}
