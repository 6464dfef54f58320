using FluentAssertions;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Init;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Unit;

public sealed class PathLookupTests : IDisposable
{
    private const UnixFileMode Exec = (UnixFileMode)0b111_101_101;
    private const UnixFileMode NoExec = (UnixFileMode)0b110_100_100;

    private readonly TempDir _dir = new();
    private readonly string _bin1;
    private readonly string _bin2;

    public PathLookupTests()
    {
        _bin1 = _dir.Combine("bin1");
        _bin2 = _dir.Combine("bin2");
        _dir.WriteFile("bin1/foo", "#!/bin/sh\n", Exec);
        _dir.WriteFile("bin2/foo", "#!/bin/sh\n", Exec);
        _dir.WriteFile("bin1/bar", "data", NoExec);
        _dir.WriteFile("bin2/bar", "#!/bin/sh\n", Exec);
        _dir.WriteFile("bin2/owneronly", "#!/bin/sh\n", UnixFileMode.UserRead | UnixFileMode.UserExecute);
        _dir.WriteFile("bin2/otheronly", "#!/bin/sh\n", UnixFileMode.OtherExecute);
        Directory.CreateDirectory(_dir.Combine("bin1", "sub"));
        Directory.CreateDirectory(_dir.Combine("bin2", "sub"));
    }

    public void Dispose() => _dir.Dispose();

    private string[] Env(params string[] dirs) => ["HOME=/root", "PATH=" + string.Join(':', dirs)];

    [Fact]
    public void Path_is_searched_in_order()
    {
        PathLookup.Find("foo", Env(_bin1, _bin2)).Should().Be(Path.Combine(_bin1, "foo"));
        PathLookup.Find("foo", Env(_bin2, _bin1)).Should().Be(Path.Combine(_bin2, "foo"));
    }

    [Fact]
    public void Non_executable_files_are_skipped()
    {
        PathLookup.Find("bar", Env(_bin1, _bin2)).Should().Be(Path.Combine(_bin2, "bar"));
    }

    [Fact]
    public void Any_execute_bit_counts()
    {
        PathLookup.Find("owneronly", Env(_bin2)).Should().Be(Path.Combine(_bin2, "owneronly"));
        PathLookup.Find("otheronly", Env(_bin2)).Should().Be(Path.Combine(_bin2, "otheronly"));
    }

    [Fact]
    public void Directories_are_skipped()
    {
        var act = () => PathLookup.Find("sub", Env(_bin1, _bin2));

        act.Should().Throw<RuntimeException>().WithMessage("exec: \"sub\": executable file not found in $PATH");
    }

    [Fact]
    public void Missing_command_is_not_found_in_path()
    {
        var act = () => PathLookup.Find("nosuchcmd", Env(_bin1, _bin2));

        act.Should().Throw<RuntimeException>().WithMessage("exec: \"nosuchcmd\": executable file not found in $PATH");
    }

    [Fact]
    public void Only_non_executable_candidates_is_not_found()
    {
        var act = () => PathLookup.Find("bar", Env(_bin1));

        act.Should().Throw<RuntimeException>().WithMessage("exec: \"bar\": executable file not found in $PATH");
    }

    [Fact]
    public void No_PATH_at_all_is_not_found()
    {
        var act = () => PathLookup.Find("foo", ["HOME=/"]);

        act.Should().Throw<RuntimeException>().WithMessage("exec: \"foo\": executable file not found in $PATH");
    }

    [Fact]
    public void The_last_PATH_entry_wins()
    {
        PathLookup.Find("foo", ["PATH=" + _bin1, "PATH=" + _bin2]).Should().Be(Path.Combine(_bin2, "foo"));
    }

    [Fact]
    public void Variables_that_only_start_like_PATH_are_ignored()
    {
        PathLookup.Find("foo", ["PATH=" + _bin1, "PATHX=" + _bin2, "MYPATH=" + _bin2]).Should().Be(Path.Combine(_bin1, "foo"));
    }

    [Fact]
    public void Names_with_a_slash_are_used_directly()
    {
        var foo = Path.Combine(_bin2, "foo");

        PathLookup.Find(foo, Env(_bin1)).Should().Be(foo);
    }

    [Fact]
    public void Missing_path_with_a_slash_reports_stat()
    {
        var missing = Path.Combine(_bin1, "missing");

        var act = () => PathLookup.Find(missing, Env(_bin1));

        act.Should().Throw<RuntimeException>().WithMessage($"exec: \"{missing}\": stat {missing}: no such file or directory");
    }

    [Fact]
    public void Directory_with_a_slash_is_permission_denied()
    {
        var sub = Path.Combine(_bin1, "sub");

        var act = () => PathLookup.Find(sub, Env(_bin1));

        act.Should().Throw<RuntimeException>().WithMessage($"exec: \"{sub}\": permission denied");
    }

    [Fact]
    public void Non_executable_with_a_slash_is_permission_denied()
    {
        var bar = Path.Combine(_bin1, "bar");

        var act = () => PathLookup.Find(bar, Env(_bin2));

        act.Should().Throw<RuntimeException>().WithMessage($"exec: \"{bar}\": permission denied");
    }
}

public class ProcessEnvironmentTests
{
    private static readonly string[] Passwd =
    [
        "root:x:0:0:root:/root:/bin/bash",
        "# a comment",
        "",
        "broken:line",
        "nohome:x:2:2:no home::/sbin/nologin",
        "nohome2:x:2:2:second entry:/home/second:/sbin/nologin",
        "alice:x:1000:1000:Alice:/home/alice:/bin/sh",
        "bob:x:notanumber:1:Bob:/home/bob:/bin/sh",
    ];

    [Theory]
    [InlineData(0u, "/root")]
    [InlineData(1000u, "/home/alice")]
    [InlineData(2u, "/home/second")]
    [InlineData(4242u, null)]
    public void Home_from_passwd(uint uid, string? home)
    {
        ProcessEnvironment.HomeFromPasswd(Passwd, uid).Should().Be(home);
    }

    [Fact]
    public void Home_is_added_from_passwd()
    {
        var env = ProcessEnvironment.Build(["PATH=/bin", "TERM=xterm"], [], 1000, uid => ProcessEnvironment.HomeFromPasswd(Passwd, uid));

        env.Should().Equal("PATH=/bin", "TERM=xterm", "HOME=/home/alice");
    }

    [Fact]
    public void Home_defaults_to_root_directory_for_unknown_users()
    {
        ProcessEnvironment.Build(["PATH=/bin"], [], 4242, uid => ProcessEnvironment.HomeFromPasswd(Passwd, uid))
            .Should().Equal("PATH=/bin", "HOME=/");
    }

    [Fact]
    public void Home_set_in_the_config_is_kept_and_passwd_not_consulted()
    {
        var asked = false;

        var env = ProcessEnvironment.Build(["HOME=/custom", "PATH=/bin"], [], 0, _ =>
        {
            asked = true;
            return "/root";
        });

        env.Should().Equal("HOME=/custom", "PATH=/bin");
        asked.Should().BeFalse();
    }

    [Fact]
    public void Home_set_by_extras_is_kept()
    {
        ProcessEnvironment.Build(["A=1"], ["HOME=/x"], 0, _ => "/root").Should().Equal("A=1", "HOME=/x");
    }

    [Fact]
    public void Empty_HOME_counts_as_set()
    {
        ProcessEnvironment.Build(["HOME="], [], 0, _ => "/root").Should().Equal("HOME=");
    }

    [Fact]
    public void Entries_without_equals_are_dropped_and_extras_appended()
    {
        var env = ProcessEnvironment.Build(["NOEQUALS", "A=1", "", "B="], ["LISTEN_FDS=2", "BAD", "LISTEN_PID=1"], 0, _ => "/root");

        env.Should().Equal("A=1", "B=", "LISTEN_FDS=2", "LISTEN_PID=1", "HOME=/root");
    }

    [Fact]
    public void Null_config_env_gives_only_extras_and_home()
    {
        ProcessEnvironment.Build(null, ["X=1"], 0, _ => null).Should().Equal("X=1", "HOME=/");
    }

    [Fact]
    public void HOME_prefix_must_match_exactly()
    {
        ProcessEnvironment.Build(["HOMEDIR=/x", "home=/y"], [], 0, _ => "/root")
            .Should().Equal("HOMEDIR=/x", "home=/y", "HOME=/root");
    }
}
