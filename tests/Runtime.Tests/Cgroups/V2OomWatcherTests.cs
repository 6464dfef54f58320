using System.Runtime.Versioning;
using FluentAssertions;
using Runc.Sharp.Runtime.Cgroups;
using Runc.Sharp.Runtime.Cgroups.Oom;
using Runc.Sharp.Runtime.Sys;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Cgroups;

/// <summary>
/// The v2 OOM watcher against a fake tree: inotify sees writes to plain files as it sees the
/// kernel's updates of memory.events and cgroup.events.
/// </summary>
[SupportedOSPlatform("linux")]
public class V2OomWatcherTests : IDisposable
{
    private readonly FakeCgroupTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private ICgroupManager Manager() =>
        CgroupManagerFactory.Create(CgroupMode.Unified, "/box", "box", false, _tree.Root, _tree.Sources("", "0::/\n"));

    private void Events(int oomKills, bool populated = true)
    {
        _tree.File("box/memory.events", $"low 0\nhigh 0\nmax 7\noom 1\noom_kill {oomKills}\noom_group_kill 0\n");
        _tree.File("box/cgroup.events", $"populated {(populated ? 1 : 0)}\nfrozen 0\n");
    }

    private static bool Readable(IOomWatcher watcher, int ms = 2000)
    {
        Span<bool> ready = stackalloc bool[1];
        return Poll.WaitReadable([watcher.Fd], TimeSpan.FromMilliseconds(ms), ready) && ready[0];
    }

    [Fact]
    public void No_memory_controller_means_nothing_to_watch()
    {
        _tree.File("box/cgroup.events", "populated 1\n");
        Manager().WatchOom().Should().BeNull();
    }

    [Fact]
    public void Kills_before_the_watch_started_are_not_reported()
    {
        Events(oomKills: 2);
        using var watcher = Manager().WatchOom()!;
        Readable(watcher, 100).Should().BeFalse();
        watcher.Read().Should().Be(new OomNews(0, false));
    }

    [Fact]
    public void A_rise_of_oom_kill_is_one_notification()
    {
        Events(oomKills: 0);
        using var watcher = Manager().WatchOom()!;
        Events(oomKills: 3);
        Readable(watcher).Should().BeTrue();
        watcher.Read().Should().Be(new OomNews(1, false));
        watcher.Read().Should().Be(new OomNews(0, false), "already reported");
    }

    [Fact]
    public void Other_memory_events_are_no_oom()
    {
        Events(oomKills: 1);
        using var watcher = Manager().WatchOom()!;
        _tree.File("box/memory.events", "low 0\nhigh 5\nmax 9\noom 1\noom_kill 1\n");
        Readable(watcher).Should().BeTrue();
        watcher.Read().Should().Be(new OomNews(0, false));
    }

    [Fact]
    public void An_emptied_cgroup_ends_the_watch_and_a_last_kill_is_still_reported()
    {
        Events(oomKills: 0);
        using var watcher = Manager().WatchOom()!;
        Events(oomKills: 1, populated: false);
        Readable(watcher).Should().BeTrue();
        watcher.Read().Should().Be(new OomNews(1, true));
    }

    [Fact]
    public void A_removed_cgroup_ends_the_watch()
    {
        Events(oomKills: 0);
        using var watcher = Manager().WatchOom()!;
        Directory.Delete(_tree.Abs("box"), recursive: true);
        watcher.Read().Should().Be(new OomNews(0, true));
    }
}
