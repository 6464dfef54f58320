namespace Runc.Sharp.Runtime.Tests.Integration.Support;

/// <summary>What /proc says about a host process.</summary>
public static class ProcessInfo
{
    /// <summary>State letter and start time (field 22 of /proc/pid/stat), or null when the pid does not exist.</summary>
    public static (char State, ulong StartTime)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var close = text.LastIndexOf(')');
        if (close < 0 || close + 2 >= text.Length)
            return null;
        var fields = text[(close + 2)..].Split(' ');
        return fields.Length > 19 && ulong.TryParse(fields[19], out var start) ? (fields[0][0], start) : null;
    }

    /// <summary>True if the process exists and is not a zombie (and, when given, started at startTime).</summary>
    public static bool IsRunning(int pid, ulong? startTime = null) =>
        pid > 0 && Stat(pid) is { } s && s.State is not ('Z' or 'X' or 'x') && (startTime is null || s.StartTime == startTime);

    /// <summary>Waits until the process has exited (zombies count as exited).</summary>
    public static bool WaitForExit(int pid, ulong? startTime, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsRunning(pid, startTime))
        {
            if (DateTime.UtcNow > deadline)
                return false;
            Thread.Sleep(20);
        }
        return true;
    }

    public static string? Link(int pid, string name)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/{name}").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>Live (non-zombie) processes whose root or cwd lies under dir: container processes and runcs calls of one test.</summary>
    public static List<(int Pid, string What)> LiveUnder(string dir)
    {
        var prefix = dir.TrimEnd('/') + "/";
        var found = new List<(int, string)>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid) || pid == Environment.ProcessId || !IsRunning(pid))
                continue;
            foreach (var link in new[] { "root", "cwd" })
            {
                var target = Link(pid, link);
                if (target is not null && (target + "/").StartsWith(prefix, StringComparison.Ordinal))
                {
                    found.Add((pid, $"pid {pid} ({link} {target}): {CommandLine(pid)}"));
                    break;
                }
            }
        }
        return found;
    }

    /// <summary>Mount points (from /proc/self/mountinfo) at or under dir.</summary>
    public static List<string> MountsUnder(string dir)
    {
        var prefix = dir.TrimEnd('/') + "/";
        return File.ReadAllLines("/proc/self/mountinfo")
            .Select(l => l.Split(' '))
            .Where(f => f.Length > 4 && (f[4] + "/").StartsWith(prefix, StringComparison.Ordinal))
            .Select(f => f[4])
            .ToList();
    }

    /// <summary>
    /// Host mounts whose mount point lies under one of <paramref name="dirs"/>: what a leak of ours
    /// would look like, unlike the whole table, which other software on the host changes.
    /// </summary>
    public static int MountCountUnder(params string[] dirs) =>
        File.ReadAllLines("/proc/self/mountinfo")
            .Select(line => line.Split(' ')[4])
            .Count(point => dirs.Any(d => point == d || point.StartsWith(d.TrimEnd('/') + "/", StringComparison.Ordinal)));
}
