using System.Text;
using FluentAssertions;
using Microsoft.Win32.SafeHandles;
using Runc.Sharp.Runtime.Tests.Integration.Support;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>process.terminal with --console-socket: the pty master goes to the caller (containerd, conmon).</summary>
public sealed class TerminalTests
{
    private static string ReadUntil(FileStream master, string marker, TimeSpan timeout)
    {
        var sb = new StringBuilder();
        var buffer = new byte[4096];
        var deadline = DateTime.UtcNow + timeout;
        while (!sb.ToString().Contains(marker))
        {
            var read = master.ReadAsync(buffer, 0, buffer.Length);
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !read.Wait(left))
                throw new Xunit.Sdk.XunitException($"pty output never showed «{marker}»; got «{sb}»");
            if (read.Result == 0)
                break;
            sb.Append(Encoding.UTF8.GetString(buffer, 0, read.Result));
        }
        return sb.ToString();
    }

    [RootFact]
    public void Create_with_a_terminal_sends_the_pty_master_over_the_console_socket()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sh");
        b.Edit(_ => b.Process["terminal"] = true);
        using var socket = new ConsoleSocket(rc.NewPath("pty.sock"));

        rc.Run("create", "--bundle", b.Dir, "--console-socket", socket.Path, "tty").ShouldSucceed()
            .Stdout.Should().BeEmpty();
        var (name, masterHandle) = socket.ReceiveMaster(TimeSpan.FromSeconds(5));
        name.Should().NotBeEmpty("the data of the fd message must be non-empty");
        using var master = new FileStream(masterHandle, FileAccess.ReadWrite, 1);
        rc.Run("start", "tty").ShouldSucceed();

        master.Write(Encoding.ASCII.GetBytes("tty; [ -t 0 ] && echo is-a-tty; echo $((6*7))done\n"));
        var output = ReadUntil(master, "42done", TimeSpan.FromSeconds(10));
        output.Should().Contain("/dev/pts/").And.Contain("is-a-tty");
        master.Write(Encoding.ASCII.GetBytes("exit 5\n"));
        rc.WaitForStatus("tty", "stopped");
        rc.Run("delete", "tty").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Exec_detached_with_a_terminal_sends_its_own_pty()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "60");
        rc.Run("run", "--detach", "--bundle", b.Dir, "host").ShouldSucceed();
        using var socket = new ConsoleSocket(rc.NewPath("exec.sock"));
        var pidFile = rc.NewPath("exec.pid");
        rc.Run("exec", "--tty", "--detach", "--console-socket", socket.Path, "--pid-file", pidFile, "host", "sh").ShouldSucceed();
        var (_, masterHandle) = socket.ReceiveMaster(TimeSpan.FromSeconds(5));
        rc.TrackPid(int.Parse(File.ReadAllText(pidFile)));
        using var master = new FileStream(masterHandle, FileAccess.ReadWrite, 1);
        master.Write(Encoding.ASCII.GetBytes("[ -t 1 ] && echo exec-tty-$((2+3))\n"));
        ReadUntil(master, "exec-tty-5", TimeSpan.FromSeconds(10));
        rc.Run("delete", "--force", "host").ShouldSucceed();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Terminal_rules_for_the_console_socket()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sh");
        b.Edit(_ => b.Process["terminal"] = true);
        rc.Run("create", "--bundle", b.Dir, "notty").ShouldFailWith("cannot allocate tty if runc will detach without setting console socket");
        b.Edit(_ => b.Process["terminal"] = false);
        using var socket = new ConsoleSocket(rc.NewPath("unused.sock"));
        rc.Run("create", "--bundle", b.Dir, "--console-socket", socket.Path, "notty")
            .ShouldFailWith("cannot use console socket if runc will not detach or allocate tty");
        rc.AssertNoLeftovers();
    }
}
