using System.Diagnostics;
using Runc.Sharp.Runtime.Tests.Integration.Support;

namespace Runc.Sharp.Runtime.Tests.Integration.EndToEnd;

/// <summary>
/// A daemon (containerd, dockerd) started by a test: output to a log file, running from /,
/// ready once a probe succeeds, stopped by its pid (TERM, then KILL).
/// </summary>
public sealed class DaemonProcess : IDisposable
{
    private readonly Process _process;
    private bool _disposed;

    private DaemonProcess(string name, Process process, string logPath)
    {
        Name = name;
        _process = process;
        LogPath = logPath;
    }

    public string Name { get; }
    public int Pid => _process.Id;
    public string LogPath { get; }
    public string Log => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    /// <summary>Starts argv with output to logPath and waits until ready() is true.</summary>
    public static DaemonProcess Start(E2eWorld world, string name, IReadOnlyList<string> argv, string logPath, Func<bool> ready, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = "/" };
        foreach (var a in new[] { "-c", "log=$1; shift; exec \"$@\" </dev/null >>\"$log\" 2>&1", "sh", logPath })
            psi.ArgumentList.Add(a);
        foreach (var a in argv)
            psi.ArgumentList.Add(a);
        foreach (var (key, value) in world.Tools.Environment)
        {
            if (value is null)
                psi.Environment.Remove(key);
            else
                psi.Environment[key] = value;
        }
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {name}");
        world.AddDaemon(process.Id);
        var daemon = new DaemonProcess(name, process, logPath);
        var deadline = DateTime.UtcNow + timeout;
        while (!ready())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var how = process.HasExited ? $"exit code {process.ExitCode}" : $"not ready after {timeout.TotalSeconds:F0} s";
                daemon.Dispose();
                throw new InvalidOperationException($"{name} did not start ({how}); its log:\n{daemon.Log}");
            }
            Thread.Sleep(100);
        }
        return daemon;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (!_process.HasExited)
        {
            Native.kill(_process.Id, 15);
            if (!_process.WaitForExit(TimeSpan.FromSeconds(15)))
            {
                Native.kill(_process.Id, 9);
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        _process.Dispose();
    }
}
