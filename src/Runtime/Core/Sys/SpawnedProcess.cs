using Microsoft.Win32.SafeHandles;

namespace Runc.Sharp.Runtime.Sys;

/// <summary>
/// A child started with posix_spawn, as Go's exec.Cmd starts one: argv exactly as given
/// (argv[0] included, which System.Diagnostics.Process cannot set: Docker's hooks are its own
/// binary re-executed under another argv[0]), the given environment, stdio on pipes, default
/// signal dispositions and an empty signal mask, and no other fd inherited.
/// </summary>
public sealed unsafe class SpawnedProcess : IDisposable
{

    private SpawnedProcess(int pid, int stdin, int stdout, int stderr)
    {
        Pid = pid;
        Stdin = new FileStream(new SafeFileHandle(stdin, ownsHandle: true), FileAccess.Write, 1);
        Stdout = new FileStream(new SafeFileHandle(stdout, ownsHandle: true), FileAccess.Read, 1);
        Stderr = new FileStream(new SafeFileHandle(stderr, ownsHandle: true), FileAccess.Read, 1);
    }

    public int Pid { get; }
    public Stream Stdin { get; }
    public Stream Stdout { get; }
    public Stream Stderr { get; }

    public static SpawnedProcess Start(string path, IReadOnlyList<string> argv, IReadOnlyList<string> env)
    {
        var pipes = new List<int>(6);
        try
        {
            var (inRead, inWrite) = Pipe(pipes);
            var (outRead, outWrite) = Pipe(pipes);
            var (errRead, errWrite) = Pipe(pipes);
            var pid = Spawn(path, argv, env, inRead, outWrite, errWrite);
            foreach (var fd in new[] { inRead, outWrite, errWrite })
            {
                LibC.close(fd);
                pipes.Remove(fd);
            }
            pipes.Clear();
            return new SpawnedProcess(pid, inWrite, outRead, errRead);
        }
        finally
        {
            foreach (var fd in pipes)
                LibC.close(fd);
        }
    }

    /// <summary>Waits for the child; its wait status, or null when it still runs after timeout (infinite when negative).</summary>
    public int? WaitForExit(TimeSpan timeout)
    {
        if (timeout >= TimeSpan.Zero)
        {
            using var pidfd = PidFd.Open(Pid);
            var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
            Span<bool> exited = stackalloc bool[1];
            // A signal ends a wait early: wait again for what is left.
            while (!Poll.WaitReadable([pidfd.Value], TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64)), exited))
            {
                if (Environment.TickCount64 >= deadline)
                    return null;
            }
        }
        return Syscalls.WaitPid(Pid, noHang: false);
    }

    public void Kill() => Syscalls.Kill(Pid, 9);

    public void Dispose()
    {
        Stdin.Dispose();
        Stdout.Dispose();
        Stderr.Dispose();
    }

    private static (int Read, int Write) Pipe(List<int> owned)
    {
        var fds = stackalloc int[2];
        Syscalls.Check(LibC.pipe2(fds, LibC.O_CLOEXEC), "pipe2");
        owned.Add(fds[0]);
        owned.Add(fds[1]);
        return (fds[0], fds[1]);
    }

    private static int Spawn(string path, IReadOnlyList<string> argv, IReadOnlyList<string> env, int stdin, int stdout, int stderr)
    {
        var actions = stackalloc byte[LibC.SpawnStructSize];
        var attr = stackalloc byte[LibC.SpawnStructSize];
        var empty = stackalloc byte[LibC.SigSetSize];
        var all = stackalloc byte[LibC.SigSetSize];
        using var strings = new NativeStrings();
        CheckSpawn(LibC.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        CheckSpawn(LibC.posix_spawnattr_init(attr), "posix_spawnattr_init");
        try
        {
            CheckSpawn(LibC.posix_spawn_file_actions_adddup2(actions, stdin, 0), "posix_spawn_file_actions_adddup2");
            CheckSpawn(LibC.posix_spawn_file_actions_adddup2(actions, stdout, 1), "posix_spawn_file_actions_adddup2");
            CheckSpawn(LibC.posix_spawn_file_actions_adddup2(actions, stderr, 2), "posix_spawn_file_actions_adddup2");
            CheckSpawn(LibC.posix_spawn_file_actions_addclosefrom_np(actions, 3), "posix_spawn_file_actions_addclosefrom_np");
            LibC.sigemptyset(empty);
            LibC.sigfillset(all);
            CheckSpawn(LibC.posix_spawnattr_setsigmask(attr, empty), "posix_spawnattr_setsigmask");
            CheckSpawn(LibC.posix_spawnattr_setsigdefault(attr, all), "posix_spawnattr_setsigdefault");
            CheckSpawn(LibC.posix_spawnattr_setflags(attr, LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF), "posix_spawnattr_setflags");
            int pid;
            var err = LibC.posix_spawn(&pid, strings.String(path), actions, attr, strings.Array(argv), strings.Array(env));
            if (err != 0)
                throw new SyscallException("fork/exec", err, path);
            return pid;
        }
        finally
        {
            LibC.posix_spawnattr_destroy(attr);
            LibC.posix_spawn_file_actions_destroy(actions);
        }
    }

    private static void CheckSpawn(int err, string operation)
    {
        if (err != 0)
            throw new SyscallException(operation, err);
    }
}
