using Runc.Sharp.Runtime.Rootfs;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.NativeInit;

/// <summary>
/// Whether a container's init can run as a native plan (no .NET start in init), or needs C# init
/// for something the plan has no op for yet. Both do the same steps; the native one is the fast path.
/// </summary>
public static class NativeInitSupport
{
    /// <summary>RUNCS_NATIVE_INIT=0 always uses C# init (to compare the two, or as a way out).</summary>
    public const string EnvVar = "RUNCS_NATIVE_INIT";

    /// <summary>null when the native init can create this container; else what it cannot do yet.</summary>
    public static string? WhyNot(RuntimeConfig config, Process process)
    {
        if (WhyNotForAny(process, config.Linux) is { } reason)
            return reason;
        if (config.Hooks?.CreateContainer is { Count: > 0 } || config.Hooks?.StartContainer is { Count: > 0 })
            return "createContainer or startContainer hooks";
        if (config.Linux?.Seccomp is { } seccomp && UsesNotify(seccomp))
            return "a seccomp notify listener";
        foreach (var m in config.Mounts ?? [])
        {
            var opts = MountOptions.Parse(m.Options, m.Type);
            if (opts.IdMap)
                return "idmapped mounts";
            if (opts.TmpCopyUp)
                return "tmpcopyup mounts";
        }
        return null;
    }

    /// <summary>The same question for `exec` (SetnsInit's steps).</summary>
    public static string? WhyNotExec(Process process, LinuxConfig? linux, Security.Seccomp.SeccompProgram? seccomp)
    {
        if (WhyNotForAny(process, linux) is { } reason)
            return reason;
        if (!string.IsNullOrEmpty(process.ExecCpuAffinity?.Final))
            return "execCPUAffinity.final";
        if (seccomp?.ListenerPath is not null)
            return "a seccomp notify listener";
        return null;
    }

    /// <summary>What neither a container's init nor an exec'd process can do natively yet.</summary>
    private static string? WhyNotForAny(Process process, LinuxConfig? linux)
    {
        if (Environment.GetEnvironmentVariable(EnvVar) == "0")
            return $"{EnvVar}=0";
        if (process.Scheduler is not null || process.IoPriority is not null || linux?.Personality is not null)
            return "scheduler, ioPriority or personality";
        return null;
    }

    private static bool UsesNotify(LinuxSeccomp seccomp) =>
        !string.IsNullOrEmpty(seccomp.ListenerPath) || seccomp.DefaultAction == "SCMP_ACT_NOTIFY" ||
        (seccomp.Syscalls?.Any(s => s.Action == "SCMP_ACT_NOTIFY") ?? false);
}
