using System.Text;

namespace Runc.Sharp.Runtime.SdNotify;

/// <summary>
/// The sd_notify texts runcs reads and writes: a datagram is newline-separated VAR=value
/// assignments. The container's READY= line is passed on, followed by MAINPID, as runc does.
/// </summary>
public static class NotifyMessages
{
    private static readonly byte[] ReadyPrefix = "READY="u8.ToArray();

    /// <summary>The first line of the datagram that starts with READY=, or null.</summary>
    public static string? ReadyLine(ReadOnlySpan<byte> datagram)
    {
        while (true)
        {
            var end = datagram.IndexOf((byte)'\n');
            var line = end < 0 ? datagram : datagram[..end];
            if (line.StartsWith(ReadyPrefix))
                return Encoding.UTF8.GetString(line);
            if (end < 0)
                return null;
            datagram = datagram[(end + 1)..];
        }
    }

    /// <summary>The datagrams for the host, in order: the READY line, then MAINPID; each ends in a newline.</summary>
    public static IReadOnlyList<byte[]> ForHost(string readyLine, int mainPid) =>
    [
        Encoding.UTF8.GetBytes(readyLine + "\n"),
        Encoding.UTF8.GetBytes($"MAINPID={mainPid}\n"),
    ];

    /// <summary>sd_notify_barrier's message; it carries the write end of a pipe.</summary>
    public static ReadOnlySpan<byte> Barrier => "BARRIER=1"u8;
}
