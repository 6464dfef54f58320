using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Protocol;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Launch;

/// <summary>
/// Starts `runcs init` from the sealed binary and drives its shim through the bootstrap
/// (protocol.h): the result is a process already inside the container's namespaces.
/// </summary>
public static unsafe class InitLauncher
{
    public static InitProcess Start(LaunchRequest request)
    {
        var (parentEnd, childEnd) = Syscalls.SocketPair();
        int stage0;
        var fds = request.PassFds.Append(childEnd).ToArray();
        var syncFdInChild = 3 + request.PassFds.Count;
        try
        {
            string[] env = PhaseTrace.Enabled ? [$"{ShimProtocol.EnvInitPipe}={syncFdInChild}", $"{PhaseTrace.EnvVar}=1"] : [$"{ShimProtocol.EnvInitPipe}={syncFdInChild}"];
            stage0 = SpawnInit(request.NativeInit, env, fds);
        }
        finally
        {
            LibC.close(childEnd);
        }

        var channel = new MessageChannel(parentEnd);
        try
        {
            request.BeforeBootstrap?.Invoke(stage0);
            Syscalls.WriteAll(parentEnd, Bootstrap(request));
            var pid = AwaitChildPid(parentEnd);
            if (pid != stage0)
                Syscalls.WaitPid(stage0, noHang: false);
            return new InitProcess(pid, channel, 3);
        }
        catch
        {
            channel.Dispose();
            Syscalls.Kill(stage0, 9);
            try { Syscalls.WaitPid(stage0, noHang: false); } catch (SyscallException) { }
            throw;
        }
    }

    private static int AwaitChildPid(int fd)
    {
        var report = ShimReport.Read(fd)
            ?? throw new RuntimeException("unable to start container process: init exited before it reported");
        return report.Type switch
        {
            ShimProtocol.SyncChildPid => report.Value,
            ShimProtocol.SyncError => throw new RuntimeException(
                $"unable to start container process: {report.Text}: {Errno.Describe(report.Value)}"),
            _ => throw new RuntimeException($"unable to start container process: unexpected shim message {report.Type}"),
        };
    }

    private static byte[] Bootstrap(LaunchRequest r)
    {
        var m = new BootstrapMessage()
            .U32(ShimProtocol.AttrMode, (r.IsExec, r.NativeInit) switch
            {
                (true, true) => ShimProtocol.ModeExecNative,
                (true, false) => ShimProtocol.ModeExec,
                (false, true) => ShimProtocol.ModeInitNative,
                (false, false) => ShimProtocol.ModeInit,
            })
            .U32(ShimProtocol.AttrCloneFlags, r.CloneFlags);
        foreach (var (flag, path) in r.Joins)
            m.NamespacePath(flag, path);
        if (r.UidMap is not null)
            m.Text(ShimProtocol.AttrUidMap, r.UidMap);
        if (r.GidMap is not null)
            m.Text(ShimProtocol.AttrGidMap, r.GidMap);
        if (r.SetgroupsDeny)
            m.U32(ShimProtocol.AttrSetgroupsDeny, 1);
        if (r.UidMapTool is not null)
            m.Text(ShimProtocol.AttrUidmapTool, r.UidMapTool);
        if (r.GidMapTool is not null)
            m.Text(ShimProtocol.AttrGidmapTool, r.GidMapTool);
        if (r.TimeOffsets is not null)
            m.Text(ShimProtocol.AttrTimeOffsets, r.TimeOffsets);
        if (r.OomScoreAdj is { } oom)
            m.Text(ShimProtocol.AttrOomScoreAdj, oom.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return m.ToArray();
    }

    /// <summary>A native init from runcs-init, where the kernel takes it; anything else from runcs itself.</summary>
    private static int SpawnInit(bool native, string[] env, int[] fds)
    {
        if (native && NativeInitImage.Fd is { } image)
        {
            try
            {
                return Spawn(image, ["runcs", "init"], env, fds);
            }
            catch (SyscallException e) when (e.Errno is Errno.EACCES or Errno.EPERM)
            {
                Log.Debug($"exec of the sealed runcs-init refused ({e.Message}): the native init starts from runcs itself");
            }
        }
        return Spawn(SealedSelf.Fd, ["runcs", "init"], env, fds);
    }

    private static int Spawn(int exeFd, string[] argv, string[] envp, int[] fds)
    {
        using var strings = new NativeStrings();
        fixed (int* pf = fds)
        {
            var pid = ShimNative.Spawn(exeFd, strings.Array(argv), strings.Array(envp), pf, fds.Length);
            return pid < 0 ? throw new SyscallException("start runcs init", -pid) : pid;
        }
    }
}
