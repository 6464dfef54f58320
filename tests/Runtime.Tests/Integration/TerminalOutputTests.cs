using System.Diagnostics;
using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>
/// On a terminal runcs writes nothing of its own: no escape sequence (such as .NET's keypad
/// mode switch) may come before what a command or a container prints.
/// </summary>
public sealed class TerminalOutputTests
{
    [RootFact]
    public void Output_on_a_terminal_has_no_escape_sequences()
    {
        if (!File.Exists("/usr/bin/script"))
            return; // util-linux's script gives us a pty; Debian ships it in bsdutils
        using var rc = new RuncsSandbox();
        var psi = new ProcessStartInfo("/usr/bin/script") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-qec");
        psi.ArgumentList.Add($"{rc.Binary} --version");
        psi.ArgumentList.Add("/dev/null");
        psi.Environment["TERM"] = "xterm";
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit(30_000).Should().BeTrue();
        output.Should().StartWith("runcs version ").And.NotContain("\u001b");
    }
}
