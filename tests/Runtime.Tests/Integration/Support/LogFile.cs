using System.Globalization;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace Runc.Sharp.Runtime.Tests.Integration.Support;

/// <summary>A --log file written with --log-format json: nothing but {"level","msg","time"} lines.</summary>
public static class LogFile
{
    /// <summary>Parses every line as a logrus JSON record; throws on anything else (containerd would stop reading there).</summary>
    public static List<(string Level, string Msg, DateTimeOffset Time)> ReadJson(string path)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : "";
        var records = new List<(string, string, DateTimeOffset)>();
        if (text.Length == 0)
            return records;
        if (!text.EndsWith('\n'))
            throw new XunitException($"log file does not end with a newline: «{text}»");
        foreach (var line in text[..^1].Split('\n'))
        {
            JsonObject obj;
            try
            {
                obj = JsonNode.Parse(line)!.AsObject();
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
            {
                throw new XunitException($"log line is not a JSON object: «{line}» in «{text}»");
            }
            var level = obj["level"]?.GetValue<string>() ?? throw new XunitException($"no level in «{line}»");
            var msg = obj["msg"]?.GetValue<string>() ?? throw new XunitException($"no msg in «{line}»");
            var time = obj["time"]?.GetValue<string>() ?? throw new XunitException($"no time in «{line}»");
            if (level is not ("debug" or "info" or "warning" or "error" or "fatal" or "panic"))
                throw new XunitException($"level {level} is not a logrus level in «{line}»");
            if (!System.Text.RegularExpressions.Regex.IsMatch(time, @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
                || !DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
                throw new XunitException($"time {time} is not RFC 3339 in «{line}»");
            records.Add((level, msg, t));
        }
        return records;
    }
}
