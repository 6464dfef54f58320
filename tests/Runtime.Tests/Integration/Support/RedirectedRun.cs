using System.Diagnostics;
using System.Text;

namespace Runc.Sharp.Runtime.Tests.Integration.Support;

/// <summary>
/// Runs a program with stdin, stdout and stderr on files, killed after a timeout. Files, not
/// pipes: a daemonising child that inherits them (a shim, conmon, a detached init) would keep a
/// pipe open and its reader waiting. sh only sets up the redirections and execs the program, so
/// the pid waited for is the program's own.
/// </summary>
public static class RedirectedRun
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr, bool TimedOut, TimeSpan Elapsed);

    public sealed class Request
    {
        public required IReadOnlyList<string> Argv { get; init; }
        /// <summary>Where the input and output files go; they are named after <see cref="Call"/>.</summary>
        public required string IoDir { get; init; }
        public required int Call { get; init; }
        public required TimeSpan Timeout { get; init; }
        public string WorkingDirectory { get; init; } = "/";
        public string? Stdin { get; init; }
        /// <summary>Extra environment (null value: removed).</summary>
        public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
        /// <summary>More shell redirections after the three standard ones (e.g. "3&lt;&gt;file").</summary>
        public string? ShellRedirections { get; init; }
        public Action<int>? OnStarted { get; init; }
    }

    /// <summary>Variables a runtime must never inherit from the test host (socket activation, sd_notify).</summary>
    public static readonly string[] HostOnlyVariables = ["NOTIFY_SOCKET", "LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"];

    public static Outcome Run(Request r)
    {
        var input = Path.Combine(r.IoDir, $"{r.Call}.in");
        var output = Path.Combine(r.IoDir, $"{r.Call}.out");
        var error = Path.Combine(r.IoDir, $"{r.Call}.err");
        File.WriteAllText(input, r.Stdin ?? "");
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = r.WorkingDirectory };
        foreach (var a in new[] { "-c", "in=$1 out=$2 err=$3; shift 3; exec \"$@\" <\"$in\" >\"$out\" 2>\"$err\" " + (r.ShellRedirections ?? ""), "sh", input, output, error })
            psi.ArgumentList.Add(a);
        foreach (var a in r.Argv)
            psi.ArgumentList.Add(a);
        foreach (var (name, value) in r.Environment)
        {
            if (value is null)
                psi.Environment.Remove(name);
            else
                psi.Environment[name] = value;
        }
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start /bin/sh");
        r.OnStarted?.Invoke(process.Id);
        var timedOut = !process.WaitForExit(r.Timeout);
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
        return new Outcome(process.HasExited ? process.ExitCode : -1, ReadText(output), ReadText(error), timedOut, watch.Elapsed);
    }

    /// <summary>A file's text, or "" when it is not there.</summary>
    public static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return "";
        }
    }

    /// <summary>How a failed assertion shows a call: the command line, exit code, time and output.</summary>
    public static string Describe(IEnumerable<string> argv, int exitCode, bool timedOut, TimeSpan elapsed, string stdout, string stderr)
    {
        var sb = new StringBuilder();
        sb.Append("\n  ").Append(string.Join(' ', argv.Select(Quote)));
        sb.Append($"\n  exit code: {exitCode}{(timedOut ? " (TIMED OUT, killed)" : "")} after {elapsed.TotalMilliseconds:F0} ms");
        sb.Append("\n  stdout: ").Append(Show(stdout));
        sb.Append("\n  stderr: ").Append(Show(stderr));
        return sb.ToString();
    }

    public static string Quote(string a) =>
        a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:+,@%".Contains(c)) ? a : "'" + a.Replace("'", "'\\''") + "'";

    private static string Show(string s) => s.Length == 0 ? "(empty)" : "«" + (s.Length > 4000 ? s[..4000] + "…" : s) + "»";
}
