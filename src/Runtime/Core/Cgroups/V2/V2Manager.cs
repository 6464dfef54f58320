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

    public V2Manager(string root, string path, CgroupFiles files, CgroupDirs dirs, IDeviceFilterInstaller deviceFilter, string hugePagesDir,
        Func<int, string> readProcCgroup)
    {
        _root = LexicalPath.Clean(root);
        _path = LexicalPath.Clean(path);
        _files = files;
        _dirs = dirs;
        _deviceFilter = deviceFilter;
        _hugePagesDir = hugePagesDir;
        _readProcCgroup = readProcCgroup;
        Paths = new Dictionary<string, string> { [""] = _path };
    }

    public CgroupMode Mode => CgroupMode.Unified;
    public IReadOnlyDictionary<string, string> Paths { get; }

    public IReadOnlyList<string> CreatedDirs => _dirs.Created;

    public void Apply(int pid, LinuxResources? resources = null)
    {
        var domain = resources is not null &&
            (V2Memory.IsSet(resources) || V2Io.IsSet(resources) || V2Cpu.IsSet(resources) || V2Simple.HugetlbSet(resources));
        V2Create.Create(_root, _path, _files, _dirs, domain);
        CgroupDirs.AddProcess(_files, _path, pid);
    }

    public void AddPid(int pid, SubCgroupPaths? subCgroups = null, int initPid = 0)
    {
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
            _deviceFilter.Install(_path, DeviceFilterProgram.Generate(DeviceRule.FromSpec(r.Devices)));
        V2Simple.SetCpuset(_files, _path, r);
        V2Simple.SetHugetlb(_files, _path, r);
        V2Simple.SetRdma(_files, _path, r);
        V2Unified.Set(_files, _path, r.Unified, controllers);
    }

    public void Freeze() => V2Freezer.Freeze(_files, _path);
    public void Thaw() => V2Freezer.Thaw(_files, _path);
    public FreezerState GetFreezerState() => V2Freezer.State(_files, _path);
    public IReadOnlyList<int> GetPids() => CgroupDirs.PidsRecursive(_files, _path);
    public CgroupStats GetStats() => V2Stats.Read(_files, _path, _hugePagesDir);
    public Oom.IOomWatcher? WatchOom() => _files.Exists(_path, "memory.events") ? new Oom.V2OomWatcher(_path, _files) : null;
    public void Destroy() => _dirs.RemoveCreated(new HashSet<string> { _path });
    public bool Exists() => Directory.Exists(_path);
}
