using System.Text;
using System.Text.Json;
using Runc.Sharp.Runtime.Cgroups;
using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>One line of `events`: {"type":"stats","id":…,"data":{…}} as runc prints it.</summary>
public static class StatsEvent
{
    public static string Line(string id, CgroupStats stats)
    {
        var sb = new StringBuilder("{\"type\":\"stats\",\"id\":");
        JsonText.AppendQuoted(sb, id);
        sb.Append(",\"data\":");
        sb.Append(Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(stats, CgroupStatsJsonContext.Default.CgroupStats)));
        return sb.Append("}\n").ToString();
    }
}
