namespace Runc.Sharp.Runtime.Containers;

/// <summary>
/// systemd socket activation, as runc honours it: when LISTEN_PID is our pid, fds 3.. of
/// LISTEN_FDS go to the container first, with LISTEN_FDS=n and LISTEN_PID=1 in its env.
/// </summary>
public sealed record ListenFds(int Count, List<string> Env)
{
    public static ListenFds FromEnvironment()
    {
        var pid = Environment.GetEnvironmentVariable("LISTEN_PID");
        var fds = Environment.GetEnvironmentVariable("LISTEN_FDS");
        if (pid is null || fds is null || pid != Environment.ProcessId.ToString() || !int.TryParse(fds, out var n) || n <= 0)
            return new ListenFds(0, []);
        return new ListenFds(n, [$"LISTEN_FDS={n}", "LISTEN_PID=1"]);
    }
}
