using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using FluentAssertions;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>
/// process.ioPriority, process.scheduler, process.execCPUAffinity and linux.personality, seen
/// from inside the container (ionice, /proc/PID/stat, /proc/PID/status, /proc/PID/personality)
/// or, where a tool is missing from busybox, read back from the host with sched_getattr(2).
/// </summary>
public sealed class ExecutionSettingsTests
{
    private const string RtRuntimeFile = "/sys/fs/cgroup/cpu/cpu.rt_runtime_us";

    [RootFact]
    public void Io_priority_applies_to_init_and_exec_unless_the_exec_sets_its_own()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30")
            .Edit(c => c["process"]!["ioPriority"] = new JsonObject { ["class"] = "IOPRIO_CLASS_BE", ["priority"] = 4 });
        rc.Run("run", "-d", "--bundle", b.Dir, "io").ShouldSucceed();

        rc.Run("exec", "io", "ionice", "-p", "1").ShouldSucceed().Stdout.Should().Be("best-effort: prio 4\n");
        rc.Run("exec", "io", "ionice").ShouldSucceed().Stdout.Should().Be("best-effort: prio 4\n", "exec takes config.json's");
        rc.Run("exec", "--process", ProcessFile(rc, """{"class":"IOPRIO_CLASS_IDLE"}""", "ioPriority", "/bin/ionice"), "io")
            .ShouldSucceed().Stdout.Should().Be("idle\n");
        rc.Run("exec", "--process", ProcessFile(rc, """{"class":"IOPRIO_CLASS_RT","priority":3}""", "ioPriority", "/bin/ionice"), "io")
            .ShouldSucceed().Stdout.Should().Be("realtime: prio 3\n", "set while init still holds its privileges");

        rc.Run("delete", "--force", "io").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Batch_policy_and_nice_apply_to_init_and_exec()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30")
            .Edit(c => c["process"]!["scheduler"] = new JsonObject { ["policy"] = "SCHED_BATCH", ["nice"] = 19 });
        rc.Run("run", "-d", "--bundle", b.Dir, "batch").ShouldSucceed();

        // /proc/PID/stat: field 19 is nice, 41 the policy (SCHED_BATCH = 3).
        var r = rc.Run("exec", "batch", "sh", "-c",
            "set -- $(cat /proc/1/stat); echo init ${19} ${41}; set -- $(cat /proc/self/stat); echo exec ${19} ${41}").ShouldSucceed();
        r.Stdout.Should().Be("init 19 3\nexec 19 3\n");

        rc.Run("delete", "--force", "batch").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Deadline_policy_applies_to_the_container_init()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30").Edit(c => c["process"]!["scheduler"] = new JsonObject
        {
            ["policy"] = "SCHED_DEADLINE", ["runtime"] = 42000, ["deadline"] = 100000, ["period"] = 1000000,
        });
        rc.Run("run", "-d", "--bundle", b.Dir, "dl").ShouldSucceed();

        var attributes = Scheduling.GetAttributes(rc.State("dl")["pid"]!.GetValue<int>());

        attributes.Policy.Should().Be(6, "SCHED_DEADLINE");
        (attributes.Runtime, attributes.Deadline, attributes.Period).Should().Be((42000UL, 100000UL, 1000000UL));
        rc.Status("dl").Should().Be("running");
        rc.Run("delete", "--force", "dl").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void An_exec_process_file_sets_its_own_deadline_scheduler()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        rc.Run("run", "-d", "--bundle", b.Dir, "dlx").ShouldSucceed();
        var pidFile = rc.NewPath("exec.pid");
        var process = ProcessFile(rc, """
            {"policy":"SCHED_DEADLINE","flags":["SCHED_FLAG_RESET_ON_FORK"],"runtime":42000,"deadline":100000,"period":1000000}
            """, "scheduler", "/bin/sleep", "30");

        rc.Run("exec", "-d", "--pid-file", pidFile, "--process", process, "dlx").ShouldSucceed();
        var pid = int.Parse(File.ReadAllText(pidFile).Trim());
        rc.TrackPid(pid);

        Scheduling.GetAttributes(pid).Should().Be(new SchedulerAttributes(6, 0x01, 0, 0, 42000, 100000, 1000000));
        Scheduling.GetAttributes(rc.State("dlx")["pid"]!.GetValue<int>()).Policy.Should().Be(0, "init keeps SCHED_OTHER");
        rc.Run("delete", "--force", "dlx").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_real_time_policy_gets_its_priority()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sh", "-c", "set -- $(cat /proc/1/stat); echo ${40} ${41}")
            .Edit(c => c["process"]!["scheduler"] = new JsonObject { ["policy"] = "SCHED_FIFO", ["priority"] = 10 });
        if (File.Exists(RtRuntimeFile))
        {
            // cgroup v1 real-time group scheduling: a new cpu cgroup has no real-time runtime.
            rc.Run("run", "--bundle", b.Dir, "rt0").ShouldFailWith("linux.resources.cpu.realtimeRuntime");
            b.Edit(c => c["linux"]!["resources"]!["cpu"] = new JsonObject { ["realtimeRuntime"] = 10000, ["realtimePeriod"] = 1000000 });
        }

        // Field 40 is the real-time priority, 41 the policy (SCHED_FIFO = 1).
        rc.Run("run", "--bundle", b.Dir, "rt").ShouldSucceed().Stdout.Should().Be("10 1\n");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Linux32_personality_applies_to_init_and_exec()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30")
            .Edit(c => c["linux"]!["personality"] = new JsonObject { ["domain"] = "LINUX32" });
        rc.Run("run", "-d", "--bundle", b.Dir, "p32").ShouldSucceed();

        var r = rc.Run("exec", "p32", "sh", "-c", "cat /proc/1/personality /proc/self/personality; uname -m").ShouldSucceed();

        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Take(2).Should().Equal("00000008", "00000008");
        if (RuntimeInformation.OSArchitecture == Architecture.X64)
            lines[2].Should().Be("i686");
        rc.Run("delete", "--force", "p32").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Linux_personality_keeps_the_native_domain()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sh", "-c", "cat /proc/self/personality; uname -m")
            .Edit(c => c["linux"]!["personality"] = new JsonObject { ["domain"] = "LINUX", ["flags"] = new JsonArray() });

        var lines = rc.Run("run", "--bundle", b.Dir, "p64").ShouldSucceed().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines[0].Should().Be("00000000");
        if (RuntimeInformation.OSArchitecture == Architecture.X64)
            lines[1].Should().Be("x86_64");
        rc.AssertNoLeftovers();
    }

    [SmpRootFact]
    public void Exec_runs_on_the_initial_cpus_then_on_the_final_ones_and_init_ignores_them()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30")
            .Edit(c => c["process"]!["execCPUAffinity"] = new JsonObject { ["initial"] = "0", ["final"] = "1" });
        rc.Run("run", "-d", "--bundle", b.Dir, "aff").ShouldSucceed();

        var r = rc.Run("--debug", "exec", "aff", "grep", "Cpus_allowed_list", "/proc/self/status", "/proc/1/status").ShouldSucceed();

        r.Stdout.Should().Contain("/proc/self/status:Cpus_allowed_list:\t1\n");
        r.Stdout.Should().Contain($"/proc/1/status:Cpus_allowed_list:\t{OnlineCpus()}\n", "execCPUAffinity does not apply to init");
        r.Stderr.Should().Contain("exec: initial CPU affinity 0");
        rc.Run("delete", "--force", "aff").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [SmpRootFact]
    public void Without_a_final_list_an_exec_gets_every_cpu_its_cgroup_allows()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        rc.Run("run", "-d", "--bundle", b.Dir, "ini").ShouldSucceed();
        var process = ProcessFile(rc, """{"initial":"1"}""", "execCPUAffinity", "/bin/grep", "Cpus_allowed_list", "/proc/self/status");

        var r = rc.Run("--debug", "exec", "--process", process, "ini").ShouldSucceed();

        r.Stderr.Should().Contain("exec: initial CPU affinity 1");
        r.Stdout.Should().Be($"Cpus_allowed_list:\t{OnlineCpus()}\n");
        rc.Run("delete", "--force", "ini").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [SmpRootFact]
    public void A_narrow_affinity_of_the_caller_is_not_inherited_by_the_container()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sh", "-c", "grep Cpus_allowed_list /proc/self/status; sleep 30");
        RuncsResult run;
        RuncsResult exec;
        using (OnCpu0())
        {
            run = rc.Run("run", "-d", "--bundle", b.Dir, "narrow");
            exec = rc.Run("exec", "narrow", "grep", "Cpus_allowed_list", "/proc/self/status");
        }

        run.ShouldSucceed();
        RuncsSandbox.WaitForFile(run.StdoutPath, t => t.Contains('\n')).Should().Be($"Cpus_allowed_list:\t{OnlineCpus()}\n");
        exec.ShouldSucceed().Stdout.Should().Be($"Cpus_allowed_list:\t{OnlineCpus()}\n");
        rc.Run("delete", "--force", "narrow").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    public static TheoryData<string, string, string> BadConfigs => new()
    {
        { "process", """{"scheduler":{"policy":"SCHED_OTHER","priority":5}}""", "can only be set for SCHED_FIFO or SCHED_RR" },
        { "process", """{"scheduler":{"policy":"SCHED_BATCH","runtime":1000}}""", "can only be set for SCHED_DEADLINE" },
        { "process", """{"ioPriority":{"class":"IOPRIO_CLASS_BE","priority":9}}""", "ioPriority" },
        { "process", """{"execCPUAffinity":{"final":"0-"}}""", "is not a valid cpu list" },
        { "linux", """{"personality":{"domain":"LINUX64"}}""", "$.linux.personality.domain: personality domain" },
    };

    [RootTheory]
    [MemberData(nameof(BadConfigs))]
    public void Invalid_settings_in_config_json_are_refused_before_anything_is_made(string section, string patch, string message)
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("true").Edit(c =>
        {
            foreach (var (key, value) in JsonNode.Parse(patch)!.AsObject())
                c[section]![key] = value!.DeepClone();
        });

        rc.Run("run", "--bundle", b.Dir, "bad").ShouldFailWith(message);
        rc.AssertNoLeftovers();
    }

    public static TheoryData<string, string, string> BadExecProcesses => new()
    {
        { "scheduler", """{"policy":"SCHED_FOO"}""", "invalid scheduler policy: SCHED_FOO" },
        { "scheduler", """{"policy":"SCHED_OTHER","flags":["SCHED_FLAG_FOO"]}""", "invalid scheduler flag: SCHED_FLAG_FOO" },
        { "ioPriority", """{"class":"IOPRIO_CLASS_NONE"}""", "invalid io priority class: IOPRIO_CLASS_NONE" },
        { "execCPUAffinity", """{"final":"0,4096"}""", "goes beyond the last possible number" },
        { "execCPUAffinity", """{"initial":"1-0"}""", "is not a valid range" },
    };

    [RootTheory]
    [MemberData(nameof(BadExecProcesses))]
    public void Invalid_settings_of_an_exec_process_file_are_refused_before_it_starts(string key, string value, string message)
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        rc.Run("run", "-d", "--bundle", b.Dir, "badx").ShouldSucceed();

        rc.Run("exec", "--process", ProcessFile(rc, value, key, "/bin/true"), "badx").ShouldFailWith(message, exitCode: 255);

        rc.Run("exec", "badx", "sh", "-c", "ps -o comm | grep runcs; echo checked").ShouldSucceed().Stdout.Should().Be("checked\n",
            "the refused exec left no process in the container");
        rc.Run("delete", "--force", "badx").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    /// <summary>A process.json with args, cwd "/" and one setting given as JSON text.</summary>
    private static string ProcessFile(RuncsSandbox rc, string settingJson, string key, params string[] args)
    {
        var process = new JsonObject
        {
            ["args"] = Bundle.Strings(args),
            ["cwd"] = "/",
            ["env"] = Bundle.Strings(["PATH=/bin", "HOME=/root"]),
            [key] = JsonNode.Parse(settingJson),
        };
        var path = rc.NewPath($"process-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, process.ToJsonString());
        return path;
    }

    private static string OnlineCpus() => File.ReadAllText("/sys/devices/system/cpu/online").Trim();

    /// <summary>Pins the calling thread, whose affinity the runcs it starts inherits, to CPU 0 until disposed.</summary>
    private static unsafe IDisposable OnCpu0()
    {
        var saved = new ulong[16];
        fixed (ulong* s = saved)
            Native.sched_getaffinity(0, saved.Length * sizeof(ulong), s).Should().Be(0);
        var one = 1UL;
        Native.sched_setaffinity(0, sizeof(ulong), &one).Should().Be(0);
        return new Restore(saved);
    }

    private sealed unsafe class Restore(ulong[] saved) : IDisposable
    {
        public void Dispose()
        {
            fixed (ulong* s = saved)
                Native.sched_setaffinity(0, saved.Length * sizeof(ulong), s);
        }
    }
}
