using Runc.Sharp.Runtime.Tests.Integration.Support;

namespace Runc.Sharp.Runtime.Tests.Integration.EndToEnd;

/// <summary>
/// A dockerd of its own against a private containerd: data root, exec root, pid file, socket,
/// config and key file under the world's directory; no iptables, no bridge, no ip_forward
/// change; containers under the world's cgroup parent; runcs added as the runtime "runcs".
/// The docker CLI gets a private config directory too.
/// </summary>
public sealed class PrivateDockerd : IDisposable
{
    public const string RuntimeName = "runcs";

    private readonly E2eWorld _world;
    private readonly DaemonProcess _daemon;

    public PrivateDockerd(E2eWorld world, PrivateContainerd containerd)
    {
        _world = world;
        world.RemoveAtEndIfNew("/run/docker", "/run/docker/plugins");
        Dir = world.Path("docker");
        Directory.CreateDirectory(Dir);
        Socket = Path.Combine(Dir, "docker.sock");
        var config = Path.Combine(Dir, "daemon.json");
        // Docker 20.10 otherwise writes its trust key to /etc/docker/key.json (no flag moves it).
        File.WriteAllText(config, $"{{\"deprecated-key-path\": \"{Path.Combine(Dir, "key.json")}\"}}\n");
        world.Tools.Environment["DOCKER_CONFIG"] = Path.Combine(Dir, "cli");
        var docker = ClientTools.Require("docker");
        _daemon = DaemonProcess.Start(world, "dockerd",
        [
            ClientTools.Require("dockerd"), "--containerd", containerd.Socket,
            "--data-root", Path.Combine(Dir, "data"), "--exec-root", ExecRoot, "--pidfile", Path.Combine(Dir, "dockerd.pid"),
            "--host", "unix://" + Socket, "--config-file", config,
            "--iptables=false", "--ip6tables=false", "--ip-forward=false", "--ip-masq=false", "--bridge=none",
            "--storage-driver", "overlay2", "--exec-opt", "native.cgroupdriver=cgroupfs", "--cgroup-parent", world.CgroupParent,
            "--add-runtime", $"{RuntimeName}={ClientRuntime.For(world)}",
        ],
            Path.Combine(Dir, "dockerd.log"),
            () => File.Exists(Socket) && world.Tools.Run(docker, ["--host", "unix://" + Socket, "version"], TimeSpan.FromSeconds(10)).ExitCode == 0,
            TimeSpan.FromSeconds(60));
    }

    public string Dir { get; }
    public string Socket { get; }
    public string ExecRoot => Path.Combine(Dir, "exec");

    /// <summary>The runcs state root Docker's shim passes (the same for every runtime it runs through containerd).</summary>
    public string RuncsRoot => Path.Combine(ExecRoot, "runtime-runc", "moby");

    public string Log => _daemon.Log;

    public ToolResult Docker(IEnumerable<string> args, TimeSpan? timeout = null) =>
        _world.Tools.Run(ClientTools.Require("docker"), new[] { "--host", "unix://" + Socket }.Concat(args), timeout);

    public ToolResult DockerInTerminal(IEnumerable<string> args) =>
        _world.Tools.RunInTerminal(ClientTools.Require("docker"), new[] { "--host", "unix://" + Socket }.Concat(args));

    public void Dispose() => _daemon.Dispose();
}
