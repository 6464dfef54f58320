using System.Diagnostics;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Model;
using Runc.Sharp.Spec.Serialization;

namespace Runc.Sharp.Runtime.OciHooks;

/// <summary>
/// Runs OCI hooks (config.md "POSIX-platform Hooks"): path with args and env, the state JSON
/// on stdin, killed after `timeout` seconds. Which namespace a hook runs in is the caller's
/// choice of process.
/// </summary>
public static class HookRunner
{
    public static void Run(string phase, IEnumerable<Hook>? hooks, ContainerState state) =>
        RunAll(phase, hooks, state, message => throw new RuntimeException(message));

    /// <summary>poststart and poststop: a failure is a warning and the rest still run.</summary>
    public static void RunWarnOnly(string phase, IEnumerable<Hook>? hooks, ContainerState state) =>
        RunAll(phase, hooks, state, Log.Warning);

    private static void RunAll(string phase, IEnumerable<Hook>? hooks, ContainerState state, Action<string> onFailure)
    {
        var index = 0;
        foreach (var hook in hooks ?? [])
        {
            try
            {
                RunOne(hook, state);
            }
            catch (Exception e) when (e is RuntimeException or System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
            {
                onFailure($"error running {phase} hook #{index}: {e.Message}");
            }
            index++;
        }
    }

    private static void RunOne(Hook hook, ContainerState state)
    {
        var psi = new ProcessStartInfo(hook.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (hook.Args ?? []).Skip(1))
            psi.ArgumentList.Add(arg);
        psi.Environment.Clear();
        foreach (var kv in hook.Env ?? [])
        {
            var eq = kv.IndexOf('=');
            if (eq > 0)
                psi.Environment[kv[..eq]] = kv[(eq + 1)..];
        }

        using var process = System.Diagnostics.Process.Start(psi)
            ?? throw new RuntimeException($"cannot start {hook.Path}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            process.StandardInput.BaseStream.Write(SpecJson.WriteState(state));
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // A hook may exit without reading its stdin.
        }

        var timeout = hook.Timeout is > 0 ? TimeSpan.FromSeconds(hook.Timeout.Value) : Timeout.InfiniteTimeSpan;
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new RuntimeException("timeout after " + hook.Timeout + "s");
        }
        if (process.ExitCode != 0)
        {
            var output = (stdout.Result + stderr.Result).Trim();
            throw new RuntimeException($"exit status {process.ExitCode}" + (output.Length > 0 ? $", output: {output}" : ""));
        }
    }
}
