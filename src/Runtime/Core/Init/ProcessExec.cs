using System.Runtime.InteropServices;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Security;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Init;

/// <summary>
/// The last steps before the user's program, all on the calling thread because credentials
/// set with raw syscalls, capabilities, no_new_privs and seccomp filters are per thread:
/// bounding set, user and groups, capabilities, no_new_privs, fd hygiene, execve.
/// </summary>
public static unsafe class ProcessExec
{
    private const int PR_SET_KEEPCAPS = 8, PR_SET_NO_NEW_PRIVS = 38;

    public static void SwitchUserAndCaps(Process process, bool setgroupsAllowed)
    {
        var sets = CapabilitySetter.Resolve(process.Capabilities);
        CapabilitySetter.DropBounding(sets.Bounding);

        Syscalls.Check(LibC.prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0), "prctl(PR_SET_KEEPCAPS)");
        var uid = process.User?.Uid ?? 0;
        var gid = process.User?.Gid ?? 0;
        if (setgroupsAllowed)
        {
            var groups = (process.User?.AdditionalGids ?? []).ToArray();
            fixed (uint* g = groups)
                Syscalls.Check(LibC.setgroups(groups.Length, g), "setgroups");
        }
        else if (process.User?.AdditionalGids is { Count: > 0 })
            throw new RuntimeException("cannot set additional gids: setgroups is denied in this user namespace");
        Syscalls.Check(LibC.setresgid(gid, gid, gid), "setresgid", gid.ToString());
        Syscalls.Check(LibC.setresuid(uid, uid, uid), "setresuid", uid.ToString());
        Syscalls.Check(LibC.prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0), "prctl(PR_SET_KEEPCAPS)");

        CapabilitySetter.Apply(sets);
        if (process.NoNewPrivileges == true)
            Syscalls.Check(LibC.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(PR_SET_NO_NEW_PRIVS)");
    }

    /// <summary>Marks every fd from firstClosed up close-on-exec (CVE-2024-21626), then execve.</summary>
    public static void Exec(string path, IReadOnlyList<string> args, IReadOnlyList<string> env, int firstClosed)
    {
        Syscalls.CloseRangeCloexec(firstClosed);
        using var strings = new NativeStrings();
        LibC.execve(strings.String(path), strings.Array(args), strings.Array(env));
        var errno = Marshal.GetLastPInvokeError();
        throw new RuntimeException($"exec {path}: {Errno.Describe(errno)}");
    }
}
