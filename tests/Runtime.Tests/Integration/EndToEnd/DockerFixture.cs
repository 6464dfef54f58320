using Runc.Sharp.Runtime.Tests.Integration.Support;

namespace Runc.Sharp.Runtime.Tests.Integration.EndToEnd;

/// <summary>
/// One private containerd and one private dockerd for the DockerTests class, with the busybox
/// image imported from the rootfs tarball.
/// </summary>
public sealed class DockerFixture : IDisposable
{
    public const string Image = "localhost/busybox:latest";

    private readonly E2eWorld? _world;
    private readonly PrivateContainerd? _containerd;
    private readonly PrivateDockerd? _dockerd;
    private readonly List<string> _baselineMounts = [];

    public DockerFixture()
    {
        if (ClientTools.SkipReason(Client.Docker) is not null)
            return;
        _world = new E2eWorld("docker");
        try
        {
            _containerd = new PrivateContainerd(_world);
            _dockerd = new PrivateDockerd(_world, _containerd);
            Docker("import", BusyboxImage.RootfsTarball(_world), Image).ShouldSucceed();
            _baselineMounts.AddRange(ProcessInfo.MountsUnder(_world.Dir));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public E2eWorld World => _world ?? throw new InvalidOperationException("the docker fixture did not start");
    public PrivateDockerd Dockerd => _dockerd ?? throw new InvalidOperationException("the docker fixture did not start");

    /// <summary>What every container gets: runcs and no network. Docker's default seccomp profile applies.</summary>
    public static string[] ContainerFlags => ["--runtime", PrivateDockerd.RuntimeName, "--network", "none"];

    public ToolResult Docker(params string[] args) => Dockerd.Docker(args);

    public ToolResult DockerInTerminal(params string[] args) => Dockerd.DockerInTerminal(args);

    public string StateDir(string id) => Path.Combine(Dockerd.RuncsRoot, id);

    public string Id(string name) => Docker("inspect", "--format", "{{.Id}}", name).ShouldSucceed().Stdout.Trim();

    /// <summary>Best-effort removal, for the end of a test whatever happened.</summary>
    public void Remove(string name) => Docker("rm", "--force", name);

    /// <summary>No runcs state, process, cgroup or mount left by the containers run so far.</summary>
    public void AssertNoLeftovers()
    {
        var problems = new List<string>();
        if (Directory.Exists(Dockerd.RuncsRoot))
            problems.AddRange(Directory.EnumerateFileSystemEntries(Dockerd.RuncsRoot).Select(e => $"runcs state left: {e}"));
        problems.AddRange(World.LeftoverProcesses().Select(p => $"process left: {p}"));
        problems.AddRange(World.LeftoverCgroups().Select(c => $"cgroup left: {c}"));
        problems.AddRange(World.LeftoverMounts(_baselineMounts).Select(m => $"mount left: {m}"));
        E2eWorld.Assert(problems);
    }

    public void Dispose()
    {
        if (_dockerd is not null)
        {
            var all = Docker("ps", "--all", "--quiet").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (all.Length > 0)
                Docker(["rm", "--force", .. all]);
        }
        _dockerd?.Dispose();
        _containerd?.Dispose();
        _world?.Dispose();
    }
}
