namespace Runc.Sharp.Runtime.Sys;

/// <summary>Reads of /proc/&lt;pid&gt; the lifecycle depends on.</summary>
public static class ProcFs
{
    /// <summary>State letter and start time (field 22) of a process, or null if it is gone.</summary>
    public static (char State, ulong StartTime)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // The command name may hold spaces and parentheses: fields start after the last ')'.
        var close = text.LastIndexOf(')');
        if (close < 0)
            return null;
        var fields = text[(close + 2)..].Split(' ');
        if (fields.Length < 20 || !ulong.TryParse(fields[19], out var start))
            return null;
        return (fields[0][0], start);
    }

    /// <summary>True while the process with this pid is the one that started at startTime and not a zombie.</summary>
    public static bool IsAlive(int pid, ulong startTime)
    {
        if (pid <= 0)
            return false;
        var st = Stat(pid);
        return st is { } s && s.StartTime == startTime && s.State is not ('Z' or 'X' or 'x');
    }
}
