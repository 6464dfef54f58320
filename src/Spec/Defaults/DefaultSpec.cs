using Runc.Sharp.Spec.Paths;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Spec.Defaults;

/// <summary>
/// The config.json template written by <c>runc spec</c> (runc 1.2–1.4,
/// <c>libcontainer/specconv</c> <c>Example()</c> and <c>ToRootless()</c>), rebuilt from the
/// behaviour of that code. Property order of the model makes the serialised output match
/// runc's key order (ociVersion, process, root, hostname, mounts, linux).
/// </summary>
/// <remarks>
/// The hostname stays <c>"runc"</c>: this runtime is a drop-in replacement, and scripts and
/// test suites written against <c>runc spec</c> output (bats tests, docs, CI that greps
/// <c>hostname</c>) expect exactly that value.
/// </remarks>
public static class DefaultSpec
{
    /// <summary>Hostname runc puts in its template.</summary>
    public const string Hostname = "runc";

    private static readonly string[] DefaultCapabilities = ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"];

    private static readonly string[] DefaultMaskedPaths =
    [
        "/proc/acpi",
        "/proc/asound",
        "/proc/kcore",
        "/proc/keys",
        "/proc/latency_stats",
        "/proc/timer_list",
        "/proc/timer_stats",
        "/proc/sched_debug",
        "/sys/firmware",
        "/proc/scsi",
    ];

    private static readonly string[] DefaultReadonlyPaths =
    [
        "/proc/bus",
        "/proc/fs",
        "/proc/irq",
        "/proc/sys",
        "/proc/sysrq-trigger",
    ];

    /// <summary>
    /// What <c>runc spec [--rootless]</c> produces on this host: a cgroup namespace is added
    /// only on a cgroup v2 unified host, and the rootless mappings use the caller's effective
    /// uid/gid (read from /proc/self/status).
    /// </summary>
    public static RuntimeConfig Create(bool rootless) => Create(new DefaultSpecOptions
    {
        Rootless = rootless,
        CgroupNamespace = HostIdentity.IsCgroup2UnifiedMode(),
        HostUid = rootless ? HostIdentity.EffectiveUid() : 0,
        HostGid = rootless ? HostIdentity.EffectiveGid() : 0,
    });

    /// <summary>The template with every host-dependent input given explicitly.</summary>
    public static RuntimeConfig Create(DefaultSpecOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RuntimeConfig config = Example(options.CgroupNamespace);
        if (options.Rootless)
        {
            ToRootless(config, options.HostUid, options.HostGid);
        }

        return config;
    }

    /// <summary>
    /// runc's <c>ToRootless</c>: drops the network namespace and adds a user namespace (last),
    /// maps container root to <paramref name="hostUid"/>/<paramref name="hostGid"/> (size 1),
    /// replaces the /sys mount by a read-only rbind of the host /sys, strips <c>uid=</c>/<c>gid=</c>
    /// options from every other mount and removes <c>linux.resources</c>.
    /// </summary>
    public static void ToRootless(RuntimeConfig config, uint hostUid, uint hostGid)
    {
        ArgumentNullException.ThrowIfNull(config);
        LinuxConfig linux = config.Linux ??= new LinuxConfig();

        var namespaces = new List<LinuxNamespace>();
        foreach (LinuxNamespace ns in linux.Namespaces ?? [])
        {
            if (ns.Type is not (LinuxNamespaceTypes.Network or LinuxNamespaceTypes.User))
            {
                namespaces.Add(ns);
            }
        }

        namespaces.Add(new LinuxNamespace { Type = LinuxNamespaceTypes.User });
        linux.Namespaces = namespaces;

        linux.UidMappings = [new IdMapping { ContainerId = 0, HostId = hostUid, Size = 1 }];
        linux.GidMappings = [new IdMapping { ContainerId = 0, HostId = hostGid, Size = 1 }];

        if (config.Mounts is { } mounts)
        {
            var fixedUp = new List<Mount>(mounts.Count);
            foreach (Mount mount in mounts)
            {
                fixedUp.Add(LexicalPath.Clean(mount.Destination) == "/sys" ? RootlessSysMount() : WithoutIdOptions(mount));
            }

            config.Mounts = fixedUp;
        }

        linux.Resources = null;
    }

    private static RuntimeConfig Example(bool cgroupNamespace)
    {
        var namespaces = new List<LinuxNamespace>
        {
            new() { Type = LinuxNamespaceTypes.Pid },
            new() { Type = LinuxNamespaceTypes.Network },
            new() { Type = LinuxNamespaceTypes.Ipc },
            new() { Type = LinuxNamespaceTypes.Uts },
            new() { Type = LinuxNamespaceTypes.Mount },
        };
        if (cgroupNamespace)
        {
            namespaces.Add(new LinuxNamespace { Type = LinuxNamespaceTypes.Cgroup });
        }

        return new RuntimeConfig
        {
            OciVersion = SpecVersion.Current,
            Process = new Process
            {
                Terminal = true,
                User = new User { Uid = 0, Gid = 0 },
                Args = ["sh"],
                Env =
                [
                    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    "TERM=xterm",
                ],
                Cwd = "/",
                Capabilities = new Capabilities
                {
                    Bounding = [.. DefaultCapabilities],
                    Effective = [.. DefaultCapabilities],
                    Permitted = [.. DefaultCapabilities],
                },
                Rlimits = [new Rlimit { Type = "RLIMIT_NOFILE", Hard = 1024, Soft = 1024 }],
                NoNewPrivileges = true,
            },
            Root = new Root { Path = "rootfs", Readonly = true },
            Hostname = Hostname,
            Mounts =
            [
                NewMount("/proc", "proc", "proc"),
                NewMount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"),
                NewMount("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"),
                NewMount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k"),
                NewMount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"),
                NewMount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro"),
                NewMount("/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", "ro"),
            ],
            Linux = new LinuxConfig
            {
                Resources = new LinuxResources
                {
                    Devices = [new LinuxDeviceCgroup { Allow = false, Access = "rwm" }],
                },
                Namespaces = namespaces,
                MaskedPaths = [.. DefaultMaskedPaths],
                ReadonlyPaths = [.. DefaultReadonlyPaths],
            },
        };
    }

    private static Mount NewMount(string destination, string type, string source, params string[] options) => new()
    {
        Destination = destination,
        Type = type,
        Source = source,
        Options = options.Length == 0 ? null : [.. options],
    };

    private static Mount RootlessSysMount() =>
        NewMount("/sys", "none", "/sys", "rbind", "nosuid", "noexec", "nodev", "ro");

    private static Mount WithoutIdOptions(Mount mount)
    {
        if (mount.Options is { } options)
        {
            List<string> kept = options.FindAll(o => !o.StartsWith("gid=", StringComparison.Ordinal) && !o.StartsWith("uid=", StringComparison.Ordinal));

            // Go builds the filtered slice by appending, so "nothing left" becomes nil (omitted).
            mount.Options = kept.Count == 0 ? null : kept;
        }

        return mount;
    }
}
