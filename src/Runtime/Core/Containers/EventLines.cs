using System.Text;
using System.Text.Json;
using Runc.Sharp.Runtime.Cgroups;
using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>
/// Lines of `events` as runc prints them: {"type":"stats","id":…,"data":{…}} and
/// {"type":"oom","id":…} (no data).
/// </summary>
public static class EventLines
{
    public static string Stats(string id, CgroupStats stats)
    {
        var sb = Start("stats", id);
        sb.Append(",\"data\":");
        sb.Append(Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(stats, CgroupStatsJsonContext.Default.CgroupStats)));
        return sb.Append("}\n").ToString();
    }

    public static string Oom(string id) => Start("oom", id).Append("}\n").ToString();

    private static StringBuilder Start(string type, string id)
    {
        var sb = new StringBuilder("{\"type\":\"").Append(type).Append("\",\"id\":");
        JsonText.AppendQuoted(sb, id);
        return sb;
    }
}
