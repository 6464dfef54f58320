namespace Runc.Sharp.Runtime.Security;

/// <summary>Linux capability names and numbers (linux/capability.h), CAP_CHOWN = 0 …</summary>
public static class CapabilityNames
{
    public static readonly string[] ByNumber =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
        "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
        "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
        "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
        "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
        "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
        "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    public static int Number(string name) => Array.IndexOf(ByNumber, name);

    /// <summary>The highest capability the running kernel knows.</summary>
    public static int LastCap()
    {
        try
        {
            return int.Parse(File.ReadAllText("/proc/sys/kernel/cap_last_cap").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return ByNumber.Length - 1;
        }
    }

    /// <summary>A set as a bit mask; names unknown to this kernel are dropped (runc warns and ignores them).</summary>
    public static ulong Mask(IEnumerable<string>? names, int lastCap, List<string>? unknown = null)
    {
        ulong mask = 0;
        foreach (var name in names ?? [])
        {
            var n = Number(name);
            if (n < 0 || n > lastCap)
                unknown?.Add(name);
            else
                mask |= 1UL << n;
        }
        return mask;
    }
}
