namespace Runc.Sharp.Runtime.Cgroups.V1;

/// <summary>One controller's directory of the container, with the file and directory helpers.</summary>
internal sealed class V1Cgroup(CgroupPlace place, CgroupFiles files, CgroupDirs dirs, string hugePagesDir)
{
    public string Path => place.Path;
    public string MountPoint => place.MountPoint;
    public CgroupFiles Files => files;
    public CgroupDirs Dirs => dirs;
    public string HugePagesDir => hugePagesDir;

    public void Ensure() => dirs.Ensure(place.MountPoint, place.Path);
    public void Join(int pid) => CgroupDirs.AddProcess(files, place.Path, pid);
    public void Write(string name, string value) => files.Write(place.Path, name, value);
    public bool Has(string name) => files.Exists(place.Path, name);
    public string? Read(string name) => files.TryReadTrimmed(place.Path, name);
    public ulong? ReadUInt(string name) => files.TryReadUInt(place.Path, name);
}
