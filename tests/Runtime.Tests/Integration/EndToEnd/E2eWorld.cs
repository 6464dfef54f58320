using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit.Sdk;

namespace Runc.Sharp.Runtime.Tests.Integration.EndToEnd;

/// <summary>
/// One client's private world: a temp directory for every daemon root, state and socket, and a
/// unique name (containerd namespace, cgroup parent). It finds what a test left behind
/// (processes, cgroups under its parent, mounts) and, when disposed, kills by pid whatever of it
/// still runs, unmounts what is mounted under its directory, removes the directory and the
/// cgroups made under its parent.
/// </summary>
public sealed class E2eWorld : IDisposable
{
    private const int MNT_DETACH = 2;
    private readonly List<int> _daemons = [];
    private readonly List<string> _newGlobalPaths = [];

    public E2eWorld(string client)
    {
        Name = $"runcs-e2e-{client}-{Guid.NewGuid().ToString("N")[..10]}";
        Dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), Name);
        Directory.CreateDirectory(Dir);
        Tools = new ToolRunner(Path("io"));
    }

    public string Name { get; }
    public string Dir { get; }
    public ToolRunner Tools { get; }

    /// <summary>The cgroup parent every container of this world goes under (cgroupfs path).</summary>
    public string CgroupParent => "/" + Name;

    public string Path(string name) => System.IO.Path.Combine(Dir, name);

    /// <summary>
    /// Paths a client creates outside the world that no option moves (shim sockets' directory,
    /// Docker's plugin directory, podman's blob cache): those that do not exist yet are removed
    /// at the end, files deleted and directories only while empty, the later-named first.
    /// </summary>
    public void RemoveAtEndIfNew(params string[] paths)
    {
        foreach (var path in paths)
        {
            if (!File.Exists(path) && !Directory.Exists(path))
                _newGlobalPaths.Add(path);
        }
    }

    /// <summary>A daemon of this world: not a leftover while it runs.</summary>
    public void AddDaemon(int pid) => _daemons.Add(pid);

    /// <summary>
    /// Live processes of this world other than its daemons: anything in a cgroup under its parent
    /// (container processes, runcs init), whose root or cwd is under its directory, or whose
    /// command line names it (shims, conmon), polled for a while since shims and monitors exit
    /// shortly after a delete.
    /// </summary>
    public List<string> LeftoverProcesses(TimeSpan? settle = null)
    {
        var deadline = DateTime.UtcNow + (settle ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var found = Processes().Select(p => p.What).ToList();
            if (found.Count == 0 || DateTime.UtcNow > deadline)
                return found;
            Thread.Sleep(100);
        }
    }

    /// <summary>Cgroups left under this world's parent in any hierarchy, except the named ones (a client's own).</summary>
    public List<string> LeftoverCgroups(params string[] allowedNames)
    {
        var left = new List<string>();
        foreach (var mount in CgroupMounts())
        {
            var parent = System.IO.Path.Combine(mount, Name);
            if (!Directory.Exists(parent))
                continue;
            left.AddRange(Directory.GetDirectories(parent).Where(d => !allowedNames.Contains(System.IO.Path.GetFileName(d))));
        }
        return left;
    }

    /// <summary>Mount points under this world's directory that were not there in baseline.</summary>
    public List<string> LeftoverMounts(IReadOnlyCollection<string> baseline) =>
        ProcessInfo.MountsUnder(Dir).Where(m => !baseline.Contains(m)).ToList();

    public static void Assert(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        if (list.Count > 0)
            throw new XunitException("leftovers:\n  " + string.Join("\n  ", list));
    }

    public void Dispose()
    {
        foreach (var (pid, _) in Processes())
        {
            var socket = ShimSocket(ProcessInfo.CommandLine(pid));
            Native.kill(pid, 9);
            if (socket is not null && ProcessInfo.WaitForExit(pid, null, TimeSpan.FromSeconds(5)))
                File.Delete(socket);
        }
        Thread.Sleep(200);
        var mounts = ProcessInfo.MountsUnder(Dir);
        foreach (var m in mounts.OrderByDescending(m => m.Length))
            Native.umount2(m, MNT_DETACH);
        if (ProcessInfo.MountsUnder(Dir) is { Count: > 0 } still)
        {
            Console.Error.WriteLine($"runcs e2e: {Dir} left in place, still mounted: {string.Join(", ", still)}");
        }
        else
        {
            try
            {
                Directory.Delete(Dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"runcs e2e: cannot remove {Dir}: {e.Message}");
            }
        }
        foreach (var mount in CgroupMounts())
            RemoveCgroupTree(System.IO.Path.Combine(mount, Name));
        foreach (var path in Enumerable.Reverse(_newGlobalPaths))
        {
            if (File.Exists(path))
                File.Delete(path);
            else if (Directory.Exists(path) && !Directory.EnumerateFileSystemEntries(path).Any())
                Directory.Delete(path);
        }
    }

    private List<(int Pid, string What)> Processes()
    {
        var found = ProcessInfo.LiveUnder(Dir).Where(p => !_daemons.Contains(p.Pid)).ToList();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(entry), out var pid) || pid == Environment.ProcessId
                || _daemons.Contains(pid) || found.Any(f => f.Pid == pid) || !ProcessInfo.IsRunning(pid))
                continue;
            var cmdline = ProcessInfo.CommandLine(pid);
            if (cmdline.Contains(Dir, StringComparison.Ordinal) || InWorldCgroup(pid))
                found.Add((pid, $"pid {pid}: {cmdline}"));
        }
        return found;
    }

    /// <summary>
    /// The socket of a containerd 1.6 runc shim, from its command line: /run/containerd/s/ and the
    /// sha256 of address/namespace/id. A shim killed here cannot remove it itself.
    /// </summary>
    private static string? ShimSocket(string cmdline)
    {
        var args = cmdline.Split(' ');
        if (args.Length == 0 || !args[0].EndsWith("containerd-shim-runc-v2", StringComparison.Ordinal))
            return null;
        string? Value(string flag) => Array.IndexOf(args, flag) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        if (Value("-namespace") is not { } ns || Value("-id") is not { } id || Value("-address") is not { } address)
            return null;
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(System.IO.Path.Join(address, ns, id)));
        return "/run/containerd/s/" + Convert.ToHexStringLower(hash);
    }

    private bool InWorldCgroup(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cgroup").Contains($":{CgroupParent}/", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Every cgroup hierarchy's mount point (v1 controllers, named ones, cgroup2).</summary>
    private static List<string> CgroupMounts() =>
        File.ReadAllLines("/proc/self/mountinfo")
            .Select(l => l.Split(" - "))
            .Where(p => p.Length == 2 && p[1].Split(' ')[0] is "cgroup" or "cgroup2")
            .Select(p => p[0].Split(' ')[4])
            .Distinct()
            .ToList();

    private static void RemoveCgroupTree(string dir)
    {
        if (!Directory.Exists(dir))
            return;
        foreach (var sub in Directory.GetDirectories(dir))
            RemoveCgroupTree(sub);
        if (Native.rmdir(dir) != 0)
            Console.Error.WriteLine($"runcs e2e: cannot remove cgroup {dir}");
    }
}
