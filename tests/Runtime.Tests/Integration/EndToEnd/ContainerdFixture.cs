using Runc.Sharp.Runtime.Tests.Integration.Support;

namespace Runc.Sharp.Runtime.Tests.Integration.EndToEnd;

/// <summary>
/// One private containerd for the ContainerdTests class, with the busybox OCI image imported in
/// a namespace named after the world (so ctr's default cgroup path, /&lt;namespace&gt;/&lt;id&gt;,
/// is under the world's cgroup parent). Every task runs with `--runc-binary bin/runcs` and a
/// runcs state root inside the world.
/// </summary>
public sealed class ContainerdFixture : IDisposable
{
    public const string Image = "localhost/busybox:latest";

    private readonly E2eWorld? _world;
    private readonly PrivateContainerd? _containerd;
    private readonly string? _runtime;
    private readonly List<string> _baselineMounts = [];

    public ContainerdFixture()
    {
        if (ClientTools.SkipReason(Client.Containerd) is not null)
            return;
        _world = new E2eWorld("containerd");
        try
        {
            _runtime = ClientRuntime.For(_world);
            _containerd = new PrivateContainerd(_world);
            var archive = BusyboxImage.OciArchive(_world, "latest");
            Ctr("image", "import", "--base-name", "localhost/busybox", archive).ShouldSucceed();
            _baselineMounts.AddRange(ProcessInfo.MountsUnder(_world.Dir));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public E2eWorld World => _world ?? throw new InvalidOperationException("the containerd fixture did not start");
    public PrivateContainerd Containerd => _containerd ?? throw new InvalidOperationException("the containerd fixture did not start");
    public string Namespace => World.Name;
    public string RuncsRoot => World.Path("runcs-state");

    /// <summary>The runcs state directory of one task (go-runc passes --root &lt;runc-root&gt;/&lt;namespace&gt;).</summary>
    public string StateDir(string id) => Path.Combine(RuncsRoot, Namespace, id);

    /// <summary>What `ctr run` and `ctr task exec` get so that runcs is the runtime and nothing lands outside the world.</summary>
    public string[] RunFlags => ["--runc-binary", _runtime!, "--runc-root", RuncsRoot, "--fifo-dir", World.Path("fifo")];

    public ToolResult Ctr(params string[] args) => Containerd.Ctr(Namespace, args);

    public ToolResult CtrInTerminal(params string[] args) => Containerd.CtrInTerminal(Namespace, args);

    /// <summary>The task's pid and status from `ctr task ls`, or null when it has no task.</summary>
    public (int Pid, string Status)? Task(string id)
    {
        var lines = Ctr("task", "ls").ShouldSucceed().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var fields in lines.Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            if (fields.Length >= 3 && fields[0] == id)
                return (int.Parse(fields[1]), fields[2]);
        }
        return null;
    }

    public void WaitForStatus(string id, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (Task(id)?.Status != status)
        {
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"task {id} never became {status}; it is {Task(id)?.Status ?? "gone"}");
            Thread.Sleep(50);
        }
    }

    /// <summary>Best-effort removal of a task and its container, for the end of a test whatever happened.</summary>
    public void Remove(string id)
    {
        if (Task(id) is { Status: not "STOPPED" })
        {
            Ctr("task", "kill", "--all", "--signal", "KILL", id);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (Task(id) is { Status: not "STOPPED" } && DateTime.UtcNow < deadline)
                Thread.Sleep(50);
        }
        Ctr("task", "delete", "--force", id);
        Ctr("container", "delete", id);
    }

    /// <summary>No runcs state, no process, no cgroup and no mount left by the tasks run so far.</summary>
    public void AssertNoLeftovers()
    {
        var problems = new List<string>();
        var stateRoot = Path.Combine(RuncsRoot, Namespace);
        if (Directory.Exists(stateRoot))
            problems.AddRange(Directory.EnumerateFileSystemEntries(stateRoot).Select(e => $"runcs state left: {e}"));
        problems.AddRange(World.LeftoverProcesses().Select(p => $"process left: {p}"));
        problems.AddRange(World.LeftoverCgroups().Select(c => $"cgroup left: {c}"));
        problems.AddRange(World.LeftoverMounts(_baselineMounts).Select(m => $"mount left: {m}"));
        E2eWorld.Assert(problems);
    }

    public void Dispose()
    {
        // Tasks removed through containerd let their shims exit and remove their sockets.
        if (_containerd is not null)
        {
            foreach (var id in Ctr("container", "list", "--quiet").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                Remove(id);
        }
        _containerd?.Dispose();
        _world?.Dispose();
    }
}
