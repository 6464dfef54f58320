using System.Runtime.InteropServices;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Cgroups.Oom;

/// <summary>
/// cgroup v1: an eventfd registered for memory.oom_control through cgroup.event_control. The
/// kernel signals it on every OOM in the cgroup, and once more when the cgroup is removed.
/// </summary>
internal sealed unsafe class V1OomWatcher : IOomWatcher
{
    private readonly string _dir;
    private readonly Sys.Fd _eventFd;
    private readonly Sys.Fd _oomControl;

    public V1OomWatcher(string memoryDir, CgroupFiles files)
    {
        _dir = memoryDir;
        _oomControl = Sys.Fd.Open(CgroupFiles.PathOf(memoryDir, "memory.oom_control"), LibC.O_RDONLY);
        var efd = LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
        if (efd < 0)
        {
            _oomControl.Dispose();
            throw SyscallException.FromLastError("eventfd");
        }
        _eventFd = new Sys.Fd(efd);
        try
        {
            // The fds are ours; the kernel resolves them in the writing process.
            files.Write(memoryDir, "cgroup.event_control", $"{_eventFd.Value} {_oomControl.Value}");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Fd => _eventFd.Value;

    public OomNews Read()
    {
        ulong count = 0;
        var n = LibC.read(_eventFd.Value, (byte*)&count, sizeof(ulong));
        if (n < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is Errno.EAGAIN or Errno.EINTR)
                return new OomNews(0, !Directory.Exists(_dir));
            throw new SyscallException("read eventfd of", errno, CgroupFiles.PathOf(_dir, "memory.oom_control"));
        }
        // The removal of the cgroup signals too: that one is no OOM.
        return File.Exists(CgroupFiles.PathOf(_dir, "cgroup.event_control")) ? new OomNews(1, false) : new OomNews(0, true);
    }

    public void Dispose()
    {
        _eventFd.Dispose();
        _oomControl.Dispose();
    }
}
