using System.Text.Json.Nodes;
using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>
/// `events` in streaming mode on this host's cgroups: stats every interval and an oom line when
/// the kernel OOM-kills a process of the container, ending when the container stops.
/// </summary>
public sealed class EventsTests
{
    private static Bundle Limited(RuncsSandbox rc, long memory, params string[] args) =>
        rc.NewBundle(args).Edit(c =>
        {
            var linux = c["linux"]!.AsObject();
            linux["cgroupsPath"] = $"/runcs-it-{Guid.NewGuid():N}";
            // memory+swap equal to memory: no swap to escape to.
            linux["resources"]!["memory"] = new JsonObject { ["limit"] = memory, ["swap"] = memory };
        });

    private static List<JsonObject> Lines(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    /// <summary>Waits until a streaming `events` has printed its first line (its watches are set by then).</summary>
    private static void WaitForFirstStats(RuncsSandbox rc)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!Directory.GetFiles(Path.Combine(rc.Dir, "io"), "*.out").Any(f => File.ReadAllText(f).Contains("\"type\":\"stats\"")))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("events printed no stats line");
            Thread.Sleep(20);
        }
    }

    [RootFact]
    public void An_oom_kill_is_one_oom_event_and_the_stream_ends_with_the_container()
    {
        using var rc = new RuncsSandbox();
        var b = Limited(rc, 16 << 20, "sleep", "60");
        rc.Run("run", "-d", "--bundle", b.Dir, "oomev").ShouldSucceed();
        var events = Task.Run(() => rc.Run(new RunOptions { Timeout = TimeSpan.FromSeconds(60) }, "events", "--interval", "1s", "oomev"));
        WaitForFirstStats(rc);

        // A 32 MiB buffer cannot fit in 16 MiB: the kernel kills dd, the container's init lives on.
        var hog = rc.Run("exec", "oomev", "dd", "if=/dev/zero", "of=/dev/null", "bs=32M", "count=1");
        hog.ExitCode.Should().Be(137, hog.Describe());
        rc.Status("oomev").Should().Be("running");
        rc.Run("kill", "oomev", "KILL").ShouldSucceed();

        var result = events.Result.ShouldSucceed();
        result.TimedOut.Should().BeFalse();
        var lines = Lines(result.Stdout);
        lines.Should().OnlyContain(l => l["id"]!.GetValue<string>() == "oomev");
        var ooms = lines.Where(l => l["type"]!.GetValue<string>() == "oom").ToList();
        ooms.Should().ContainSingle(result.Stdout);
        ooms[0].Select(kv => kv.Key).Should().Equal("type", "id");
        lines.Count(l => l["type"]!.GetValue<string>() == "stats").Should().BeGreaterThanOrEqualTo(1);

        rc.Run("delete", "oomev").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Without_an_oom_the_stream_is_stats_only_and_ends_when_the_container_exits()
    {
        using var rc = new RuncsSandbox();
        var b = Limited(rc, 64 << 20, "sleep", "2");
        rc.Run("run", "-d", "--bundle", b.Dir, "quiet").ShouldSucceed();
        var result = rc.Run(new RunOptions { Timeout = TimeSpan.FromSeconds(20) }, "events", "--interval", "300ms", "quiet").ShouldSucceed();

        result.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "the stream ends when init exits, not later");
        var lines = Lines(result.Stdout);
        lines.Should().NotBeEmpty().And.OnlyContain(l => l["type"]!.GetValue<string>() == "stats");
        lines[0]["data"]!["memory"]!["usage"]!["limit"]!.GetValue<ulong>().Should().Be(64UL << 20);

        rc.Run("events", "quiet").ShouldFailWith("is not running");
        rc.Run("delete", "quiet").ShouldSucceed();
        rc.AssertNoLeftovers();
    }
}
