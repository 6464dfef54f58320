using Xunit.Sdk;

namespace Runc.Sharp.Runtime.Tests.Integration.Support;

/// <summary>One runcs invocation: its argv, exit code and captured output.</summary>
public sealed record RuncsResult(
    IReadOnlyList<string> Args,
    int ExitCode,
    string Stdout,
    string Stderr,
    bool TimedOut,
    string StdoutPath,
    string StderrPath,
    TimeSpan Elapsed)
{
    /// <summary>stderr without the trailing newline.</summary>
    public string Error => Stderr.TrimEnd('\n');

    /// <summary>Output written after the call returned (by a detached container sharing its stdout).</summary>
    public string CurrentStdout => File.Exists(StdoutPath) ? File.ReadAllText(StdoutPath) : "";

    public RuncsResult ShouldSucceed()
    {
        if (TimedOut || ExitCode != 0)
            throw new XunitException($"expected success from{Describe()}");
        return this;
    }

    public RuncsResult ShouldFail(int exitCode = 1)
    {
        if (TimedOut || ExitCode != exitCode)
            throw new XunitException($"expected exit code {exitCode} from{Describe()}");
        return this;
    }

    /// <summary>Asserts the one-line error text contains what callers match on, and is not a stack trace.</summary>
    public RuncsResult ShouldFailWith(string message, int exitCode = 1)
    {
        ShouldFail(exitCode);
        if (!Stderr.Contains(message, StringComparison.Ordinal))
            throw new XunitException($"expected stderr to contain \"{message}\" from{Describe()}");
        ShouldHaveNoStackTrace();
        return this;
    }

    public RuncsResult ShouldHaveNoStackTrace()
    {
        foreach (var text in new[] { Stdout, Stderr })
        {
            if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Unhandled exception", StringComparison.Ordinal)
                || text.Contains("Exception:", StringComparison.Ordinal))
                throw new XunitException($"output looks like a stack trace in{Describe()}");
        }
        return this;
    }

    public string Describe() => RedirectedRun.Describe(["runcs", .. Args], ExitCode, TimedOut, Elapsed, Stdout, Stderr);

    public override string ToString() => Describe();
}
