using Runc.Sharp.Runtime.Cgroups.Oom;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>
/// `events` without --stats: a stats line now and every interval, an oom line as soon as the
/// kernel reports an OOM kill in the container's cgroup, until the container stops.
/// </summary>
public static class ContainerEvents
{
    public static void Stream(StateStore store, string id, TimeSpan interval, Action<string> write)
    {
        var record = store.Load(id);
        if (ContainerInspector.Status(store, record) == LifecycleStatus.Stopped)
            throw new RuntimeException($"container with id {id} is not running");
        var cgroup = ContainerCgroups.ForRecord(record)
            ?? throw new RuntimeException($"container {id} has no cgroup managed by runcs");
        using var oom = OpenOomWatcher(cgroup, id);
        // Without pidfds (Linux < 5.3) the end is noticed at the next interval.
        using var initExit = PidFd.TryOpen(record.InitPid, record.InitStartTime);

        void ReportOoms(OomNews news)
        {
            for (var i = 0; i < news.Ooms; i++)
                write(EventLines.Oom(id));
        }

        write(EventLines.Stats(id, cgroup.GetStats()));
        var next = DateTime.UtcNow + interval;
        Span<int> fds = [oom?.Fd ?? -1, initExit?.Value ?? -1];
        Span<bool> ready = stackalloc bool[2];
        while (true)
        {
            var ended = false;
            if (Poll.WaitReadable(fds, next - DateTime.UtcNow, ready))
            {
                if (ready[0])
                {
                    var news = oom!.Read();
                    ReportOoms(news);
                    ended = news.Ended;
                }
                ended |= ready[1];
            }
            if (!ended && DateTime.UtcNow >= next)
            {
                ended = ContainerInspector.Status(store, record) == LifecycleStatus.Stopped;
                if (!ended)
                {
                    write(EventLines.Stats(id, cgroup.GetStats()));
                    next += interval;
                    if (next < DateTime.UtcNow)
                        next = DateTime.UtcNow + interval;
                }
            }
            if (ended)
            {
                // A kill that raced with the exit is still reported.
                if (oom is not null)
                    ReportOoms(oom.Read());
                return;
            }
        }
    }

    /// <summary>A container whose OOMs cannot be watched still gets its stats, with a warning.</summary>
    private static IOomWatcher? OpenOomWatcher(Cgroups.ICgroupManager cgroup, string id)
    {
        try
        {
            return cgroup.WatchOom();
        }
        catch (RuntimeException e)
        {
            Log.Warning($"cannot watch container {id} for OOM kills: {e.Message}");
            return null;
        }
    }
}
