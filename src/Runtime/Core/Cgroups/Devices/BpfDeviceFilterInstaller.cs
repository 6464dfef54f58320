using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Cgroups.Devices;

/// <summary>
/// Loads the program and attaches it to the cgroup directory, then detaches the device programs
/// that were there before, so the cgroup is never left without a filter in between.
/// </summary>
internal sealed class BpfDeviceFilterInstaller : IDeviceFilterInstaller
{
    private const int RlimitMemlock = 8;

    public unsafe void Install(string cgroupDir, IReadOnlyList<BpfInstruction> program)
    {
        // Kernels before 5.11 charge BPF memory to RLIMIT_MEMLOCK; best effort, not inherited by the container.
        var unlimited = stackalloc ulong[2] { ulong.MaxValue, ulong.MaxValue };
        LibC.setrlimit(RlimitMemlock, unlimited);

        using var dir = Fd.Open(cgroupDir, LibC.O_RDONLY | LibC.O_DIRECTORY);
        var old = BpfNative.QueryDevicePrograms(dir.Value, cgroupDir);
        using var prog = new Fd(BpfNative.LoadCgroupDeviceProgram(BpfInstruction.Encode(program), DeviceFilterProgram.License, cgroupDir));
        BpfNative.Attach(dir.Value, prog.Value, BpfNative.AllowMulti, cgroupDir);
        foreach (var id in old)
        {
            var fd = BpfNative.ProgramFdById(id, out var errno);
            if (fd < 0)
            {
                // A program an LSM hides from us can only add restrictions: leaving it is safe.
                if (errno is Errno.EPERM or Errno.EACCES or Errno.ENOENT)
                    continue;
                throw new SyscallException("bpf(BPF_PROG_GET_FD_BY_ID) for", errno, $"program {id} on {cgroupDir}");
            }
            using var oldProg = new Fd(fd);
            BpfNative.Detach(dir.Value, oldProg.Value, cgroupDir);
        }
    }
}
