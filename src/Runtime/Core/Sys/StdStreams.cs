using System.Text;

namespace Runc.Sharp.Runtime.Sys;

/// <summary>
/// Our stdout and stderr, written with write(2). System.Console is never used: on a terminal
/// it switches the keypad to application mode (ESC[?1h ESC=), which would land in front of a
/// container's output and stay in the user's terminal.
/// </summary>
public static class StdStreams
{
    public const int Out = 1, Err = 2;

    public static void Write(int fd, ReadOnlySpan<byte> bytes)
    {
        try
        {
            Syscalls.WriteAll(fd, bytes);
        }
        catch (SyscallException)
        {
            // A closed pipe or a full disk behind our stdio must not turn into a crash.
        }
    }

    public static void Write(int fd, string text) => Write(fd, Encoding.UTF8.GetBytes(text));
}
