using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit;
using static Runc.Sharp.Runtime.Tests.Integration.Support.SeccompProfiles;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>linux.seccomp, checked from inside busybox containers: actions, errno values, conditions, exec, users, notify.</summary>
public sealed class SeccompTests
{
    private static readonly TimeSpan AgentTimeout = TimeSpan.FromSeconds(20);

    private static Bundle WithSeccomp(RuncsSandbox rc, JsonObject seccomp, string script) =>
        rc.NewBundle("sh", "-c", script).WithReadonlyRoot(false).Edit(c => c["linux"]!["seccomp"] = seccomp);

    private static string Field(string status, string name) =>
        Regex.Match(status, $@"^{name}:\s+(\S+)$", RegexOptions.Multiline).Groups[1].Value;

    [RootFact]
    public void A_denied_syscall_fails_with_eperm_and_the_process_is_filtered()
    {
        using var rc = new RuncsSandbox();
        var b = WithSeccomp(rc, AllowBut(Rule("SCMP_ACT_ERRNO", "mkdir", "mkdirat")),
            "mkdir /tmp/denied; echo mkdir=$?; touch /tmp/file && echo touch=ok; cat /proc/self/status");
        var r = rc.Run("run", "--bundle", b.Dir, "deny").ShouldSucceed();

        r.Stderr.Should().Contain("mkdir: can't create directory '/tmp/denied': Operation not permitted");
        r.Stdout.Should().Contain("mkdir=1\n").And.Contain("touch=ok\n");
        Field(r.Stdout, "Seccomp").Should().Be("2", "mode 2 is SECCOMP_MODE_FILTER");
        Field(r.Stdout, "Seccomp_filters").Should().Be("1");
        Directory.Exists(Path.Combine(b.Rootfs, "tmp", "denied")).Should().BeFalse();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void ErrnoRet_and_defaultErrnoRet_choose_the_error()
    {
        using var rc = new RuncsSandbox();
        var enoent = Rule("SCMP_ACT_ERRNO", "mkdir", "mkdirat");
        enoent["errnoRet"] = 2;
        var b = WithSeccomp(rc, AllowBut(enoent), "mkdir /tmp/x");
        rc.Run("run", "--bundle", b.Dir, "errno").Stderr.Should().Contain("No such file or directory");

        // Docker-like: deny by default; sethostname is not on the list, so it gets defaultErrnoRet.
        var d = WithSeccomp(rc, DockerLike(defaultErrnoRet: 13), "hostname renamed; echo rc=$?");
        var r = rc.Run("run", "--bundle", d.Dir, "deferrno");
        r.Stdout.Should().Be("rc=1\n", r.Describe());
        r.Stderr.Should().Contain("Permission denied", "EACCES (13) instead of the EPERM a missing capability gives");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Kill_actions_end_the_caller_with_SIGSYS()
    {
        using var rc = new RuncsSandbox();
        var b = WithSeccomp(rc, AllowBut(Rule("SCMP_ACT_KILL", "mkdir", "mkdirat"), Rule("SCMP_ACT_KILL_PROCESS", "rmdir")),
            "mkdir /tmp/k; echo mkdir=$?; rmdir /tmp; echo rmdir=$?");
        var r = rc.Run("run", "--bundle", b.Dir, "kill").ShouldSucceed();

        r.Stdout.Should().Be("mkdir=159\nrmdir=159\n", "128 + SIGSYS (31): " + r.Describe());
        var killed = WithSeccomp(rc, AllowBut(Rule("SCMP_ACT_KILL_PROCESS", "mkdir", "mkdirat")), "exec mkdir /tmp/k");
        rc.Run("run", "--bundle", killed.Dir, "killed").ExitCode.Should().Be(159, "the container's own process dies by SIGSYS");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void An_argument_condition_denies_only_the_matching_value()
    {
        using var rc = new RuncsSandbox();
        var b = WithSeccomp(rc, AllowBut(Rule("SCMP_ACT_ERRNO", "personality").With(Arg(0, "SCMP_CMP_EQ", 8))),
            "linux64 true; echo linux64=$?; linux32 true; echo linux32=$?");
        var r = rc.Run("run", "--bundle", b.Dir, "arg").ShouldSucceed();

        r.Stdout.Should().Be("linux64=0\nlinux32=1\n", r.Describe());
        r.Stderr.Should().Contain("personality(0x8): Operation not permitted");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Exec_into_the_container_gets_the_container_filter()
    {
        using var rc = new RuncsSandbox();
        var b = WithSeccomp(rc, AllowBut(Rule("SCMP_ACT_ERRNO", "mkdir", "mkdirat")), "sleep 60");
        rc.Run("run", "--detach", "--bundle", b.Dir, "ex").ShouldSucceed();

        var status = rc.Run("exec", "ex", "cat", "/proc/self/status").ShouldSucceed().Stdout;
        Field(status, "Seccomp").Should().Be("2");
        Field(status, "Seccomp_filters").Should().Be("1");
        rc.Run("exec", "ex", "mkdir", "/tmp/e").Should().Match<RuncsResult>(r => r.ExitCode == 1 && r.Stderr.Contains("Operation not permitted"));
        rc.Run("exec", "--no-new-privs", "--user", "1000:1000", "ex", "mkdir", "/tmp/e2").Stderr.Should().Contain("Operation not permitted");
        rc.Run("exec", "ex", "touch", "/tmp/ok").ShouldSucceed();
        rc.Run("delete", "--force", "ex").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_non_root_user_is_filtered_with_and_without_no_new_privileges(bool noNewPrivileges)
    {
        using var rc = new RuncsSandbox();
        var b = WithSeccomp(rc, AllowBut(Rule("SCMP_ACT_ERRNO", "mkdir", "mkdirat")),
            "id -u; mkdir /tmp/u; echo mkdir=$?; cat /proc/self/status");
        b.Edit(_ =>
        {
            b.Process["user"] = new JsonObject { ["uid"] = 1000, ["gid"] = 1000 };
            b.Process["noNewPrivileges"] = noNewPrivileges;
        });
        var r = rc.Run("run", "--bundle", b.Dir, "user").ShouldSucceed();

        r.Stdout.Should().StartWith("1000\nmkdir=1\n", r.Describe());
        r.Stderr.Should().Contain("Operation not permitted", "1777 /tmp would let uid 1000 create the directory");
        Field(r.Stdout, "Seccomp").Should().Be("2");
        Field(r.Stdout, "NoNewPrivs").Should().Be(noNewPrivileges ? "1" : "0");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Syscall_names_libseccomp_does_not_know_are_skipped()
    {
        using var rc = new RuncsSandbox();
        var b = WithSeccomp(rc, AllowBut(Rule("SCMP_ACT_ERRNO", "no_such_syscall_at_all", "mkdir", "mkdirat")), "mkdir /tmp/s");
        var r = rc.Run("run", "--bundle", b.Dir, "skip");

        r.ExitCode.Should().Be(1, r.Describe());
        r.Stderr.Should().Contain("Operation not permitted");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void An_unknown_action_is_one_clear_line_and_nothing_is_created()
    {
        using var rc = new RuncsSandbox();
        var b = WithSeccomp(rc, AllowBut(Rule("SCMP_ACT_DENY", "mkdir")), "true");
        var r = rc.Run("run", "--bundle", b.Dir, "bad").ShouldFailWith("unknown seccomp action");

        r.Error.Should().Contain("SCMP_ACT_DENY").And.NotContain("\n", "one line");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_docker_shaped_profile_runs_busybox()
    {
        using var rc = new RuncsSandbox();
        var b = WithSeccomp(rc, DockerLike(),
            "echo hello | cat; ls / > /dev/null && echo ls=ok; id -u; (sleep 0; echo subshell) ; grep ^Seccomp: /proc/self/status; mkdir /tmp/d && rmdir /tmp/d && echo dirs=ok; "
            + "hostname other; echo hostname=$?; linux32 true; echo linux32=$?");
        var r = rc.Run("run", "--bundle", b.Dir, "seccomp-docker-shaped").ShouldSucceed();

        r.Stdout.Should().Be("hello\nls=ok\n0\nsubshell\nSeccomp:\t2\ndirs=ok\nhostname=1\nlinux32=0\n", r.Describe());
        r.Stderr.Should().Contain("Operation not permitted", "sethostname is denied with defaultErrnoRet 1");
        rc.AssertNoLeftovers();
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Init_needs_no_new_thread_under_a_profile_that_denies_clone3(bool noNewPrivileges)
    {
        // glibc only falls back from clone3 to clone on ENOSYS; here clone3 gets the default EPERM.
        using var rc = new RuncsSandbox();
        var b = WithSeccomp(rc, DockerLike(clone3Enosys: false), "echo started");
        b.Edit(_ => b.Process["noNewPrivileges"] = noNewPrivileges);
        var created = rc.Run("create", "--bundle", b.Dir, "c3").ShouldSucceed();
        rc.Run("start", "c3").ShouldSucceed();
        rc.WaitForStatus("c3", "stopped");
        created.CurrentStdout.Should().Be("started\n", "init waited on the exec fifo and exec'd under the filter");
        rc.Run("delete", "c3").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void StartContainer_hooks_run_under_the_filter_as_in_runc()
    {
        using var rc = new RuncsSandbox();
        var b = WithSeccomp(rc, DockerLike(), "cat /tmp/hook");
        b.WithHook("startContainer", "/bin/sh", "sh", "-c", "grep ^Seccomp: /proc/self/status > /tmp/hook");
        var r = rc.Run("run", "--bundle", b.Dir, "hook").ShouldSucceed();

        r.Stdout.Should().Be("Seccomp:\t2\n", "the hook runs in the container after the filter is loaded");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Notify_sends_the_listener_and_the_state_to_the_agent_at_create_and_exec()
    {
        using var rc = new RuncsSandbox();
        using var agent = new SeccompAgentSocket(rc.NewPath("agent.sock"));
        var profile = AllowBut(Rule("SCMP_ACT_NOTIFY", "mkdir", "mkdirat"));
        profile["listenerPath"] = agent.Path;
        profile["listenerMetadata"] = "seccomp-test-metadata";
        var b = WithSeccomp(rc, profile, "sleep 60");
        b.Edit(c => c["annotations"] = new JsonObject { ["org.example.test"] = "notify" });
        rc.Run("run", "--detach", "--bundle", b.Dir, "nt").ShouldSucceed();
        var initPid = rc.State("nt")["pid"]!.GetValue<int>();

        var (created, initListener) = agent.Receive(AgentTimeout);
        using (initListener)
        {
            created["ociVersion"]!.GetValue<string>().Should().NotBeNullOrEmpty();
            created["fds"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("seccompFd");
            created["pid"]!.GetValue<int>().Should().Be(initPid);
            created["metadata"]!.GetValue<string>().Should().Be("seccomp-test-metadata");
            var state = created["state"]!;
            state["id"]!.GetValue<string>().Should().Be("nt");
            state["status"]!.GetValue<string>().Should().Be("creating");
            state["pid"]!.GetValue<int>().Should().Be(initPid);
            state["bundle"]!.GetValue<string>().Should().Be(b.Dir);
            state["annotations"]!["org.example.test"]!.GetValue<string>().Should().Be("notify");
            initListener.IsInvalid.Should().BeFalse();
        }

        // exec: its own filter and listener; the agent answers the mkdir with ENOSPC.
        var answered = Task.Run(() =>
        {
            var (execState, listener) = agent.Receive(AgentTimeout);
            using (listener)
                return (execState, SeccompAgentSocket.FailNext(listener, 28, AgentTimeout));
        });
        var exec = rc.Run("exec", "nt", "mkdir", "/tmp/n");
        answered.Wait(AgentTimeout).Should().BeTrue("the agent got the exec's listener and a notification");
        var (running, (callerPid, nr)) = answered.Result;

        exec.ExitCode.Should().Be(1, exec.Describe());
        exec.Stderr.Should().Contain("No space left on device", "the agent's answer");
        running["state"]!["status"]!.GetValue<string>().Should().Be("running");
        running["state"]!["pid"]!.GetValue<int>().Should().Be(initPid);
        running["pid"]!.GetValue<int>().Should().NotBe(initPid, "the exec'd process owns this listener");
        callerPid.Should().Be(running["pid"]!.GetValue<int>());
        nr.Should().BeOneOf(83, 258); // mkdir or mkdirat on x86_64
        rc.Run("delete", "--force", "nt").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Notify_answers_reach_the_container_process()
    {
        using var rc = new RuncsSandbox();
        using var agent = new SeccompAgentSocket(rc.NewPath("agent.sock"));
        var profile = AllowBut(Rule("SCMP_ACT_NOTIFY", "mkdir", "mkdirat"));
        profile["listenerPath"] = agent.Path;
        var b = WithSeccomp(rc, profile, "mkdir /tmp/n; echo mkdir=$?");
        var answered = Task.Run(() =>
        {
            var (state, listener) = agent.Receive(AgentTimeout);
            using (listener)
                return (state, SeccompAgentSocket.FailNext(listener, 28, AgentTimeout));
        });
        var r = rc.Run("run", "--bundle", b.Dir, "nf");
        answered.Wait(AgentTimeout).Should().BeTrue();

        r.ShouldSucceed().Stdout.Should().Be("mkdir=1\n");
        r.Stderr.Should().Contain("No space left on device");
        answered.Result.state["metadata"].Should().BeNull("no listenerMetadata was given");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_missing_agent_fails_create_and_leaves_nothing()
    {
        using var rc = new RuncsSandbox();
        var profile = AllowBut(Rule("SCMP_ACT_NOTIFY", "mkdir"));
        profile["listenerPath"] = rc.NewPath("nobody-listens.sock");
        var b = WithSeccomp(rc, profile, "true");
        rc.Run("run", "--bundle", b.Dir, "noagent").ShouldFailWith("failed to connect with seccomp agent");
        rc.AssertNoLeftovers();
    }
}
