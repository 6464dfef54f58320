using Runc.Sharp.Spec.Paths;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Cgroups.V1;

/// <summary>
/// The cgroupfs manager for Legacy and Hybrid hosts: one directory per v1 hierarchy, plus, on a
/// hybrid host, one in the cgroup2 mount (key "") that is only joined, as runc does.
/// </summary>
internal sealed class V1Manager : ICgroupManager
{
    /// <summary>runc's subsystem order: Apply and Set go through the controllers in it.</summary>
    public static V1Controller[] Controllers() =>
    [
        new CpusetV1(), new DevicesV1(), new MemoryV1(), new CpuV1(), new CpuacctV1(), new PidsV1(),
        new BlkioV1(), new HugetlbV1(), new NetClsV1(), new NetPrioV1(), new JoinOnlyV1("perf_event"),
        new FreezerV1(), new RdmaV1(), new JoinOnlyV1("name=systemd"),
    ];

    // Where pids are listed and existence is checked: any hierarchy the container is in will do.
    private static readonly string[] PidSources =
        ["devices", "freezer", "pids", "memory", "cpu", "cpuacct", "cpuset", "blkio", "name=systemd", ""];

    private readonly V1Controller[] _controllers = Controllers();
    private readonly Dictionary<string, CgroupPlace> _places;
    private readonly CgroupFiles _files;
    private readonly CgroupDirs _dirs;
    private readonly string _hugePagesDir;
    private readonly CgroupRootless _rootless;
    private readonly Dictionary<string, string> _paths;
    /// <summary>Controllers a rootless container was left out of (no permission).</summary>
    private readonly HashSet<string> _leftOut = [];

    public V1Manager(CgroupMode mode, Dictionary<string, CgroupPlace> places, CgroupFiles files, CgroupDirs dirs, string hugePagesDir,
        CgroupRootless? rootless = null)
    {
        Mode = mode;
        _rootless = rootless ?? CgroupRootless.Off;
        _places = places;
        foreach (var name in places.Keys.Where(n => !_rootless.WasJoined(n)).ToList())
        {
            _places.Remove(name);
            _leftOut.Add(name);
        }
        _files = files;
        _dirs = dirs;
        _hugePagesDir = hugePagesDir;
        _paths = _places.ToDictionary(p => p.Key, p => p.Value.Path);
    }

    public CgroupMode Mode { get; }
    public IReadOnlyDictionary<string, string> Paths => _paths;

    private void LeaveOut(string controller)
    {
        _places.Remove(controller);
        _paths.Remove(controller);
        _leftOut.Add(controller);
    }

    public IReadOnlyList<string> CreatedDirs => _dirs.Created;

    private V1Cgroup? Cgroup(string controller) =>
        _places.TryGetValue(controller, out var place) ? new V1Cgroup(place, _files, _dirs, _hugePagesDir) : null;

    public void Apply(int pid, LinuxResources? resources = null)
    {
        foreach (var controller in _controllers)
            if (Cgroup(controller.Name) is { } cg)
                Tolerating(controller.Name, () => controller.Apply(cg, resources, pid));
        if (Cgroup("") is { } unified)
        {
            Tolerating("", () =>
            {
                unified.Ensure();
                unified.Join(pid);
            });
        }
    }

    /// <summary>Rootless without a cgroupsPath: a cgroup we may not create or join is left out (runc).</summary>
    private void Tolerating(string controller, Action apply)
    {
        try
        {
            apply();
        }
        catch (RuntimeException e) when (_rootless.Ignores(e))
        {
            LeaveOut(controller);
        }
    }

    public void AddPid(int pid, SubCgroupPaths? subCgroups = null, int initPid = 0)
    {
        foreach (var dir in (subCgroups?.Resolve(Paths) ?? Paths).Values)
            CgroupDirs.AddProcess(_files, dir, pid);
    }

    public void Set(LinuxResources resources)
    {
        if (resources.Unified is { Count: > 0 })
            throw new RuntimeException("invalid configuration: linux.resources.unified cannot be used on a cgroup v1 host");
        foreach (var controller in _controllers)
        {
            var cg = Cgroup(controller.Name);
            // Device rules are not expected to work rootless; runc ignores their errors.
            var bestEffort = _rootless.Enabled && controller.Name == "devices";
            if (cg is not null)
            {
                try
                {
                    controller.Set(cg, resources);
                }
                catch (RuntimeException) when (bestEffort)
                {
                }
            }
            else if (controller.IsRequested(resources) && !bestEffort)
            {
                throw new RuntimeException(_leftOut.Contains(controller.Name)
                    ? CgroupRootless.NotJoinedError(controller.Name)
                    : $"cannot set {controller.Name} limit: the {controller.Name} cgroup v1 controller is not mounted on this host");
            }
        }
    }

    private V1Cgroup Freezer() =>
        Cgroup("freezer") ?? throw new RuntimeException(_leftOut.Contains("freezer")
            ? CgroupRootless.NoFreezerError
            : "cannot freeze or thaw: the freezer cgroup v1 controller is not mounted on this host");

    public void Freeze() => FreezerV1.Freeze(Freezer());
    public void Thaw() => FreezerV1.Thaw(Freezer());
    public FreezerState GetFreezerState() => Cgroup("freezer") is { } cg ? FreezerV1.State(cg) : FreezerState.Undefined;

    private string? MainPath => PidSources.Select(k => Paths.GetValueOrDefault(k)).FirstOrDefault(p => p is not null);

    public IReadOnlyList<int> GetPids() => MainPath is { } p ? CgroupDirs.PidsRecursive(_files, p) : [];

    public CgroupStats GetStats()
    {
        var stats = new CgroupStats();
        foreach (var controller in _controllers)
            if (Cgroup(controller.Name) is { } cg && Directory.Exists(cg.Path))
                controller.Stats(cg, stats);
        return stats;
    }

    public Oom.IOomWatcher? WatchOom() =>
        _places.TryGetValue("memory", out var memory) && Directory.Exists(memory.Path) ? new Oom.V1OomWatcher(memory.Path, _files) : null;

    public void Destroy() => _dirs.RemoveCreated(Paths.Values.Select(LexicalPath.Clean).ToHashSet());

    public bool Exists() => MainPath is { } p && Directory.Exists(p);
}
