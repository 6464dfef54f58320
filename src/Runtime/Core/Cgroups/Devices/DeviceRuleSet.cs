using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Cgroups.Devices;

/// <summary>
/// What a list of device rules means, computed the way the cgroup v1 devices controller applies
/// them (runc's devices emulator): an "a" rule resets to allow-all or deny-all, other rules add
/// or remove exceptions to that default. Both the v1 writer and the v2 eBPF generator use the
/// result, so v1 and v2 behave alike.
/// </summary>
internal sealed class DeviceRuleSet
{
    private readonly Dictionary<(char Type, long Major, long Minor), int> _exceptions = [];

    /// <summary>True when anything not listed is allowed (a deny list); false for an allow list.</summary>
    public bool DefaultAllow { get; private set; }

    /// <summary>An empty set denies everything, like a cgroup after "a" was denied.</summary>
    public static DeviceRuleSet From(IEnumerable<DeviceRule> rules)
    {
        var set = new DeviceRuleSet();
        foreach (var rule in rules)
            set.Apply(rule);
        return set;
    }

    public void Apply(DeviceRule rule)
    {
        if (rule.Type == 'a')
        {
            DefaultAllow = rule.Allow;
            _exceptions.Clear();
            return;
        }
        var key = (rule.Type, rule.Major, rule.Minor);
        var bits = DeviceRule.AccessBits.Parse(rule.Access);
        // A rule that agrees with the default removes exceptions; one that disagrees adds one.
        if (rule.Allow == DefaultAllow)
            Remove(key, bits, rule);
        else
            _exceptions[key] = _exceptions.GetValueOrDefault(key) | bits;
    }

    private void Remove((char Type, long Major, long Minor) key, int bits, DeviceRule rule)
    {
        // The kernel silently ignores a request to punch a hole in a wildcard exception; refusing
        // it is safer than a configuration that looks effective but is not.
        foreach (var wider in new[] { (key.Type, DeviceRule.Wildcard, key.Minor), (key.Type, key.Major, DeviceRule.Wildcard), (key.Type, DeviceRule.Wildcard, DeviceRule.Wildcard) })
        {
            if (wider == key)
                continue;
            if ((_exceptions.GetValueOrDefault(wider) & bits) != 0)
                throw new RuntimeException($"device rule {rule.CgroupString} cannot punch a hole in the wildcard rule {new DeviceRule(wider.Item1, wider.Item2, wider.Item3, DeviceRule.AccessBits.ToText(_exceptions[wider]), !DefaultAllow).CgroupString}");
        }
        if (!_exceptions.TryGetValue(key, out var had))
            return;
        var left = had & ~bits;
        if (left == 0)
            _exceptions.Remove(key);
        else
            _exceptions[key] = left;
    }

    /// <summary>The exceptions to the default, ordered by (major, minor, type) with "*" first.</summary>
    public List<DeviceRule> Exceptions() =>
        _exceptions
            .OrderBy(e => e.Key.Major).ThenBy(e => e.Key.Minor).ThenBy(e => e.Key.Type)
            .Select(e => new DeviceRule(e.Key.Type, e.Key.Major, e.Key.Minor, DeviceRule.AccessBits.ToText(e.Value), !DefaultAllow))
            .ToList();
}
