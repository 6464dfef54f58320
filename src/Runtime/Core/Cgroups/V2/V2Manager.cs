using Runc.Sharp.Spec.Paths;
using Runc.Sharp.Runtime.Cgroups.Devices;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Cgroups.V2;

/// <summary>The cgroupfs manager for a unified (cgroup2 only) host: a single directory.</summary>
internal sealed class V2Manager : ICgroupManager
{
    private readonly string _root;
    private readonly string _path;
    private readonly CgroupFiles _files;
    private readonly CgroupDirs _dirs;
    private readonly IDeviceFilterInstaller _deviceFilter;
    private readonly string _hugePagesDir;
    private readonly Func<int, string> _readProcCgroup;
    private readonly CgroupRootless _rootless;
    private readonly Dictionary<string, string> _paths;
    /// <summary>False for a rootless container that was left out of its cgroup (no permission): it has none.</summary>
    private bool _joined;

    public V2Manager(string root, string path, CgroupFiles files, CgroupDirs dirs, IDeviceFilterInstaller deviceFilter, string hugePagesDir,
        Func<int, string> readProcCgroup, CgroupRootless? rootless = null)
    {
        _root = LexicalPath.Clean(root);
        _path = LexicalPath.Clean(path);
        _files = files;
        _dirs = dirs;
        _deviceFilter = deviceFilter;
        _hugePagesDir = hugePagesDir;
        _readProcCgroup = readProcCgroup;
        _rootless = rootless ?? CgroupRootless.Off;
        _joined = _rootless.WasJoined("");
        _paths = _joined ? new Dictionary<string, string> { [""] = _path } : [];
    }

    public CgroupMode Mode => CgroupMode.Unified;
    public IReadOnlyDictionary<string, string> Paths => _paths;

    public IReadOnlyList<string> CreatedDirs => _dirs.Created;

    public void Apply(int pid, LinuxResources? resources = null)
    {
        var domain = resources is not null &&
            (V2Memory.IsSet(resources) || V2Io.IsSet(resources) || V2Cpu.IsSet(resources) || V2Simple.HugetlbSet(resources));
        try
        {
            V2Create.Create(_root, _path, _files, _dirs, domain);
        }
        catch (RuntimeException e) when (_rootless.Ignores(e))
        {
            // runc: tolerated only when nothing would need the cgroup's controllers.
            if (resources is not null && NeedsControllers(resources))
                throw new RuntimeException($"rootless needs no limits + no cgrouppath when no permission is granted for cgroups: {e.Message}", e);
            _joined = false;
            _paths.Clear();
            return;
        }
        CgroupDirs.AddProcess(_files, _path, pid);
    }

    private static bool NeedsControllers(LinuxResources r) => FirstRequested(r) is not null;

    /// <summary>The first controller a limit in r needs ("unified" for raw keys), or null when none does.</summary>
    private static string? FirstRequested(LinuxResources r) =>
        V2Simple.PidsSet(r) ? "pids" : V2Memory.IsSet(r) ? "memory" : V2Io.IsSet(r) ? "io" : V2Cpu.IsSet(r) ? "cpu" :
        V2Simple.CpusetSet(r) ? "cpuset" : V2Simple.HugetlbSet(r) ? "hugetlb" : V2Simple.RdmaSet(r) ? "rdma" :
        r.Unified is { Count: > 0 } ? "unified" : null;

    public void AddPid(int pid, SubCgroupPaths? subCgroups = null, int initPid = 0)
    {
        if (!_joined)
            return;
        try
        {
            CgroupDirs.AddProcess(_files, subCgroups?.Resolve(Paths)[""] ?? _path, pid);
        }
        // An explicit sub-cgroup (even "/") is where the process must go: no fallback, as runc.
        catch (CgroupFileException e) when (e.Errno == Errno.EBUSY && subCgroups is null && initPid > 0)
        {
            var initDir = InitCgroupBelowOurs(initPid)
                ?? throw new RuntimeException($"{e.Message} (the container's cgroup has sub-cgroups with controllers enabled, and its init is not in one of them)", e);
            CgroupDirs.AddProcess(_files, initDir, pid);
        }
    }

    /// <summary>
    /// The cgroup initPid is in, when it is strictly below the container's cgroup. The container
    /// chose that place, so anything outside our cgroup is ignored rather than joined.
    /// </summary>
    private string? InitCgroupBelowOurs(int initPid)
    {
        string text;
        try
        {
            text = _readProcCgroup(initPid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (!ProcSelfCgroup.Parse(text).TryGetValue("", out var inner) || !inner.StartsWith('/'))
            return null;
        var dir = LexicalPath.Join(_root, LexicalPath.CleanConfined(inner));
        return LexicalPath.RelativeUnder(_path, dir) is { } rel && rel != "." ? dir : null;
    }

    public void Set(LinuxResources r)
    {
        if (!_joined)
        {
            if (FirstRequested(r) is { } controller)
                throw new RuntimeException(CgroupRootless.NotJoinedError(controller));
            return;
        }
        var controllers = (_files.TryRead(_path, "cgroup.controllers") ?? "")
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        void Need(string controller, bool requested)
        {
            if (requested && !controllers.Contains(controller))
                throw new RuntimeException($"cannot set {controller} limit: the {controller} controller is not available in {_path} (see cgroup.controllers)");
        }

        Need("pids", V2Simple.PidsSet(r));
        Need("memory", V2Memory.IsSet(r));
        Need("io", V2Io.IsSet(r));
        Need("cpu", V2Cpu.IsSet(r));
        Need("cpuset", V2Simple.CpusetSet(r));
        Need("hugetlb", V2Simple.HugetlbSet(r));
        Need("rdma", V2Simple.RdmaSet(r));

        V2Simple.SetPids(_files, _path, r);
        V2Memory.Set(_files, _path, r);
        V2Io.Set(_files, _path, r);
        V2Cpu.Set(_files, _path, r);
        if (r.Devices is { Count: > 0 })
        {
            try
            {
                _deviceFilter.Install(_path, DeviceFilterProgram.Generate(DeviceRule.FromSpec(r.Devices)));
            }
            catch (RuntimeException) when (_rootless.Enabled)
            {
                // Device rules are not expected to work rootless; runc ignores their errors.
            }
        }
        V2Simple.SetCpuset(_files, _path, r);
        V2Simple.SetHugetlb(_files, _path, r);
        V2Simple.SetRdma(_files, _path, r);
        V2Unified.Set(_files, _path, r.Unified, controllers);
    }

    private string FreezablePath() => _joined ? _path : throw new RuntimeException(CgroupRootless.NoFreezerError);

    public void Freeze() => V2Freezer.Freeze(_files, FreezablePath());
    public void Thaw() => V2Freezer.Thaw(_files, FreezablePath());
    public FreezerState GetFreezerState() => _joined ? V2Freezer.State(_files, _path) : FreezerState.Undefined;
    public IReadOnlyList<int> GetPids() => _joined ? CgroupDirs.PidsRecursive(_files, _path) : [];
    public CgroupStats GetStats() => _joined ? V2Stats.Read(_files, _path, _hugePagesDir) : new CgroupStats();
    public Oom.IOomWatcher? WatchOom() => _joined && _files.Exists(_path, "memory.events") ? new Oom.V2OomWatcher(_path, _files) : null;
    public void Destroy() => _dirs.RemoveCreated(new HashSet<string> { _path });
    public bool Exists() => _joined && Directory.Exists(_path);
}
