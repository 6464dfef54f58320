using System.Runtime.InteropServices;

namespace Runc.Sharp.Runtime.Sys;

/// <summary>Raw C library entry points; callers check the result and raise SyscallException.</summary>
internal static unsafe partial class LibC
{
    [LibraryImport("libc", SetLastError = true)] internal static partial int close(int fd);
    [LibraryImport("libc", SetLastError = true)] internal static partial nint read(int fd, byte* buf, nint count);
    [LibraryImport("libc", SetLastError = true)] internal static partial nint write(int fd, byte* buf, nint count);
    [LibraryImport("libc", SetLastError = true)] internal static partial int dup2(int oldfd, int newfd);
    [LibraryImport("libc", SetLastError = true)] internal static partial int dup3(int oldfd, int newfd, int flags);
    [LibraryImport("libc", SetLastError = true)] internal static partial int pipe2(int* fds, int flags);
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] internal static partial int chdir(string path);
    [LibraryImport("libc", SetLastError = true)] internal static partial int fchdir(int fd);
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] internal static partial int chroot(string path);
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] internal static partial int sethostname(string name, nint len);
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] internal static partial int setdomainname(string name, nint len);
    [LibraryImport("libc", SetLastError = true)] internal static partial int setsid();
    /// <summary>Affects the calling thread only: init calls it on the thread that will execve.</summary>
    [LibraryImport("libc", SetLastError = true)] internal static partial int unshare(int flags);
    [LibraryImport("libc")] internal static partial int getpid();
    [LibraryImport("libc")] internal static partial uint geteuid();
    [LibraryImport("libc")] internal static partial uint getegid();
    [LibraryImport("libc", SetLastError = true)] internal static partial int setgroups(nint size, uint* list);
    [LibraryImport("libc", SetLastError = true)] internal static partial int setresuid(uint r, uint e, uint s);
    [LibraryImport("libc", SetLastError = true)] internal static partial int setresgid(uint r, uint e, uint s);
    [LibraryImport("libc", SetLastError = true)] internal static partial int execve(byte* path, byte** argv, byte** envp);
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] internal static partial int access(string path, int mode);
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] internal static partial int symlinkat(string target, int dirfd, string linkpath);
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] internal static partial int mkdirat(int dirfd, string path, uint mode);
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] internal static partial int mknodat(int dirfd, string path, uint mode, ulong dev);
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] internal static partial int unlinkat(int dirfd, string path, int flags);
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] internal static partial int fchownat(int dirfd, string path, uint uid, uint gid, int flags);
    [LibraryImport("libc", SetLastError = true)] internal static partial int fchown(int fd, uint uid, uint gid);
    [LibraryImport("libc", SetLastError = true)] internal static partial int fchmod(int fd, uint mode);
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] internal static partial int mkfifo(string path, uint mode);
    [LibraryImport("libc")] internal static partial uint umask(uint mask);
    [LibraryImport("libc", SetLastError = true)] internal static partial long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);
    [LibraryImport("libc", SetLastError = true)] internal static partial int prctl(int option, nuint a2, nuint a3, nuint a4, nuint a5);
    [LibraryImport("libc", SetLastError = true)] internal static partial int kill(int pid, int sig);
    [LibraryImport("libc", SetLastError = true)] internal static partial int waitpid(int pid, int* status, int options);
    [LibraryImport("libc", SetLastError = true)] internal static partial int setrlimit(int resource, ulong* rlim);
    [LibraryImport("libc", SetLastError = true)] internal static partial int prlimit(int pid, int resource, ulong* newLimit, ulong* oldLimit);
    [LibraryImport("libc", SetLastError = true)] internal static partial int setpriority(int which, uint who, int prio);
    [LibraryImport("libc", SetLastError = true)] internal static partial int isatty(int fd);
    [LibraryImport("libc")] internal static partial void _exit(int status);
}

internal static unsafe partial class LibC
{
    [LibraryImport("libc", SetLastError = true)] internal static partial int socketpair(int domain, int type, int protocol, int* sv);
    [LibraryImport("libc", SetLastError = true)] internal static partial int socket(int domain, int type, int protocol);
    [LibraryImport("libc", SetLastError = true)] internal static partial int connect(int fd, byte* addr, int len);
    [LibraryImport("libc", SetLastError = true)] internal static partial nint sendmsg(int fd, void* msg, int flags);
    [LibraryImport("libc", SetLastError = true)] internal static partial nint recvmsg(int fd, void* msg, int flags);
    [LibraryImport("libc", SetLastError = true)] internal static partial int tcgetattr(int fd, byte* termios);
    [LibraryImport("libc", SetLastError = true)] internal static partial int tcsetattr(int fd, int action, byte* termios);
    [LibraryImport("libc")] internal static partial void cfmakeraw(byte* termios);
    [LibraryImport("libc", SetLastError = true)] internal static partial int poll(void* fds, nuint nfds, int timeout);
}
