using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Namespaces;

/// <summary>Namespace types: spec names, clone flags and /proc/&lt;pid&gt;/ns file names.</summary>
public static class NamespaceKinds
{
    public const uint CLONE_NEWTIME = 0x80, CLONE_NEWNS = 0x20000, CLONE_NEWCGROUP = 0x02000000,
        CLONE_NEWUTS = 0x04000000, CLONE_NEWIPC = 0x08000000, CLONE_NEWUSER = 0x10000000,
        CLONE_NEWPID = 0x20000000, CLONE_NEWNET = 0x40000000;

    /// <summary>In the order exec joins them (the shim puts user first and mount last anyway).</summary>
    public static readonly (string Type, uint Flag, string ProcName)[] All =
    [
        (LinuxNamespaceTypes.User, CLONE_NEWUSER, "user"),
        (LinuxNamespaceTypes.Ipc, CLONE_NEWIPC, "ipc"),
        (LinuxNamespaceTypes.Uts, CLONE_NEWUTS, "uts"),
        (LinuxNamespaceTypes.Network, CLONE_NEWNET, "net"),
        (LinuxNamespaceTypes.Pid, CLONE_NEWPID, "pid"),
        (LinuxNamespaceTypes.Cgroup, CLONE_NEWCGROUP, "cgroup"),
        (LinuxNamespaceTypes.Time, CLONE_NEWTIME, "time"),
        (LinuxNamespaceTypes.Mount, CLONE_NEWNS, "mnt"),
    ];

    public static uint Flag(string type) =>
        All.FirstOrDefault(k => k.Type == type).Flag is var f && f != 0 ? f : throw new ArgumentException($"unknown namespace type {type}");

    public static string ProcName(string type) => All.First(k => k.Type == type).ProcName;
}
