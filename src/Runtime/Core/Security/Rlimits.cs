using System.Runtime.InteropServices;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Security;

/// <summary>process.rlimits by name (RLIMIT_*), applied with setrlimit before the exec.</summary>
public static unsafe class Rlimits
{
    private static readonly Dictionary<string, int> Numbers = new()
    {
        ["RLIMIT_CPU"] = 0, ["RLIMIT_FSIZE"] = 1, ["RLIMIT_DATA"] = 2, ["RLIMIT_STACK"] = 3, ["RLIMIT_CORE"] = 4,
        ["RLIMIT_RSS"] = 5, ["RLIMIT_NPROC"] = 6, ["RLIMIT_NOFILE"] = 7, ["RLIMIT_MEMLOCK"] = 8, ["RLIMIT_AS"] = 9,
        ["RLIMIT_LOCKS"] = 10, ["RLIMIT_SIGPENDING"] = 11, ["RLIMIT_MSGQUEUE"] = 12, ["RLIMIT_NICE"] = 13,
        ["RLIMIT_RTPRIO"] = 14, ["RLIMIT_RTTIME"] = 15,
    };

    public static int Number(string name) =>
        Numbers.TryGetValue(name, out var n) ? n : throw new RuntimeException($"unknown rlimit type {name}");

    /// <summary>"RLIMIT_NOFILE" → "nofile", as runc names a limit in its errors.</summary>
    public static string ShortName(string type) => type.ToLowerInvariant()[7..];

    public static void Apply(IEnumerable<Rlimit>? limits)
    {
        var values = stackalloc ulong[2];
        foreach (var l in limits ?? [])
        {
            values[0] = l.Soft;
            values[1] = l.Hard;
            if (LibC.setrlimit(Number(l.Type), values) < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new RuntimeException($"error setting rlimit type {ShortName(l.Type)}: {Errno.Describe(errno)} (soft {l.Soft}, hard {l.Hard})");
            }
        }
    }
}
