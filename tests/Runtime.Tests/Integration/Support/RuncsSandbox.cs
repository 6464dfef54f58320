using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace Runc.Sharp.Runtime.Tests.Integration.Support;

/// <summary>Per-call options of <see cref="RuncsSandbox.Run(RunOptions, string[])"/>.</summary>
public sealed class RunOptions
{
    public TimeSpan? Timeout { get; init; }
    public string? WorkingDirectory { get; init; }
    /// <summary>Text fed to runcs's stdin (default: empty).</summary>
    public string? Stdin { get; init; }
    /// <summary>Do not add `--root &lt;private root&gt;` (the caller passes it its own way).</summary>
    public bool NoRoot { get; init; }
    /// <summary>Extra sh redirections for runcs, e.g. "7&lt;/etc/hostname" to hand it an fd without CLOEXEC.</summary>
    public string? ShellRedirections { get; init; }
    /// <summary>Called with the runcs pid as soon as it runs (to signal it while it waits).</summary>
    public Action<int>? OnStarted { get; init; }
    /// <summary>Run runcs as this unprivileged user (see <see cref="RootlessUser"/>) instead of root.</summary>
    public RootlessUser? AsUser { get; init; }
    /// <summary>Extra environment for runcs (null value: removed).</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }
}

/// <summary>
/// One test's private world: a unique temp directory holding the state root (passed as --root
/// to every call, so /run/runcs is never touched), the bundles and the captured output. It runs
/// the real runcs binary with stdio redirected to files (a detached container keeps its stdout:
/// a pipe would never reach EOF), with a timeout. Dispose always cleans up: `delete --force` of
/// every container under its root, SIGKILL of any process it recorded that still lives, then
/// removal of the temp directory (never while something is mounted under it).
/// </summary>
public sealed class RuncsSandbox : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<int, ulong> _pids = new();
    private readonly ConcurrentDictionary<string, byte> _ids = new();
    private int _calls;
    private int _bundles;
    private bool _disposed;

    public RuncsSandbox()
    {
        Binary = RuncsBinary.Require();
        Dir = Path.Combine(Path.GetTempPath(), "runcs-it-" + Guid.NewGuid().ToString("N")[..16]);
        Directory.CreateDirectory(Path.Combine(Dir, "io"));
        Directory.CreateDirectory(Path.Combine(Dir, "bundles"));
    }

    public string Binary { get; }
    public string Dir { get; }
    /// <summary>The private state root (created by runcs itself on first create).</summary>
    public string Root => Path.Combine(Dir, "state");

    public string NewPath(string name) => Path.Combine(Dir, name);

    /// <summary>A fresh busybox bundle under this sandbox running args.</summary>
    public Bundle NewBundle(params string[] args) =>
        Bundle.Create(Path.Combine(Dir, "bundles", "b" + Interlocked.Increment(ref _bundles)), args);

    public RuncsResult Run(params string[] args) => Run(new RunOptions(), args);

    public RuncsResult Run(RunOptions options, params string[] args)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var full = options.NoRoot ? args.ToList() : new List<string> { "--root", Root }.Concat(args).ToList();
        RememberIds(args);
        var n = Interlocked.Increment(ref _calls);
        var io = Path.Combine(Dir, "io");
        var environment = RedirectedRun.HostOnlyVariables.ToDictionary(name => name, _ => (string?)null);
        foreach (var (name, value) in options.Environment ?? new Dictionary<string, string?>())
            environment[name] = value;
        var run = RedirectedRun.Run(new RedirectedRun.Request
        {
            Argv = options.AsUser is { } user ? [.. user.Launcher(), user.Binary, .. full] : [Binary, .. full],
            IoDir = io,
            Call = n,
            Timeout = options.Timeout ?? DefaultTimeout,
            WorkingDirectory = options.WorkingDirectory ?? Dir,
            Stdin = options.Stdin,
            Environment = environment,
            ShellRedirections = options.ShellRedirections,
            OnStarted = options.OnStarted,
        });
        RecordStates();
        return new RuncsResult(options.AsUser is null ? full : ["(as uid " + options.AsUser.Uid + ")", .. full], run.ExitCode, run.Stdout, run.Stderr, run.TimedOut,
            Path.Combine(io, $"{n}.out"), Path.Combine(io, $"{n}.err"), run.Elapsed);
    }

    /// <summary>A process the test knows about (an exec pid file, ...): checked and killed at cleanup.</summary>
    public void TrackPid(int pid)
    {
        if (ProcessInfo.Stat(pid) is { } s)
            _pids.TryAdd(pid, s.StartTime);
    }

    /// <summary>The pids recorded so far (init pids seen in state.json, and tracked ones).</summary>
    public IReadOnlyDictionary<int, ulong> Pids => _pids;

    /// <summary>Reads the JSON `state` of a container and returns it parsed.</summary>
    public JsonObject State(string id)
    {
        var r = Run("state", id).ShouldSucceed();
        return JsonNode.Parse(r.Stdout)!.AsObject();
    }

    public string Status(string id) => State(id)["status"]!.GetValue<string>();

    /// <summary>Polls `state` until the status is the expected one.</summary>
    public void WaitForStatus(string id, string status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        string last;
        while ((last = Status(id)) != status)
        {
            if (DateTime.UtcNow > deadline)
                throw new XunitException($"container {id} stayed {last}, expected {status}");
            Thread.Sleep(20);
        }
    }

    /// <summary>Polls a file until predicate holds for its content; returns the content.</summary>
    public static string WaitForFile(string path, Func<string, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var text = RedirectedRun.ReadText(path);
            if (predicate(text))
                return text;
            if (DateTime.UtcNow > deadline)
                throw new XunitException($"{path} never reached the expected content; it holds «{text}»");
            Thread.Sleep(20);
        }
    }

    /// <summary>
    /// The leftover check: the state root is empty, no recorded process lives, no process has
    /// its root or cwd under this sandbox, and nothing is mounted under it.
    /// </summary>
    public void AssertNoLeftovers()
    {
        var problems = new List<string>();
        if (Directory.Exists(Root))
            problems.AddRange(Directory.EnumerateFileSystemEntries(Root).Select(e => $"state entry left: {e}"));
        foreach (var (pid, start) in _pids)
        {
            if (!ProcessInfo.WaitForExit(pid, start, TimeSpan.FromSeconds(5)))
                problems.Add($"process left: pid {pid}: {ProcessInfo.CommandLine(pid)}");
        }
        problems.AddRange(ProcessInfo.LiveUnder(Dir).Select(p => $"process left: {p.What}"));
        problems.AddRange(ProcessInfo.MountsUnder(Dir).Select(m => $"mount left: {m}"));
        if (problems.Count > 0)
            throw new XunitException("leftovers after the test:\n  " + string.Join("\n  ", problems));
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        try
        {
            if (Directory.Exists(Root))
            {
                foreach (var id in Directory.EnumerateDirectories(Root).Select(Path.GetFileName).Concat(_ids.Keys).Distinct())
                {
                    if (IsValidId(id) && Directory.Exists(Path.Combine(Root, id!)))
                        Run(new RunOptions { Timeout = TimeSpan.FromSeconds(15) }, "delete", "--force", id!);
                }
            }
            foreach (var (pid, start) in _pids)
            {
                if (ProcessInfo.IsRunning(pid, start))
                    Native.kill(pid, 9);
            }
            foreach (var (pid, _) in ProcessInfo.LiveUnder(Dir))
                Native.kill(pid, 9);
        }
        finally
        {
            _disposed = true;
            var mounts = ProcessInfo.MountsUnder(Dir);
            if (mounts.Count == 0)
            {
                try
                {
                    Directory.Delete(Dir, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"runcs integration tests: cannot remove {Dir}: {e.Message}");
                }
            }
            else
            {
                Console.Error.WriteLine($"runcs integration tests: {Dir} left in place, mounts under it: {string.Join(", ", mounts)}");
            }
        }
    }

    private static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id is not ("." or "..") && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '-' or '.');

    private void RememberIds(string[] args)
    {
        // The id of create/run is their last positional; remembered so cleanup finds half-made containers.
        if (args.Length > 1 && args[0] is "create" or "run" && !args[^1].StartsWith('-'))
            _ids.TryAdd(args[^1], 0);
    }

    private void RecordStates()
    {
        if (!Directory.Exists(Root))
            return;
        foreach (var dir in Directory.EnumerateDirectories(Root))
        {
            try
            {
                var node = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "state.json")));
                var pid = node?["init_process_pid"]?.GetValue<int>() ?? 0;
                var start = node?["init_process_start"]?.GetValue<ulong>() ?? 0;
                if (pid > 0)
                    _pids.TryAdd(pid, start);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException or FormatException)
            {
            }
        }
    }
}
