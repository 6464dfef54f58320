namespace Runc.Sharp.Runtime.Tests.Integration.EndToEnd;

/// <summary>
/// A containerd of its own: root, state, sockets and opt directory under the world's directory,
/// the CRI plugin off. What it cannot move stays where containerd 1.6 puts it: shim sockets in
/// /run/containerd/s (removed as each shim exits; the directories too when this world made them).
/// </summary>
public sealed class PrivateContainerd : IDisposable
{
    private readonly E2eWorld _world;
    private readonly DaemonProcess _daemon;

    public PrivateContainerd(E2eWorld world)
    {
        _world = world;
        world.RemoveAtEndIfNew("/run/containerd", "/run/containerd/s", "/run/containerd/fifo");
        Dir = world.Path("containerd");
        Directory.CreateDirectory(Dir);
        Socket = Path.Combine(Dir, "containerd.sock");
        var config = Path.Combine(Dir, "config.toml");
        File.WriteAllText(config, $"""
            version = 2
            root = "{Dir}/root"
            state = "{Dir}/state"
            disabled_plugins = ["io.containerd.grpc.v1.cri"]
            [grpc]
              address = "{Socket}"
            [ttrpc]
              address = "{Socket}.ttrpc"
            [debug]
              address = "{Dir}/debug.sock"
            [plugins."io.containerd.internal.v1.opt"]
              path = "{Dir}/opt"
            """);
        var ctr = ClientTools.Require("ctr");
        _daemon = DaemonProcess.Start(world, "containerd", [ClientTools.Require("containerd"), "--config", config],
            Path.Combine(Dir, "containerd.log"),
            () => File.Exists(Socket) && world.Tools.Run(ctr, ["--address", Socket, "version"], TimeSpan.FromSeconds(10)).ExitCode == 0,
            TimeSpan.FromSeconds(30));
    }

    public string Dir { get; }
    public string Socket { get; }
    public int Pid => _daemon.Pid;
    public string Log => _daemon.Log;

    /// <summary>ctr against this containerd, in the given namespace.</summary>
    public ToolResult Ctr(string ns, IEnumerable<string> args, TimeSpan? timeout = null) =>
        _world.Tools.Run(ClientTools.Require("ctr"), new[] { "--address", Socket, "--namespace", ns }.Concat(args), timeout);

    /// <summary>ctr on a pseudo-terminal (for `run -t`, `task exec -t`).</summary>
    public ToolResult CtrInTerminal(string ns, IEnumerable<string> args) =>
        _world.Tools.RunInTerminal(ClientTools.Require("ctr"), new[] { "--address", Socket, "--namespace", ns }.Concat(args));

    public void Dispose() => _daemon.Dispose();
}
