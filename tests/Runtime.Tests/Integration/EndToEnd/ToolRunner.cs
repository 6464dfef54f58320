using Runc.Sharp.Runtime.Tests.Integration.Support;
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

    public string Describe() => RedirectedRun.Describe(Argv, ExitCode, TimedOut, Elapsed, Stdout, Stderr);

    public override string ToString() => Describe();
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
    public Dictionary<string, string?> Environment { get; } = RedirectedRun.HostOnlyVariables.ToDictionary(name => name, _ => (string?)null);

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
        var command = string.Join(' ', new[] { program }.Concat(args).Select(RedirectedRun.Quote));
        var result = Exec([ClientTools.Require("script"), "-qec", command, "/dev/null"], timeout ?? DefaultTimeout, null);
        return result with { Argv = [program, .. args] };
    }

    private ToolResult Exec(List<string> argv, TimeSpan timeout, string? stdin)
    {
        var run = RedirectedRun.Run(new RedirectedRun.Request
        {
            Argv = argv, IoDir = _ioDir, Call = Interlocked.Increment(ref _calls), Timeout = timeout, Stdin = stdin, Environment = Environment,
        });
        return new ToolResult(argv, run.ExitCode, run.Stdout, run.Stderr, run.TimedOut, run.Elapsed);
    }
}
