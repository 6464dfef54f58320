using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Rootless;

/// <summary>Who the runtime runs as: what decides rootless behaviour, as in runc.</summary>
/// <param name="InUserNamespace">Not in the initial user namespace (e.g. root inside rootless podman).</param>
public sealed record RuntimeIdentity(uint Euid, uint Egid, bool InUserNamespace)
{
    /// <summary>runc's RootlessEUID: not root in our user namespace, so the kernel's unprivileged rules apply.</summary>
    public bool RootlessEuid => Euid != 0;

    public static RuntimeIdentity Current() =>
        new(LibC.geteuid(), LibC.getegid(), InUserNamespaceFromUidMap(ReadUidMap()));

    /// <summary>
    /// runc's RunningInUserNS: the initial namespace's uid_map is "0 0 4294967295"; an empty
    /// map is a namespace not set up yet; a file that does not parse is taken as the initial one.
    /// </summary>
    public static bool InUserNamespaceFromUidMap(string? uidMap)
    {
        if (uidMap is null)
            return false;
        var fields = uidMap.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0)
            return true;
        if (fields.Length < 3 || !long.TryParse(fields[0], out var inner) || !long.TryParse(fields[1], out var outer)
            || !long.TryParse(fields[2], out var count))
            return false;
        return !(inner == 0 && outer == 0 && count == 4294967295);
    }

    private static string? ReadUidMap()
    {
        try
        {
            return File.ReadAllText("/proc/self/uid_map");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // no user namespace support in this kernel
        }
    }
}
