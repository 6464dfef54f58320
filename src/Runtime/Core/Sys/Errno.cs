using System.Runtime.InteropServices;

namespace Runc.Sharp.Runtime.Sys;

/// <summary>errno values the runtime acts on, and their C library descriptions.</summary>
public static partial class Errno
{
    public const int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, EBADF = 9, ECHILD = 10,
        EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14, EBUSY = 16, EEXIST = 17, EXDEV = 18, ENOTDIR = 20,
        EISDIR = 21, EINVAL = 22, ENOSPC = 28, EROFS = 30, EPIPE = 32, ERANGE = 34, ENOSYS = 38,
        ENOTEMPTY = 39, ELOOP = 40, ENODATA = 61, EOPNOTSUPP = 95, ETIMEDOUT = 110;

    [LibraryImport("libc", EntryPoint = "strerror")]
    private static partial IntPtr strerror(int errnum);

    /// <summary>Lower-case text as Go prints it, e.g. "no such file or directory".</summary>
    public static string Describe(int errno)
    {
        var text = Marshal.PtrToStringUTF8(strerror(errno)) ?? $"errno {errno}";
        return text.Length > 1 && char.IsUpper(text[0]) && char.IsLower(text[1])
            ? char.ToLowerInvariant(text[0]) + text[1..]
            : text;
    }
}
