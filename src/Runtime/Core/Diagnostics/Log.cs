using Runc.Sharp.Runtime.Sys;
using System.Text;

namespace Runc.Sharp.Runtime.Diagnostics;

/// <summary>
/// runc's log: logrus records, as JSON lines (`{"level":..,"msg":..,"time":..}`, what containerd
/// parses) or logfmt text. Goes to --log (appended, O_SYNC) or stderr. Nothing else may ever be
/// written to a --log file: containerd stops reading at the first line that is not JSON.
/// </summary>
public static class Log
{
    private static string? _path;
    private static LogFormat _format = LogFormat.Text;
    private static bool _debug;
    private static readonly object Gate = new();

    public static bool IsDebug => _debug;
    public static bool ToStderr => _path is null;

    public static void Configure(string? path, LogFormat format, bool debug)
    {
        _path = string.IsNullOrEmpty(path) ? null : path;
        _format = format;
        _debug = debug;
    }

    public static void Debug(string message)
    {
        if (_debug)
            Write("debug", message);
    }

    public static void Info(string message) => Write("info", message);
    public static void Warning(string message) => Write("warning", message);
    public static void Error(string message) => Write("error", message);

    public static void Write(string level, string message)
    {
        var line = Format(level, message, DateTimeOffset.Now);
        lock (Gate)
        {
            try
            {
                if (_path is null)
                {
                    StdStreams.Write(StdStreams.Err, line);
                }
                else
                {
                    using var fs = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.WriteThrough);
                    fs.Write(Encoding.UTF8.GetBytes(line));
                }
            }
            catch (IOException)
            {
                // A log that cannot be written must not turn an error into a crash.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    public static string Format(string level, string message, DateTimeOffset time) =>
        _format == LogFormat.Json ? JsonLine(level, message, time) : TextLine(level, message, time);

    public static string JsonLine(string level, string message, DateTimeOffset time)
    {
        var sb = new StringBuilder(64 + message.Length);
        sb.Append("{\"level\":\"").Append(level).Append("\",\"msg\":");
        JsonText.AppendQuoted(sb, message);
        sb.Append(",\"time\":\"").Append(Rfc3339(time)).Append("\"}\n");
        return sb.ToString();
    }

    public static string TextLine(string level, string message, DateTimeOffset time)
    {
        var sb = new StringBuilder(64 + message.Length);
        sb.Append("time=\"").Append(Rfc3339(time)).Append("\" level=").Append(level).Append(" msg=");
        JsonText.AppendQuoted(sb, message);
        return sb.Append('\n').ToString();
    }

    /// <summary>Go's time.RFC3339: seconds precision, "Z" for UTC, else ±hh:mm.</summary>
    public static string Rfc3339(DateTimeOffset t)
    {
        var head = t.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        if (t.Offset == TimeSpan.Zero)
            return head + "Z";
        var off = t.Offset;
        var sign = off < TimeSpan.Zero ? '-' : '+';
        off = off.Duration();
        return $"{head}{sign}{off.Hours:D2}:{off.Minutes:D2}";
    }
}
