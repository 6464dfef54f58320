using Runc.Sharp.Runtime.Security.Seccomp;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Protocol;

/// <summary>
/// Everything C# init needs, sent by the runtime right after the shim reports
/// (see <see cref="InitConfigTransfer"/>: the config and process travel as spec documents).
/// </summary>
public sealed class InitConfig
{
    public bool IsExec { get; set; }
    public string ContainerId { get; set; } = "";
    public string Bundle { get; set; } = "";
    /// <summary>Absolute host path of the rootfs (init only).</summary>
    public string Rootfs { get; set; } = "";
    public RuntimeConfig Config { get; set; } = new();
    /// <summary>The process to run: config.process for init, the exec'd one for exec.</summary>
    public Process Process { get; set; } = new();
    public bool NoPivot { get; set; }
    public bool NoNewKeyring { get; set; }
    /// <summary>Fd numbers as init sees them; -1 when absent.</summary>
    public int ExecFifoFd { get; set; } = -1;
    public int ConsoleSocketFd { get; set; } = -1;
    /// <summary>--pidfd-socket: where the process sends a pidfd of itself.</summary>
    public int PidfdSocketFd { get; set; } = -1;
    /// <summary>Fds 3 .. 3+PreservedFds-1 are passed to the process.</summary>
    public int PreservedFds { get; set; }
    public List<string> ExtraEnv { get; set; } = [];
    public bool InUserNamespace { get; set; }
    public bool NewCgroupNamespace { get; set; }
    /// <summary>How many idmapped mount fds the runtime sends right after this message (init only).</summary>
    public int IdMappedSources { get; set; }
    /// <summary>Fd of the detached mount of the sd_notify directory, for /run/notify; -1 without NOTIFY_SOCKET (init only).</summary>
    public int NotifyDirFd { get; set; } = -1;
    /// <summary>The container's seccomp filter, compiled by the runtime; null without linux.seccomp.</summary>
    public SeccompProgram? Seccomp { get; set; }
}
