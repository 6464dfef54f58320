using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Cgroups.Devices;

/// <summary>
/// One device-cgroup rule: type 'a' (all), 'b' or 'c'; major/minor -1 for "*"; access a subset of
/// "rwm" kept in canonical r,w,m order.
/// </summary>
internal sealed record DeviceRule(char Type, long Major, long Minor, string Access, bool Allow)
{
    public const long Wildcard = -1;

    /// <summary>The line the v1 devices.allow / devices.deny files take, e.g. "c 1:3 rwm".</summary>
    public string CgroupString =>
        $"{Type} {(Major == Wildcard ? "*" : Major.ToString())}:{(Minor == Wildcard ? "*" : Minor.ToString())} {Access}";

    /// <summary>The spec's linux.resources.devices as runc's specconv reads them.</summary>
    public static List<DeviceRule> FromSpec(IEnumerable<LinuxDeviceCgroup>? rules)
    {
        var result = new List<DeviceRule>();
        var index = 0;
        foreach (var r in rules ?? [])
        {
            var type = r.Type is null or "" ? "a" : r.Type;
            if (type is not ("a" or "b" or "c"))
                throw new RuntimeException($"invalid cgroup device type {type} at linux.resources.devices[{index}]");
            if (string.IsNullOrEmpty(r.Access))
                throw new RuntimeException($"device access at linux.resources.devices[{index}] cannot be empty");
            var major = r.Major ?? Wildcard;
            var minor = r.Minor ?? Wildcard;
            if (major < Wildcard || major > uint.MaxValue || minor < Wildcard || minor > uint.MaxValue)
                throw new RuntimeException($"invalid device number {major}:{minor} at linux.resources.devices[{index}]");
            result.Add(new DeviceRule(type[0], major, minor, AccessBits.Of(r.Access, index), r.Allow));
            index++;
        }
        return result;
    }

    /// <summary>Access strings as bit sets: r=1, w=2, m=4.</summary>
    internal static class AccessBits
    {
        public const int Read = 1, Write = 2, Mknod = 4, All = 7;

        public static string Of(string text, int index = -1) => ToText(Parse(text, index));

        public static int Parse(string text, int index = -1)
        {
            var bits = 0;
            foreach (var c in text)
                bits |= c switch
                {
                    'r' => Read,
                    'w' => Write,
                    'm' => Mknod,
                    _ => throw new RuntimeException($"invalid device access {text}" + (index >= 0 ? $" at linux.resources.devices[{index}]" : "")),
                };
            return bits;
        }

        public static string ToText(int bits) =>
            ((bits & Read) != 0 ? "r" : "") + ((bits & Write) != 0 ? "w" : "") + ((bits & Mknod) != 0 ? "m" : "");
    }
}
