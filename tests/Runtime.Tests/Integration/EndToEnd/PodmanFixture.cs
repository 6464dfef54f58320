using Runc.Sharp.Runtime.Tests.Integration.Support;

namespace Runc.Sharp.Runtime.Tests.Integration.EndToEnd;

/// <summary>
/// podman (no daemon) with every store of its own: storage root and runroot, tmpdir (libpod
/// state, events), network config and volumes under the world; cgroupfs, `--runtime bin/runcs`.
/// The busybox image is imported from the rootfs tarball. podman never passes --root to the
/// runtime, so runcs keeps its state in its default root (/run/runcs/&lt;64-hex id&gt;); the
/// fixture records every container id (through --cidfile) to check that it is gone.
/// </summary>
public sealed class PodmanFixture : IDisposable
{
    public const string Image = "localhost/busybox:latest";

    private readonly E2eWorld? _world;
    private readonly string? _runtime;
    private readonly List<string> _baselineMounts = [];
    private readonly List<string> _ids = [];
    private readonly List<string> _cidFiles = [];
    private int _cids;

    public PodmanFixture()
    {
        if (ClientTools.SkipReason(Client.Podman) is not null)
            return;
        _world = new E2eWorld("podman");
        _world.RemoveAtEndIfNew("/run/containers", "/run/containers/networks", "/var/lib/containers",
            "/var/lib/containers/cache", "/var/lib/containers/cache/blob-info-cache-v1.boltdb");
        _runtime = ClientRuntime.For(_world);
        try
        {
            Podman("import", BusyboxImage.RootfsTarball(_world), Image).ShouldSucceed();
            _baselineMounts.AddRange(ProcessInfo.MountsUnder(_world.Dir));
            // containers/storage makes its overlay home a private mount the first time it mounts a layer.
            _baselineMounts.Add(_world.Path("storage/overlay"));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public E2eWorld World => _world ?? throw new InvalidOperationException("the podman fixture did not start");

    /// <summary>podman's global flags: a private store, cgroupfs, runcs as the runtime.</summary>
    private string[] GlobalFlags =>
    [
        "--root", World.Path("storage"), "--runroot", World.Path("runroot"), "--tmpdir", World.Path("libpod"),
        "--network-config-dir", World.Path("networks"), "--volumepath", World.Path("volumes"),
        "--storage-driver", "overlay", "--cgroup-manager", "cgroupfs", "--events-backend", "file",
        "--runtime", _runtime!,
    ];

    /// <summary>
    /// What every container gets: no network, rlimits at or below the current hard limits (no
    /// CAP_SYS_RESOURCE here to raise them, as podman's defaults would), the world's cgroup
    /// parent and a cid file. podman's default seccomp profile applies.
    /// </summary>
    public string[] ContainerFlags()
    {
        var cidfile = World.Path($"cid-{Interlocked.Increment(ref _cids)}");
        lock (_ids)
            _cidFiles.Add(cidfile);
        return
        [
            "--network", "none", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024",
            "--cgroup-parent", World.CgroupParent, "--cidfile", cidfile,
        ];
    }

    public ToolResult Podman(params string[] args) => World.Tools.Run(ClientTools.Require("podman"), [.. GlobalFlags, .. args], null);

    public ToolResult PodmanInTerminal(params string[] args) => World.Tools.RunInTerminal(ClientTools.Require("podman"), [.. GlobalFlags, .. args]);

    /// <summary>runcs's state directory of a podman container (default root).</summary>
    public static string StateDir(string id) => Path.Combine("/run/runcs", id);

    public string Id(string name) => Podman("inspect", "--format", "{{.Id}}", name).ShouldSucceed().Stdout.Trim();

    /// <summary>Best-effort removal, for the end of a test whatever happened.</summary>
    public void Remove(string name) => Podman("rm", "--force", "--time", "0", name);

    /// <summary>No runcs state, process, cgroup (but podman's own conmon one) or mount left, polled while podman's cleanup runs.</summary>
    public void AssertNoLeftovers()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var problems = Problems();
            if (problems.Count == 0)
                return;
            if (DateTime.UtcNow > deadline)
                E2eWorld.Assert(problems);
            Thread.Sleep(100);
        }
    }

    private List<string> Problems()
    {
        var problems = new List<string>();
        foreach (var id in KnownIds())
        {
            if (Directory.Exists(StateDir(id)))
                problems.Add($"runcs state left: {StateDir(id)}");
        }
        problems.AddRange(World.LeftoverProcesses(TimeSpan.Zero).Select(p => $"process left: {p}"));
        problems.AddRange(World.LeftoverCgroups("conmon").Select(c => $"cgroup left: {c}"));
        problems.AddRange(World.LeftoverMounts(_baselineMounts).Select(m => $"mount left: {m}"));
        return problems;
    }

    private List<string> KnownIds()
    {
        lock (_ids)
        {
            foreach (var file in _cidFiles.Where(File.Exists))
            {
                var id = File.ReadAllText(file).Trim();
                if (id.Length > 0 && !_ids.Contains(id))
                    _ids.Add(id);
            }
            return _ids.ToList();
        }
    }

    public void Dispose()
    {
        if (_world is null)
            return;
        Podman("rm", "--all", "--force", "--time", "0");
        foreach (var id in KnownIds().Where(id => Directory.Exists(StateDir(id))))
            World.Tools.Run(RuncsBinary.Require(), "delete", "--force", id);
        _world.Dispose();
    }
}
