using System.Runtime.InteropServices;
using System.Text;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Security.Seccomp;

/// <summary>
/// Every libseccomp call runcs makes. The library is dlopen'ed on first use, so runcs runs on
/// hosts without it as long as no config asks for seccomp (and `ldd runcs` stays libc only).
/// libseccomp returns -errno; each wrapper turns that into a one-line RuntimeException.
/// Only the runtime parent uses it: init loads the exported program with seccomp(2) itself.
/// </summary>
public static unsafe class LibSeccomp
{
    public const string LibraryName = "libseccomp.so.2";

    /// <summary>struct scmp_arg_cmp.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ArgCmp
    {
        public uint Arg;
        public int Op;
        public ulong DatumA;
        public ulong DatumB;
    }

    /// <summary>The value of __NR_SCMP_ERROR: a name libseccomp does not know.</summary>
    public const int UnknownSyscall = -1;

    /// <summary>enum scmp_filter_attr: SCMP_FLTATR_CTL_OPTIMIZE.</summary>
    private const int AttrOptimize = 8;

    private sealed class Api
    {
        public delegate* unmanaged<uint*> Version;
        public delegate* unmanaged<uint, nint> Init;
        public delegate* unmanaged<nint, void> Release;
        public delegate* unmanaged<nint, uint, int> ArchAdd;
        public delegate* unmanaged<byte*, uint> ArchResolveName;
        public delegate* unmanaged<byte*, int> SyscallResolveName;
        public delegate* unmanaged<uint, byte*, int> SyscallResolveNameArch;
        public delegate* unmanaged<nint, uint, int, uint, ArgCmp*, int> RuleAddArray;
        public delegate* unmanaged<nint, int, uint, int> AttrSet;
        public delegate* unmanaged<nint, int, int> ExportBpf;
    }

    private static readonly Lazy<Api?> Loaded = new(Load);

    public static bool IsAvailable => TryApi() is not null;

    /// <summary>Loads the library now, or fails with the one-line reason.</summary>
    public static void EnsureLoaded() => _ = Require;

    private static Api Require => Loaded.Value
        ?? throw new RuntimeException($"seccomp: the config asks for a seccomp filter but {LibraryName} cannot be loaded (install libseccomp2)");

    private static Api? TryApi()
    {
        try
        {
            return Loaded.Value;
        }
        catch (RuntimeException)
        {
            return null;
        }
    }

    private static Api? Load()
    {
        if (!NativeLibrary.TryLoad(LibraryName, out var handle))
            return null;
        nint Export(string name) => NativeLibrary.TryGetExport(handle, name, out var p)
            ? p
            : throw new RuntimeException($"seccomp: {LibraryName} has no {name} (libseccomp 2.4 or newer is needed)");
        return new Api
        {
            Version = (delegate* unmanaged<uint*>)Export("seccomp_version"),
            Init = (delegate* unmanaged<uint, nint>)Export("seccomp_init"),
            Release = (delegate* unmanaged<nint, void>)Export("seccomp_release"),
            ArchAdd = (delegate* unmanaged<nint, uint, int>)Export("seccomp_arch_add"),
            ArchResolveName = (delegate* unmanaged<byte*, uint>)Export("seccomp_arch_resolve_name"),
            SyscallResolveName = (delegate* unmanaged<byte*, int>)Export("seccomp_syscall_resolve_name"),
            SyscallResolveNameArch = (delegate* unmanaged<uint, byte*, int>)Export("seccomp_syscall_resolve_name_arch"),
            RuleAddArray = (delegate* unmanaged<nint, uint, int, uint, ArgCmp*, int>)Export("seccomp_rule_add_array"),
            AttrSet = (delegate* unmanaged<nint, int, uint, int>)Export("seccomp_attr_set"),
            ExportBpf = (delegate* unmanaged<nint, int, int>)Export("seccomp_export_bpf"),
        };
    }

    /// <summary>"major.minor.micro", or null without the library.</summary>
    public static string? VersionString()
    {
        var api = TryApi();
        var v = api is null ? null : api.Version();
        return v == null ? null : $"{v[0]}.{v[1]}.{v[2]}";
    }

    public static nint Init(uint defaultAction)
    {
        var ctx = Require.Init(defaultAction);
        return ctx != 0 ? ctx : throw new RuntimeException($"seccomp: cannot create a filter with default action {defaultAction:#x}");
    }

    public static void Release(nint ctx) => Require.Release(ctx);

    /// <summary>Adds an architecture; one already in the filter (the native one) is fine.</summary>
    public static void ArchAdd(nint ctx, uint token, string name)
    {
        var rc = Require.ArchAdd(ctx, token);
        if (rc < 0 && rc != -Errno.EEXIST)
            throw Failure($"add architecture {name}", rc);
    }

    /// <summary>The token libseccomp uses for an architecture name, or 0 when this version does not know it.</summary>
    public static uint ArchResolveName(string name)
    {
        fixed (byte* p = Utf8(name))
            return Require.ArchResolveName(p);
    }

    /// <summary>The native number of a syscall (negative for libseccomp's pseudo-syscalls), or <see cref="UnknownSyscall"/>.</summary>
    public static int SyscallResolveName(string name)
    {
        fixed (byte* p = Utf8(name))
            return Require.SyscallResolveName(p);
    }

    /// <summary>The syscall's number on one architecture; negative when it has none there.</summary>
    public static int SyscallResolveNameArch(uint arch, string name)
    {
        fixed (byte* p = Utf8(name))
            return Require.SyscallResolveNameArch(arch, p);
    }

    public static void RuleAdd(nint ctx, SeccompRule rule, int syscall)
    {
        var args = stackalloc ArgCmp[Math.Max(1, rule.Conditions.Count)];
        for (var i = 0; i < rule.Conditions.Count; i++)
        {
            var c = rule.Conditions[i];
            args[i] = new ArgCmp { Arg = c.Index, Op = c.Op, DatumA = c.Value, DatumB = c.ValueTwo };
        }
        var rc = Require.RuleAddArray(ctx, rule.Action, syscall, (uint)rule.Conditions.Count, args);
        if (rc < 0)
            throw Failure($"add rule for syscall {rule.Syscall}", rc);
    }

    /// <summary>Binary-tree dispatch for long profiles; an older libseccomp without it is fine.</summary>
    public static bool TryOptimize(nint ctx) => Require.AttrSet(ctx, AttrOptimize, 2) == 0;

    /// <summary>Writes the filter as raw struct sock_filter, host byte order, to fd.</summary>
    public static void ExportBpf(nint ctx, int fd)
    {
        var rc = Require.ExportBpf(ctx, fd);
        if (rc < 0)
            throw Failure("export the filter", rc);
    }

    private static RuntimeException Failure(string what, int rc) =>
        new($"seccomp: cannot {what}: {Errno.Describe(-rc)}");

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s + "\0");
}
