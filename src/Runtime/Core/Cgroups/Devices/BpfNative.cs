using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Cgroups.Devices;

/// <summary>
/// The bpf(2) commands a cgroup device filter needs. union bpf_attr is filled by offset into a
/// zeroed buffer (the kernel requires unused bytes to be zero). Failures are SyscallExceptions.
/// </summary>
internal static unsafe partial class BpfNative
{
    private const int ProgLoadCmd = 5, ProgAttachCmd = 8, ProgDetachCmd = 9, ProgGetFdByIdCmd = 13, ProgQueryCmd = 16;
    private const uint ProgTypeCgroupDevice = 15, AttachTypeCgroupDevice = 6;
    public const uint AllowMulti = 2; // BPF_F_ALLOW_MULTI
    private const int AttrSize = 128;

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long cmd, byte* attr, long size);

    private static long SysBpf => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 321,
        Architecture.Arm64 => 280,
        var other => throw new PlatformNotSupportedException($"bpf(2) number unknown on {other}"),
    };

    private static int Call(int cmd, Span<byte> attr, string operation, string? target)
    {
        fixed (byte* p = attr)
        {
            var r = Syscall(SysBpf, cmd, p, attr.Length);
            if (r < 0)
                throw SyscallException.FromLastError(operation, target);
            return (int)r;
        }
    }

    /// <summary>Loads a BPF_PROG_TYPE_CGROUP_DEVICE program; the verifier's log is added to a failure.</summary>
    public static int LoadCgroupDeviceProgram(byte[] instructions, string license, string target)
    {
        var licenseBytes = Encoding.ASCII.GetBytes(license + "\0");
        fixed (byte* insns = instructions, lic = licenseBytes)
        {
            Span<byte> attr = stackalloc byte[AttrSize];
            attr.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(attr[0..], ProgTypeCgroupDevice);
            BinaryPrimitives.WriteUInt32LittleEndian(attr[4..], (uint)(instructions.Length / BpfInstruction.Size));
            BinaryPrimitives.WriteUInt64LittleEndian(attr[8..], (ulong)insns);
            BinaryPrimitives.WriteUInt64LittleEndian(attr[16..], (ulong)lic);
            BinaryPrimitives.WriteUInt32LittleEndian(attr[68..], AttachTypeCgroupDevice); // expected_attach_type
            fixed (byte* p = attr)
            {
                var fd = Syscall(SysBpf, ProgLoadCmd, p, AttrSize);
                if (fd >= 0)
                    return (int)fd;
            }
            var errno = Marshal.GetLastPInvokeError();
            // Load again with the verifier log on, only to explain the failure.
            var log = new byte[64 * 1024];
            fixed (byte* logp = log)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(attr[24..], 1); // log_level
                BinaryPrimitives.WriteUInt32LittleEndian(attr[28..], (uint)log.Length);
                BinaryPrimitives.WriteUInt64LittleEndian(attr[32..], (ulong)logp);
                fixed (byte* p = attr)
                {
                    var fd = Syscall(SysBpf, ProgLoadCmd, p, AttrSize);
                    if (fd >= 0)
                        return (int)fd;
                }
            }
            var text = Encoding.UTF8.GetString(log, 0, Math.Max(0, Array.IndexOf(log, (byte)0))).Trim();
            throw new SyscallException(text.Length > 0 ? $"bpf(BPF_PROG_LOAD) [verifier: {text}] for" : "bpf(BPF_PROG_LOAD) for", errno, target);
        }
    }

    public static void Attach(int cgroupFd, int progFd, uint flags, string target)
    {
        Span<byte> attr = stackalloc byte[AttrSize];
        attr.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(attr[0..], (uint)cgroupFd);
        BinaryPrimitives.WriteUInt32LittleEndian(attr[4..], (uint)progFd);
        BinaryPrimitives.WriteUInt32LittleEndian(attr[8..], AttachTypeCgroupDevice);
        BinaryPrimitives.WriteUInt32LittleEndian(attr[12..], flags);
        Call(ProgAttachCmd, attr, "bpf(BPF_PROG_ATTACH) to", target);
    }

    public static void Detach(int cgroupFd, int progFd, string target)
    {
        Span<byte> attr = stackalloc byte[AttrSize];
        attr.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(attr[0..], (uint)cgroupFd);
        BinaryPrimitives.WriteUInt32LittleEndian(attr[4..], (uint)progFd);
        BinaryPrimitives.WriteUInt32LittleEndian(attr[8..], AttachTypeCgroupDevice);
        Call(ProgDetachCmd, attr, "bpf(BPF_PROG_DETACH) from", target);
    }

    /// <summary>Ids of the device programs attached to the cgroup itself.</summary>
    public static uint[] QueryDevicePrograms(int cgroupFd, string target)
    {
        var capacity = 64;
        Span<byte> attr = stackalloc byte[AttrSize];
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var ids = new uint[capacity];
            attr.Clear();
            fixed (uint* idp = ids)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(attr[0..], (uint)cgroupFd);
                BinaryPrimitives.WriteUInt32LittleEndian(attr[4..], AttachTypeCgroupDevice);
                BinaryPrimitives.WriteUInt64LittleEndian(attr[16..], (ulong)idp);
                BinaryPrimitives.WriteUInt32LittleEndian(attr[24..], (uint)capacity);
                fixed (byte* p = attr)
                {
                    var r = Syscall(SysBpf, ProgQueryCmd, p, AttrSize);
                    var count = (int)BinaryPrimitives.ReadUInt32LittleEndian(attr[24..]);
                    if (r >= 0)
                        return ids[..Math.Min(count, capacity)];
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno != Errno.ENOSPC)
                        throw new SyscallException("bpf(BPF_PROG_QUERY) on", errno, target);
                    capacity = Math.Max(count, capacity * 2);
                }
            }
        }
        throw new SyscallException("bpf(BPF_PROG_QUERY) on", Errno.ENOSPC, target);
    }

    /// <summary>An fd for an attached program, or -1 with the errno when it cannot be had.</summary>
    public static int ProgramFdById(uint id, out int errno)
    {
        Span<byte> attr = stackalloc byte[AttrSize];
        attr.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(attr[0..], id);
        fixed (byte* p = attr)
        {
            var r = Syscall(SysBpf, ProgGetFdByIdCmd, p, AttrSize);
            errno = r < 0 ? Marshal.GetLastPInvokeError() : 0;
            return (int)r;
        }
    }
}
