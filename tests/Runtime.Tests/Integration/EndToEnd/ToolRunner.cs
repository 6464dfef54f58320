using System.Diagnostics;
using System.Text;
using Xunit.Sdk;

namespace Runc.Sharp.Runtime.Tests.Integration.EndToEnd;

/// <summary>One run of a client program: its argv, exit code and output.</summary>
public sealed record ToolResult(IReadOnlyList<string> Argv, int ExitCode, string Stdout, string Stderr, bool TimedOut, TimeSpan Elapsed)
{
    public ToolResult ShouldSucceed() => ShouldExitWith(0);

    public ToolResult ShouldExitWith(int code)
    {
        if (TimedOut || ExitCode != code)
            throw new XunitException($"expected exit code {code} from{Describe()}");
        return this;
    }

    public ToolResult ShouldFail()
    {
        if (TimedOut || ExitCode == 0)
            throw new XunitException($"expected a failure from{Describe()}");
        return this;
    }

    /// <summary>Stdout without a terminal's carriage returns (two pseudo-terminals in a row turn \n into \r\r\n).</summary>
    public string Text => Stdout.Replace("\r", "");

    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append("\n  ").Append(string.Join(' ', Argv.Select(ToolRunner.Quote)));
        sb.Append($"\n  exit code: {ExitCode}{(TimedOut ? " (TIMED OUT, killed)" : "")} after {Elapsed.TotalMilliseconds:F0} ms");
        sb.Append("\n  stdout: ").Append(Show(Stdout));
        sb.Append("\n  stderr: ").Append(Show(Stderr));
        return sb.ToString();
    }

    public override string ToString() => Describe();

    private static string Show(string s) => s.Length == 0 ? "(empty)" : "«" + (s.Length > 4000 ? s[..4000] + "…" : s) + "»";
}

/// <summary>
/// Runs client programs with stdin from a file (empty by default) and stdout/stderr to files:
/// daemonized helpers (shims, conmon) may inherit them, and a pipe would then never reach EOF.
/// </summary>
public sealed class ToolRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    private readonly string _ioDir;
    private int _calls;

    public ToolRunner(string ioDir)
    {
        _ioDir = ioDir;
        Directory.CreateDirectory(ioDir);
    }

    /// <summary>Extra environment of every call (null value: removed).</summary>
    public Dictionary<string, string?> Environment { get; } = new()
    {
        // A runtime must never see these from the test host (cli-contract §3.4, §3.6).
        ["NOTIFY_SOCKET"] = null, ["LISTEN_PID"] = null, ["LISTEN_FDS"] = null, ["LISTEN_FDNAMES"] = null,
    };

    public ToolResult Run(string program, params string[] args) => Run(program, args, null);

    public ToolResult Run(string program, IEnumerable<string> args, TimeSpan? timeout, string? stdin = null)
    {
        var argv = new List<string> { program };
        argv.AddRange(args);
        return Exec(argv, timeout ?? DefaultTimeout, stdin);
    }

    /// <summary>Runs the command on a fresh pseudo-terminal (util-linux script), as a person at a terminal would.</summary>
    public ToolResult RunInTerminal(string program, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var command = string.Join(' ', new[] { program }.Concat(args).Select(Quote));
        var result = Exec([ClientTools.Require("script"), "-qec", command, "/dev/null"], timeout ?? DefaultTimeout, null);
        return result with { Argv = [program, .. args] };
    }

    private ToolResult Exec(List<string> argv, TimeSpan timeout, string? stdin)
    {
        var n = Interlocked.Increment(ref _calls);
        var input = Path.Combine(_ioDir, $"{n}.in");
        var output = Path.Combine(_ioDir, $"{n}.out");
        var error = Path.Combine(_ioDir, $"{n}.err");
        File.WriteAllText(input, stdin ?? "");
        // sh only sets up the redirections, then execs the program: the pid we wait for is its own.
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = "/" };
        foreach (var a in new[] { "-c", "in=$1 out=$2 err=$3; shift 3; exec \"$@\" <\"$in\" >\"$out\" 2>\"$err\"", "sh", input, output, error })
            psi.ArgumentList.Add(a);
        foreach (var a in argv)
            psi.ArgumentList.Add(a);
        foreach (var (name, value) in Environment)
        {
            if (value is null)
                psi.Environment.Remove(name);
            else
                psi.Environment[name] = value;
        }
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start /bin/sh");
        var timedOut = !process.WaitForExit(timeout);
        if (timedOut)
        {
            try
            {
                process.Kill(entireProcessTree: false);
            }
            catch (InvalidOperationException)
            {
            }
            process.WaitForExit(5000);
        }
        watch.Stop();
        return new ToolResult(argv, process.HasExited ? process.ExitCode : -1, Read(output), Read(error), timedOut, watch.Elapsed);
    }

    private static string Read(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    public static string Quote(string a) =>
        a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:+,@%".Contains(c)) ? a : "'" + a.Replace("'", "'\\''") + "'";
}
