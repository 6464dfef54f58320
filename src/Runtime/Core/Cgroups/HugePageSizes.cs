namespace Runc.Sharp.Runtime.Cgroups;

/// <summary>Huge page sizes as cgroup file names spell them ("2MB", "1GB"), from /sys/kernel/mm/hugepages.</summary>
internal static class HugePageSizes
{
    public static List<string> Read(string dir)
    {
        if (!Directory.Exists(dir))
            return [];
        return Directory.GetDirectories(dir)
            .Select(Path.GetFileName)
            .Select(n => n is not null && n.StartsWith("hugepages-") && n.EndsWith("kB") && ulong.TryParse(n[10..^2], out var kb) ? Format(kb) : null)
            .OfType<string>()
            .ToList();
    }

    /// <summary>Like the kernel's hugetlb cgroup names: 2048 kB is "2MB", 1048576 kB is "1GB".</summary>
    public static string Format(ulong kb) =>
        kb >= 1 << 20 ? $"{kb >> 20}GB" : kb >= 1 << 10 ? $"{kb >> 10}MB" : $"{kb}KB";
}
