using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>
/// Settings runcs cannot honour yet, or that this host cannot: refused with a clear error
/// before anything is created, never silently dropped (a dropped seccomp profile or LSM label
/// would run a container with less confinement than asked for).
/// </summary>
public static class UnsupportedSettings
{
    public static void Check(RuntimeConfig config, Process process)
    {
        CheckProcess(process);
        var linux = config.Linux;
        if (!string.IsNullOrEmpty(linux?.MountLabel) && !SelinuxEnabled)
            throw new RuntimeException("linux.mountLabel is set but SELinux is not enabled on this host");
        if (linux?.IntelRdt is not null)
            throw new RuntimeException("linux.intelRdt is not supported by runcs");
        if (linux?.NetDevices is { Count: > 0 })
            throw new RuntimeException("linux.netDevices is not supported by runcs yet");
        if (linux?.MemoryPolicy is not null)
            throw new RuntimeException("linux.memoryPolicy is not supported by runcs yet");
    }

    public static void CheckProcess(Process process)
    {
        if (!string.IsNullOrEmpty(process.ApparmorProfile) && !AppArmorEnabled)
            throw new RuntimeException("apparmor profile specified but AppArmor is not enabled on this host");
        if (!string.IsNullOrEmpty(process.ApparmorProfile))
            throw new RuntimeException("process.apparmorProfile is not supported by runcs yet");
        if (!string.IsNullOrEmpty(process.SelinuxLabel))
            throw new RuntimeException(SelinuxEnabled
                ? "process.selinuxLabel is not supported by runcs yet"
                : "selinux label is specified in config, but selinux is disabled or not supported");
    }

    private static bool AppArmorEnabled =>
        File.Exists("/sys/module/apparmor/parameters/enabled") &&
        File.ReadAllText("/sys/module/apparmor/parameters/enabled").StartsWith('Y');

    private static bool SelinuxEnabled => File.Exists("/sys/fs/selinux/enforce");
}
