using System.Runtime.InteropServices;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Cgroups.Oom;

/// <summary>
/// cgroup v2: inotify on memory.events, where oom_kill counts the kills in the cgroup and below,
/// and on cgroup.events, whose "populated 0" says the last process has gone (cgroup files never
/// report deletion). A notification is one rise of oom_kill since the previous read.
/// </summary>
internal sealed unsafe class V2OomWatcher : IOomWatcher
{
    private readonly string _dir;
    private readonly CgroupFiles _files;
    private readonly Sys.Fd _inotify;
    private ulong _oomKills;

    public V2OomWatcher(string dir, CgroupFiles files)
    {
        _dir = dir;
        _files = files;
        var fd = LibC.inotify_init1(LibC.IN_CLOEXEC | LibC.IN_NONBLOCK);
        if (fd < 0)
            throw SyscallException.FromLastError("inotify_init1");
        _inotify = new Sys.Fd(fd);
        try
        {
            foreach (var name in new[] { "memory.events", "cgroup.events" })
            {
                var path = CgroupFiles.PathOf(dir, name);
                if (LibC.inotify_add_watch(fd, path, LibC.IN_MODIFY) < 0)
                    throw SyscallException.FromLastError("inotify_add_watch", path);
            }
            // Kills before we started watching are not news.
            _oomKills = OomKills() ?? 0;
        }
        catch
        {
            _inotify.Dispose();
            throw;
        }
    }

    public int Fd => _inotify.Value;

    public OomNews Read()
    {
        Drain();
        var kills = OomKills();
        var oom = kills > _oomKills;
        if (kills is { } k)
            _oomKills = k;
        var populated = _files.TryReadKeyValues(_dir, "cgroup.events")?.GetValueOrDefault("populated");
        return new OomNews(oom ? 1 : 0, kills is null || populated is null or 0);
    }

    private ulong? OomKills() => _files.TryReadKeyValues(_dir, "memory.events")?.GetValueOrDefault("oom_kill");

    /// <summary>The events themselves carry nothing we need: the files are read afresh.</summary>
    private void Drain()
    {
        var buffer = stackalloc byte[4096];
        while (true)
        {
            var n = LibC.read(_inotify.Value, buffer, 4096);
            if (n > 0)
                continue;
            if (n < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR)
                continue;
            return;
        }
    }

    public void Dispose() => _inotify.Dispose();
}
