using FluentAssertions;
using Runc.Sharp.Runtime.Sys;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Unit;

/// <summary>posix_spawn as hooks use it: argv and env exactly as given, stdio on pipes, wait with a timeout.</summary>
public class SpawnedProcessTests
{
    [Fact]
    public void Argv_env_and_stdio_are_exactly_what_was_given()
    {
        // /proc/self/cmdline shows argv[0] as passed, whatever the executable's path is.
        using var p = SpawnedProcess.Start("/bin/sh", ["custom-argv0", "-c", "read line; tr '\\0' ' ' < /proc/$$/cmdline; echo \"$line $ONLY\"; env | grep -c ="], ["ONLY=this"]);
        p.Stdin.Write("from-stdin\n"u8);
        p.Stdin.Close();
        var output = new StreamReader(p.Stdout).ReadToEnd();
        var status = p.WaitForExit(TimeSpan.FromSeconds(10));

        status.Should().Be(0);
        var lines = output.Split('\n');
        lines[0].Should().StartWith("custom-argv0 -c ");
        lines[0].Should().EndWith("from-stdin this");
        // ONLY, plus what sh itself sets (PWD); nothing inherited from the test host.
        int.Parse(lines[1]).Should().BeLessThanOrEqualTo(3);
    }

    [Fact]
    public void Exit_status_and_stderr_are_reported()
    {
        using var p = SpawnedProcess.Start("/bin/sh", ["sh", "-c", "echo oops >&2; exit 3"], []);
        p.Stdin.Close();
        var stderr = new StreamReader(p.Stderr).ReadToEnd();
        var status = p.WaitForExit(TimeSpan.FromSeconds(10));
        stderr.Should().Be("oops\n");
        status.Should().NotBeNull();
        Syscalls.ExitCode(status!.Value).Should().Be(3);
    }

    [Fact]
    public void A_timeout_returns_null_and_kill_ends_the_child()
    {
        using var p = SpawnedProcess.Start("/bin/sh", ["sh", "-c", "exec sleep 30"], []);
        p.WaitForExit(TimeSpan.FromMilliseconds(100)).Should().BeNull();
        p.Kill();
        var status = p.WaitForExit(Timeout.InfiniteTimeSpan);
        Syscalls.ExitCode(status!.Value).Should().Be(128 + 9);
    }

    [Fact]
    public void A_missing_executable_is_a_clear_error()
    {
        var act = () => SpawnedProcess.Start("/no/such/hook", ["hook"], []);
        act.Should().Throw<SyscallException>().WithMessage("fork/exec /no/such/hook: no such file or directory");
    }
}
