using System.Text.Json.Nodes;
using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>
/// OCI hooks: each phase runs, in order, with the state JSON on stdin. Every hook script appends
/// its phase (argv[1]) to one `order` file and saves its stdin as &lt;phase&gt;.json. The log
/// directory is bind-mounted at /hooklog so startContainer (run inside the container, from the
/// rootfs) writes to the same files as the host-side hooks.
/// </summary>
public sealed class HookTests
{
    private const string HostScript = "#!/bin/sh\n/bin/cat > \"$LOGDIR/$1.json\"\necho \"$1\" >> \"$LOGDIR/order\"\nexit ${2:-0}\n";

    private sealed record HookSetup(Bundle Bundle, string LogDir, string HostHook)
    {
        public string[] Order() => File.Exists(Path.Combine(LogDir, "order"))
            ? File.ReadAllLines(Path.Combine(LogDir, "order"))
            : [];

        public JsonObject StateOf(string phase) => JsonNode.Parse(File.ReadAllText(Path.Combine(LogDir, phase + ".json")))!.AsObject();
    }

    private static HookSetup Prepare(RuncsSandbox rc, params string[] args)
    {
        var logDir = rc.NewPath("hooklog");
        Directory.CreateDirectory(logDir);
        var hostHook = rc.NewPath("hook.sh");
        File.WriteAllText(hostHook, HostScript.Replace("$LOGDIR", logDir));
        File.SetUnixFileMode(hostHook, (UnixFileMode)0b111_101_101);
        var b = rc.NewBundle(args);
        Directory.CreateDirectory(Path.Combine(b.Rootfs, "hooklog"));
        b.WriteRootfsFile("/hooks/hook.sh", HostScript.Replace("$LOGDIR", "/hooklog"), (UnixFileMode)0b111_101_101);
        b.WithMount("/hooklog", "bind", logDir, "rbind", "rw");
        b.Edit(c => c["annotations"] = new JsonObject { ["org.example.hooks"] = "yes" });
        return new HookSetup(b, logDir, hostHook);
    }

    [RootFact]
    public void All_hooks_run_in_order_with_the_state_on_stdin()
    {
        using var rc = new RuncsSandbox();
        var h = Prepare(rc, "sleep", "30");
        foreach (var phase in new[] { "prestart", "createRuntime", "createContainer", "poststart", "poststop" })
            h.Bundle.WithHook(phase, h.HostHook, "hook", phase);
        h.Bundle.WithHook("startContainer", "/hooks/hook.sh", "hook", "startContainer");

        rc.Run("create", "--bundle", h.Bundle.Dir, "hooked").ShouldSucceed();
        h.Order().Should().Equal("prestart", "createRuntime", "createContainer");
        var pid = rc.State("hooked")["pid"]!.GetValue<int>();

        rc.Run("start", "hooked").ShouldSucceed();
        RuncsSandbox.WaitForFile(Path.Combine(h.LogDir, "order"), t => t.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 5);
        h.Order().Should().Equal("prestart", "createRuntime", "createContainer", "startContainer", "poststart");

        rc.Run("delete", "--force", "hooked").ShouldSucceed();
        h.Order().Should().Equal("prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop");

        var expectedStatus = new Dictionary<string, string>
        {
            ["prestart"] = "creating", ["createRuntime"] = "creating", ["createContainer"] = "creating",
            ["startContainer"] = "created", ["poststart"] = "running", ["poststop"] = "stopped",
        };
        foreach (var (phase, status) in expectedStatus)
        {
            var state = h.StateOf(phase);
            state["id"]!.GetValue<string>().Should().Be("hooked", phase);
            state["status"]!.GetValue<string>().Should().Be(status, phase);
            state["bundle"]!.GetValue<string>().Should().Be(h.Bundle.Dir, phase);
            state["ociVersion"]!.GetValue<string>().Should().NotBeNullOrEmpty(phase);
            state["annotations"]!["org.example.hooks"]!.GetValue<string>().Should().Be("yes", phase);
            var statePid = state["pid"]?.GetValue<int>() ?? 0;
            switch (phase)
            {
                case "poststop":
                    statePid.Should().Be(0, "a stopped container has no pid");
                    break;
                case "createContainer" or "startContainer":
                    // Run inside the container's pid namespace: runc reports getpid() there (1).
                    statePid.Should().BeOneOf([pid, 1], phase);
                    break;
                default:
                    statePid.Should().Be(pid, phase);
                    break;
            }
        }
        rc.AssertNoLeftovers();
    }

    [RootTheory]
    [InlineData("prestart")]
    [InlineData("createRuntime")]
    [InlineData("createContainer")]
    public void A_failing_create_hook_fails_create_and_leaves_nothing(string phase)
    {
        using var rc = new RuncsSandbox();
        var h = Prepare(rc, "sleep", "30");
        h.Bundle.WithHook(phase, h.HostHook, "hook", phase, "3");
        h.Bundle.WithHook("poststart", h.HostHook, "hook", "poststart");
        h.Bundle.WithHook("poststop", h.HostHook, "hook", "poststop");
        var r = rc.Run("create", "--bundle", h.Bundle.Dir, "broken");
        r.ShouldFail(1).ShouldHaveNoStackTrace();
        r.Stderr.Should().Contain(phase, r.Describe());
        h.Order().Should().Equal([phase, "poststop"], "the lifecycle continues at destroy and the poststop hooks (runtime.md steps 12, 13)");
        if (Directory.Exists(rc.Root))
            Directory.EnumerateFileSystemEntries(rc.Root).Should().BeEmpty("a failed create leaves no state directory");
        rc.Run("state", "broken").ShouldFailWith("container does not exist");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_hook_gets_its_args_as_argv_including_argv0()
    {
        // Docker's prestart hook is dockerd re-executed as "libnetwork-setkey": argv[0] is not the path.
        // busybox picks its applet by argv[0], so it only runs sh when argv[0] is passed as given.
        using var rc = new RuncsSandbox();
        var outFile = rc.NewPath("argv0");
        var b = rc.NewBundle("true");
        b.Edit(c => c["hooks"] = new JsonObject
        {
            ["prestart"] = new JsonArray(new JsonObject
            {
                ["path"] = IntegrationRequirements.Busybox,
                ["args"] = Bundle.Strings(["sh", "-c", $"echo \"$0 $HOOK_ENV\" > {outFile}", "dollar0"]),
                ["env"] = Bundle.Strings(["HOOK_ENV=1"]),
            }),
        });
        rc.Run("create", "--bundle", b.Dir, "argv0").ShouldSucceed();
        File.ReadAllText(outFile).Should().Be("dollar0 1\n", "busybox ran its sh applet, so argv[0] was \"sh\"");
        rc.Run("delete", "--force", "argv0").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_failing_startContainer_hook_fails_start_and_the_process_never_runs()
    {
        using var rc = new RuncsSandbox();
        var h = Prepare(rc, "sh", "-c", "echo ran >> /hooklog/order; sleep 30");
        h.Bundle.WithHook("startContainer", "/hooks/hook.sh", "hook", "startContainer", "6");
        rc.Run("create", "--bundle", h.Bundle.Dir, "nostart").ShouldSucceed();
        rc.Run("start", "nostart").ShouldFail(1).ShouldHaveNoStackTrace();
        rc.WaitForStatus("nostart", "stopped");
        h.Order().Should().Equal("startContainer");
        rc.Run("delete", "nostart").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_hook_past_its_timeout_fails_create()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        b.Edit(c => c["hooks"] = new JsonObject
        {
            ["createRuntime"] = new JsonArray(new JsonObject { ["path"] = "/bin/sleep", ["args"] = Bundle.Strings(["sleep", "20"]), ["timeout"] = 1 }),
        });
        var r = rc.Run("create", "--bundle", b.Dir, "slow");
        r.ShouldFail(1).ShouldHaveNoStackTrace();
        r.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
        r.Stderr.Should().Contain("createRuntime");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_failing_poststart_hook_only_warns()
    {
        using var rc = new RuncsSandbox();
        var h = Prepare(rc, "sleep", "30");
        h.Bundle.WithHook("poststart", h.HostHook, "hook", "poststart", "4");
        rc.Run("create", "--bundle", h.Bundle.Dir, "warned").ShouldSucceed();
        var log = rc.NewPath("log.json");
        var r = rc.Run("--log", log, "--log-format", "json", "start", "warned").ShouldSucceed();
        h.Order().Should().Equal("poststart");
        rc.Status("warned").Should().Be("running");
        var records = File.ReadAllLines(log).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        records.Should().Contain(rec => rec["level"]!.GetValue<string>() == "warning" && rec["msg"]!.GetValue<string>().Contains("poststart"), string.Join("\n", File.ReadAllLines(log)));
        records.Should().NotContain(rec => rec["level"]!.GetValue<string>() == "error", "a stale error record would be reported by containerd later");
        r.Stdout.Should().BeEmpty();
        rc.Run("delete", "--force", "warned").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_failing_poststop_hook_does_not_stop_delete()
    {
        using var rc = new RuncsSandbox();
        var h = Prepare(rc, "true");
        h.Bundle.WithHook("poststop", h.HostHook, "hook", "poststop", "5");
        rc.Run("run", "--detach", "--bundle", h.Bundle.Dir, "pstop").ShouldSucceed();
        rc.WaitForStatus("pstop", "stopped");
        rc.Run("delete", "pstop").ShouldSucceed();
        h.Order().Should().Equal("poststop");
        rc.Run("state", "pstop").ShouldFailWith("container does not exist");
        rc.AssertNoLeftovers();
    }
}
