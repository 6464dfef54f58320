namespace Runc.Sharp.Runtime.Cgroups;

/// <summary>/proc/self/cgroup: controller → our path in its hierarchy; "" is the cgroup2 line.</summary>
internal static class ProcSelfCgroup
{
    public static Dictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>();
        foreach (var raw in text.Split('\n'))
        {
            var parts = raw.TrimEnd('\r').Split(':', 3);
            if (parts.Length != 3)
                continue;
            if (parts[1].Length == 0)
            {
                result[""] = parts[2];
                continue;
            }
            foreach (var controller in parts[1].Split(','))
                result[controller] = parts[2];
        }
        return result;
    }
}
