using System.Runtime.Versioning;
using Runc.Sharp.Runtime.Cgroups;
using Runc.Sharp.Runtime.Cgroups.Devices;

namespace Runc.Sharp.Runtime.Tests.Cgroups;

/// <summary>
/// A pretend cgroup root in a temp directory: the tests create the files a kernel would show, and
/// the manager's writes are recorded in order (paths relative to the root).
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class FakeCgroupTree : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("runcs-cgfake-").FullName;
    public List<(string Path, string Value)> Writes { get; } = [];
    public RecordingDeviceFilter DeviceFilter { get; } = new();

    /// <summary>Creates the file (and its directories) with the content.</summary>
    public FakeCgroupTree File(string relPath, string content = "")
    {
        var path = Path.Combine(Root, relPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return this;
    }

    /// <summary>Creates each named file, empty, in the directory.</summary>
    public FakeCgroupTree Files(string relDir, params string[] names)
    {
        foreach (var name in names)
            File(Path.Combine(relDir, name));
        return this;
    }

    public FakeCgroupTree Dir(string relDir)
    {
        Directory.CreateDirectory(Path.Combine(Root, relDir));
        return this;
    }

    public string Read(string relPath) => System.IO.File.ReadAllText(Path.Combine(Root, relPath));
    public bool Exists(string relDir) => Directory.Exists(Path.Combine(Root, relDir));
    public string Abs(string rel) => Path.Combine(Root, rel);

    /// <summary>mountinfo lines for v1 hierarchies ("cpu,cpuacct", "name=systemd") and, optionally, a cgroup2 mount.</summary>
    public string V1MountInfo(IEnumerable<string> hierarchies, string? unifiedDir = null)
    {
        var lines = new List<string> { $"30 22 0:27 / {Root} rw,relatime - tmpfs tmpfs rw,mode=755" };
        var id = 31;
        foreach (var h in hierarchies)
        {
            var dir = h.StartsWith("name=") ? h[5..] : h;
            lines.Add($"{id} 30 0:{id} / {Root}/{dir} rw,nosuid,nodev,noexec,relatime shared:{id} - cgroup cgroup rw,{h}");
            id++;
        }
        if (unifiedDir is not null)
            lines.Add($"{id} 30 0:{id} / {Root}/{unifiedDir} rw,nosuid,nodev,noexec,relatime shared:{id} - cgroup2 cgroup2 rw,nsdelegate");
        return string.Join('\n', lines) + "\n";
    }

    /// <param name="procCgroup">/proc/&lt;pid&gt;/cgroup text by pid.</param>
    /// <param name="writeFault">The errno a write of a path, or the mkdir of a directory (relative to the root), fails with; 0 does it.</param>
    public CgroupHostSources Sources(string mountInfo, string procSelfCgroup = "", IReadOnlyList<string>? owned = null,
        Func<int, string>? procCgroup = null, Func<string, int>? writeFault = null) => new()
    {
        MountInfo = mountInfo,
        ProcSelfCgroup = procSelfCgroup,
        SystemdRunning = () => false,
        HugePagesDir = Path.Combine(Root, "no-hugepages"),
        OwnedPaths = owned,
        WriteObserver = (path, value) => Writes.Add((Path.GetRelativePath(Root, path), value)),
        DeviceFilter = DeviceFilter,
        ProcCgroup = procCgroup,
        WriteFault = writeFault is null ? null : path => writeFault(Path.GetRelativePath(Root, path)),
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[SupportedOSPlatform("linux")]
internal sealed class RecordingDeviceFilter : IDeviceFilterInstaller
{
    public List<(string Dir, List<BpfInstruction> Program)> Installed { get; } = [];

    /// <summary>Fail every install, as the kernel does without the privilege to attach a program.</summary>
    public bool Refuse { get; set; }

    public void Install(string cgroupDir, IReadOnlyList<BpfInstruction> program)
    {
        if (Refuse)
            throw new Runc.Sharp.Runtime.Diagnostics.RuntimeException("bpf prog load: operation not permitted");
        Installed.Add((cgroupDir, program.ToList()));
    }
}
