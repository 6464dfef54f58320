using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;
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
        // Go's exec.Cmd, as runc uses it: argv is args as given (argv[0] included), or just the
        // path; no env in the hook means the runtime's own environment.
        var argv = hook.Args is { Count: > 0 } args ? args : [hook.Path];
        var env = hook.Env ?? Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => $"{e.Key}={e.Value}").ToList();
        using var process = SpawnedProcess.Start(hook.Path, argv, env);
        var stdout = ReadAllAsync(process.Stdout);
        var stderr = ReadAllAsync(process.Stderr);
        try
        {
            process.Stdin.Write(SpecJson.WriteState(state));
            process.Stdin.Close();
        }
        catch (IOException)
        {
            // A hook may exit without reading its stdin.
        }

        var timeout = hook.Timeout is > 0 ? TimeSpan.FromSeconds(hook.Timeout.Value) : Timeout.InfiniteTimeSpan;
        if (process.WaitForExit(timeout) is not { } status)
        {
            process.Kill();
            process.WaitForExit(Timeout.InfiniteTimeSpan);
            throw new RuntimeException("timeout after " + hook.Timeout + "s");
        }
        if (status != 0)
        {
            var output = (stdout.Result + stderr.Result).Trim();
            throw new RuntimeException(Describe(status) + (output.Length > 0 ? $", output: {output}" : ""));
        }
    }

    private static Task<string> ReadAllAsync(Stream stream) => Task.Run(() => new StreamReader(stream).ReadToEnd());

    private static string Describe(int status) =>
        (status & 0x7f) == 0 ? $"exit status {(status >> 8) & 0xff}" : $"killed by signal {status & 0x7f}";
}
