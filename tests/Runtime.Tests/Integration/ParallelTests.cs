using System.Collections.Concurrent;
using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialIntegrationCollection
{
    public const string Name = "runcs integration, alone";
}

/// <summary>Many containers at once: nothing may be left behind (state, processes, mounts).</summary>
[Collection(SerialIntegrationCollection.Name)]
public sealed class ParallelTests
{
    [RootFact]
    public void Fifty_containers_created_started_and_deleted_in_parallel_leave_nothing()
    {
        using var rc = new RuncsSandbox();
        var bundle = rc.NewBundle("sh", "-c", "echo up; sleep 30");
        var mountsBefore = ProcessInfo.MountCountUnder(bundle.Dir, rc.Root);
        var failures = new ConcurrentBag<string>();
        var pids = new ConcurrentBag<int>();

        Parallel.For(0, 50, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var id = $"par-{i}";
            try
            {
                rc.Run("create", "--bundle", bundle.Dir, id).ShouldSucceed();
                rc.Run("start", id).ShouldSucceed();
                var state = rc.State(id);
                if (state["status"]!.GetValue<string>() != "running")
                    failures.Add($"{id}: status {state["status"]} after start");
                pids.Add(state["pid"]!.GetValue<int>());
                rc.Run("delete", "--force", id).ShouldSucceed();
                rc.Run("state", id).ShouldFailWith("container does not exist");
            }
            catch (Exception e)
            {
                failures.Add($"{id}: {e.Message}");
            }
        });

        failures.Should().BeEmpty();
        pids.Distinct().Should().HaveCount(50);
        foreach (var pid in pids)
            ProcessInfo.WaitForExit(pid, null, TimeSpan.FromSeconds(5)).Should().BeTrue($"init {pid} must be gone");
        rc.AssertNoLeftovers();
        Directory.EnumerateFileSystemEntries(rc.Root).Should().BeEmpty();
        ProcessInfo.MountCountUnder(bundle.Dir, rc.Root).Should().Be(mountsBefore, "no mount may leak to the host");
    }

    [RootFact]
    public void Parallel_create_of_one_id_lets_exactly_one_win()
    {
        using var rc = new RuncsSandbox();
        var bundle = rc.NewBundle("sleep", "30");
        var results = new ConcurrentBag<RuncsResult>();
        Parallel.For(0, 8, _ => results.Add(rc.Run("create", "--bundle", bundle.Dir, "contended")));
        results.Count(r => r.ExitCode == 0).Should().Be(1, string.Join("\n", results.Select(r => r.Describe())));
        foreach (var loser in results.Where(r => r.ExitCode != 0))
            loser.ShouldFailWith("container with given ID already exists");
        rc.Status("contended").Should().Be("created");
        rc.Run("delete", "contended").ShouldSucceed();
        rc.AssertNoLeftovers();
    }
}
