using System.Runtime.InteropServices;
using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Sys;

/// <summary>A failed system call: the operation, the path or object it was about, and errno.</summary>
public sealed class SyscallException : RuntimeException
{
    public int Errno { get; }
    public string Operation { get; }

    public SyscallException(string operation, int errno, string? target = null)
        : base(Describe(operation, errno, target))
    {
        Errno = errno;
        Operation = operation;
    }

    public static SyscallException FromLastError(string operation, string? target = null) =>
        new(operation, Marshal.GetLastPInvokeError(), target);

    private static string Describe(string operation, int errno, string? target) =>
        target is null ? $"{operation}: {Sys.Errno.Describe(errno)}" : $"{operation} {target}: {Sys.Errno.Describe(errno)}";
}
