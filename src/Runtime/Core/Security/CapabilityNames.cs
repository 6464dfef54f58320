using Runc.Sharp.Spec.Validation.Semantic;

namespace Runc.Sharp.Runtime.Security;

/// <summary>Linux capability names and numbers (linux/capability.h), CAP_CHOWN = 0 …</summary>
public static class CapabilityNames
{
    /// <summary>The names by number; one table for the validator and the runtime.</summary>
    public static IReadOnlyList<string> ByNumber => LinuxCapabilities.All;

    public static int Number(string name) => LinuxCapabilities.NumberOf(name);

    /// <summary>The highest capability the running kernel knows.</summary>
    public static int LastCap()
    {
        try
        {
            return int.Parse(File.ReadAllText("/proc/sys/kernel/cap_last_cap").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return ByNumber.Count - 1;
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
