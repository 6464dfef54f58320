using FluentAssertions;
using Runc.Sharp.Runtime.Containers;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Model;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Unit;

public sealed class ExecProcessBuilderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static RuntimeConfig Bundle() => new()
    {
        Process = new Process
        {
            Args = ["/bin/sh"],
            Env = ["PATH=/usr/bin:/bin", "TERM=xterm"],
            Cwd = "/work",
            Terminal = true,
            User = new User { Uid = 5, Gid = 6, AdditionalGids = [10], Umask = 0b000_010_010 },
            Capabilities = new Capabilities
            {
                Bounding = ["CAP_KILL"],
                Effective = ["CAP_KILL"],
                Permitted = ["CAP_KILL"],
                Inheritable = ["CAP_KILL"],
            },
            NoNewPrivileges = false,
            Rlimits = [new Rlimit { Type = "RLIMIT_NOFILE", Hard = 1024, Soft = 1024 }],
            ApparmorProfile = "profile",
            SelinuxLabel = "label",
        },
    };

    [Fact]
    public void Flags_are_applied_onto_the_config_process()
    {
        var o = new ExecOptions
        {
            Id = "c1",
            Args = ["ls", "-l"],
            Env = ["A=1", "TERM=dumb"],
            Cwd = "/tmp",
            NoNewPrivs = true,
            AppArmor = "other",
            ProcessLabel = "other-label",
        };

        var p = ExecProcessBuilder.Build(o, Bundle());

        p.Args.Should().Equal("ls", "-l");
        p.Env.Should().Equal("PATH=/usr/bin:/bin", "TERM=xterm", "A=1", "TERM=dumb");
        p.Cwd.Should().Be("/tmp");
        p.Terminal.Should().BeFalse("--tty was not given");
        p.User!.Uid.Should().Be(5);
        p.User.Gid.Should().Be(6);
        p.User.AdditionalGids.Should().Equal(10u);
        p.User.Umask.Should().Be(0b000_010_010);
        p.NoNewPrivileges.Should().BeTrue();
        p.Rlimits.Should().ContainSingle().Which.Type.Should().Be("RLIMIT_NOFILE");
        p.ApparmorProfile.Should().Be("other");
        p.SelinuxLabel.Should().Be("other-label");
    }

    [Fact]
    public void Unset_flags_keep_the_config_values()
    {
        var p = ExecProcessBuilder.Build(new ExecOptions { Id = "c1", Args = ["true"], Tty = true }, Bundle());

        p.Cwd.Should().Be("/work");
        p.Env.Should().Equal("PATH=/usr/bin:/bin", "TERM=xterm");
        p.Terminal.Should().BeTrue();
        p.NoNewPrivileges.Should().BeFalse();
        p.ApparmorProfile.Should().Be("profile");
        p.SelinuxLabel.Should().Be("label");
        p.Capabilities!.Bounding.Should().Equal("CAP_KILL");
    }

    [Fact]
    public void Without_a_config_process_the_defaults_are_cwd_root_and_no_user()
    {
        var p = ExecProcessBuilder.Build(new ExecOptions { Id = "c1", Args = ["true"], Env = ["X=y"] }, null);

        p.Cwd.Should().Be("/");
        p.Env.Should().Equal("X=y");
        p.User.Should().BeNull();
        p.Capabilities.Should().BeNull();
    }

    [Theory]
    [InlineData("1000", 1000u, 6u)]
    [InlineData("1000:2000", 1000u, 2000u)]
    [InlineData("0:0", 0u, 0u)]
    public void User_flag_sets_uid_and_optionally_gid(string user, uint uid, uint gid)
    {
        var p = ExecProcessBuilder.Build(new ExecOptions { Id = "c1", Args = ["id"], User = user }, Bundle());

        p.User!.Uid.Should().Be(uid);
        p.User.Gid.Should().Be(gid);
    }

    [Fact]
    public void User_flag_without_a_config_user_creates_one()
    {
        var p = ExecProcessBuilder.Build(new ExecOptions { Id = "c1", Args = ["id"], User = "7:8" }, null);

        p.User!.Uid.Should().Be(7);
        p.User.Gid.Should().Be(8);
    }

    [Theory]
    [InlineData("root")]
    [InlineData("1000:staff")]
    [InlineData("1000:")]
    [InlineData(":1000")]
    [InlineData("-1")]
    public void Non_numeric_user_is_an_error(string user)
    {
        var act = () => ExecProcessBuilder.Build(new ExecOptions { Id = "c1", Args = ["id"], User = user }, Bundle());

        act.Should().Throw<RuntimeException>().WithMessage($"parsing {user} as uid:gid: runcs accepts numeric ids only");
    }

    [Fact]
    public void Additional_gids_are_appended()
    {
        var p = ExecProcessBuilder.Build(new ExecOptions { Id = "c1", Args = ["id"], AdditionalGids = ["20", "30"] }, Bundle());

        p.User!.AdditionalGids.Should().Equal(10u, 20u, 30u);
    }

    [Fact]
    public void Non_numeric_additional_gid_is_an_error()
    {
        var act = () => ExecProcessBuilder.Build(new ExecOptions { Id = "c1", Args = ["id"], AdditionalGids = ["wheel"] }, Bundle());

        act.Should().Throw<RuntimeException>().WithMessage("invalid additional-gids value wheel");
    }

    [Fact]
    public void Caps_are_added_to_bounding_effective_and_permitted()
    {
        var p = ExecProcessBuilder.Build(
            new ExecOptions { Id = "c1", Args = ["true"], Caps = ["CAP_NET_ADMIN", "CAP_SYS_PTRACE"] }, Bundle());

        var c = p.Capabilities!;
        c.Bounding.Should().Equal("CAP_KILL", "CAP_NET_ADMIN", "CAP_SYS_PTRACE");
        c.Effective.Should().Equal("CAP_KILL", "CAP_NET_ADMIN", "CAP_SYS_PTRACE");
        c.Permitted.Should().Equal("CAP_KILL", "CAP_NET_ADMIN", "CAP_SYS_PTRACE");
        c.Inheritable.Should().Equal("CAP_KILL");
        c.Ambient.Should().BeNull();
    }

    [Fact]
    public void Caps_without_config_capabilities_create_the_sets()
    {
        var p = ExecProcessBuilder.Build(new ExecOptions { Id = "c1", Args = ["true"], Caps = ["CAP_CHOWN"] }, null);

        p.Capabilities!.Bounding.Should().Equal("CAP_CHOWN");
        p.Capabilities.Effective.Should().Equal("CAP_CHOWN");
        p.Capabilities.Permitted.Should().Equal("CAP_CHOWN");
    }

    [Fact]
    public void Building_does_not_change_the_bundle_config()
    {
        var bundle = Bundle();

        ExecProcessBuilder.Build(
            new ExecOptions { Id = "c1", Args = ["true"], Caps = ["CAP_SYS_ADMIN"], AdditionalGids = ["99"], User = "1:2" }, bundle);

        bundle.Process!.Capabilities!.Bounding.Should().Equal("CAP_KILL");
        bundle.Process.Capabilities.Effective.Should().Equal("CAP_KILL");
        bundle.Process.Capabilities.Permitted.Should().Equal("CAP_KILL");
        bundle.Process.User!.AdditionalGids.Should().Equal(10u);
        bundle.Process.User.Uid.Should().Be(5);
        bundle.Process.Env.Should().Equal("PATH=/usr/bin:/bin", "TERM=xterm");
    }

    [Theory]
    [InlineData("relative")]
    [InlineData("./x")]
    public void Relative_cwd_is_an_error(string cwd)
    {
        var act = () => ExecProcessBuilder.Build(new ExecOptions { Id = "c1", Args = ["true"], Cwd = cwd }, Bundle());

        act.Should().Throw<RuntimeException>().WithMessage("cwd property must not be empty and must be an absolute path");
    }

    [Fact]
    public void Empty_config_cwd_is_an_error()
    {
        var bundle = Bundle();
        bundle.Process!.Cwd = "";

        var act = () => ExecProcessBuilder.Build(new ExecOptions { Id = "c1", Args = ["true"] }, bundle);

        act.Should().Throw<RuntimeException>().WithMessage("cwd property must not be empty and must be an absolute path");
    }

    [Fact]
    public void Empty_args_are_an_error()
    {
        var act = () => ExecProcessBuilder.Build(new ExecOptions { Id = "c1" }, Bundle());

        act.Should().Throw<RuntimeException>().WithMessage("args must not be empty");
    }

    [Fact]
    public void Process_file_is_used_as_is()
    {
        var file = _dir.WriteFile("process.json",
            """{"args":["/bin/echo","hi"],"cwd":"/srv","env":["K=V"],"user":{"uid":3,"gid":4}}""");

        var p = ExecProcessBuilder.Build(
            new ExecOptions { Id = "c1", ProcessFile = file, Args = ["ignored"], Env = ["IGNORED=1"], Caps = ["CAP_CHOWN"] }, Bundle());

        p.Args.Should().Equal("/bin/echo", "hi");
        p.Cwd.Should().Be("/srv");
        p.Env.Should().Equal("K=V");
        p.User!.Uid.Should().Be(3);
        p.Capabilities.Should().BeNull();
    }

    [Fact]
    public void Scheduler_io_priority_and_exec_affinity_come_from_the_config_unless_the_process_sets_them()
    {
        var bundle = Bundle();
        bundle.Process!.Scheduler = new Scheduler { Policy = "SCHED_BATCH", Nice = 19 };
        bundle.Process.IoPriority = new IoPriority { Class = "IOPRIO_CLASS_BE", Priority = 4 };
        bundle.Process.ExecCpuAffinity = new ExecCpuAffinity { Initial = "0", Final = "1" };
        var file = _dir.WriteFile("process.json", """{"args":["x"],"cwd":"/","ioPriority":{"class":"IOPRIO_CLASS_IDLE"}}""");

        var fromFlags = ExecProcessBuilder.Build(new ExecOptions { Id = "c1", Args = ["x"] }, bundle);
        var fromFile = ExecProcessBuilder.Build(new ExecOptions { Id = "c1", ProcessFile = file }, bundle);

        fromFlags.Scheduler!.Policy.Should().Be("SCHED_BATCH");
        fromFlags.IoPriority!.Class.Should().Be("IOPRIO_CLASS_BE");
        fromFlags.ExecCpuAffinity!.Final.Should().Be("1");
        fromFile.IoPriority!.Class.Should().Be("IOPRIO_CLASS_IDLE", "the process file's own setting wins");
        fromFile.Scheduler!.Policy.Should().Be("SCHED_BATCH");
        fromFile.ExecCpuAffinity!.Initial.Should().Be("0");
    }

    [Fact]
    public void Process_file_with_relative_cwd_is_an_error()
    {
        var file = _dir.WriteFile("process.json", """{"args":["x"],"cwd":"srv"}""");

        var act = () => ExecProcessBuilder.Build(new ExecOptions { Id = "c1", ProcessFile = file }, null);

        act.Should().Throw<RuntimeException>().WithMessage("cwd property must not be empty and must be an absolute path");
    }

    [Fact]
    public void Unreadable_or_invalid_process_file_is_an_error_naming_it()
    {
        var missing = _dir.Combine("missing.json");
        var bad = _dir.WriteFile("bad.json", "{\"args\": [");

        foreach (var file in new[] { missing, bad })
        {
            var act = () => ExecProcessBuilder.Build(new ExecOptions { Id = "c1", ProcessFile = file }, null);
            act.Should().Throw<RuntimeException>().Which.Message.Should().StartWith($"read process file {file}: ");
        }
    }
}

[Collection(ProcessStateCollection.Name)]
public sealed class ListenFdsTests : IDisposable
{
    private readonly string? _pid = Environment.GetEnvironmentVariable("LISTEN_PID");
    private readonly string? _fds = Environment.GetEnvironmentVariable("LISTEN_FDS");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("LISTEN_PID", _pid);
        Environment.SetEnvironmentVariable("LISTEN_FDS", _fds);
    }

    private static void Set(string? pid, string? fds)
    {
        Environment.SetEnvironmentVariable("LISTEN_PID", pid);
        Environment.SetEnvironmentVariable("LISTEN_FDS", fds);
    }

    [Fact]
    public void Fds_for_our_pid_are_passed_on_with_pid_1()
    {
        Set(Environment.ProcessId.ToString(), "3");

        var l = ListenFds.FromEnvironment();

        l.Count.Should().Be(3);
        l.Env.Should().Equal("LISTEN_FDS=3", "LISTEN_PID=1");
    }

    [Theory]
    [InlineData(null, "2")]
    [InlineData("SELF", null)]
    [InlineData("1", "2")]
    [InlineData("SELF", "0")]
    [InlineData("SELF", "-1")]
    [InlineData("SELF", "two")]
    public void Anything_else_passes_nothing(string? pid, string? fds)
    {
        Set(pid == "SELF" ? Environment.ProcessId.ToString() : pid, fds);

        var l = ListenFds.FromEnvironment();

        l.Count.Should().Be(0);
        l.Env.Should().BeEmpty();
    }
}
