using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Cgroups;

/// <summary>A failed read or write of a cgroup file: "write &lt;path&gt;: &lt;errno text&gt;".</summary>
public sealed class CgroupFileException : RuntimeException
{
    public int Errno { get; }
    public string Path { get; }

    public CgroupFileException(string operation, string path, int errno)
        : base($"{operation} {path}: {Sys.Errno.Describe(errno)}")
    {
        Errno = errno;
        Path = path;
    }
}
