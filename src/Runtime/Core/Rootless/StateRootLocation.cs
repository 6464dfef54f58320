using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Rootless;

/// <summary>
/// Where state lives when --root is not given: /run/runcs, or $XDG_RUNTIME_DIR/runcs for a
/// non-root user (and for root inside a user namespace unless $USER is root), as runc does with
/// /run/runc. The XDG directory gets mode 0700 plus the sticky bit, which keeps it from being
/// pruned as stale (XDG base directory spec).
/// </summary>
public static class StateRootLocation
{
    public const string SystemDefault = "/run/runcs";

    /// <summary>The default root, and whether it is the XDG one.</summary>
    public static (string Path, bool FromXdg) Default(string? xdgRuntimeDir, string? user, RuntimeIdentity identity)
    {
        if (!string.IsNullOrEmpty(xdgRuntimeDir) && HonorsXdgRuntimeDir(user, identity))
            return (xdgRuntimeDir.TrimEnd('/') + "/runcs", true);
        return (SystemDefault, false);
    }

    /// <summary>runc's shouldHonorXDGRuntimeDir, given that $XDG_RUNTIME_DIR is set.</summary>
    public static bool HonorsXdgRuntimeDir(string? user, RuntimeIdentity identity)
    {
        if (identity.Euid != 0)
            return true;
        if (!identity.InUserNamespace)
            return false; // real root keeps /run/runcs even if $XDG_RUNTIME_DIR is /run/user/0
        return user != "root";
    }

    /// <summary>Creates the XDG root (0700) and sets 0700 plus the sticky bit, with runc's wording on failure.</summary>
    public static void PrepareXdgRoot(string path)
    {
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        try
        {
            Directory.CreateDirectory(path, Private);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"the path in $XDG_RUNTIME_DIR must be writable by the user: mkdir {path}: {Reason(e)}");
        }
        try
        {
            File.SetUnixFileMode(path, Private | UnixFileMode.StickyBit);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"you should check permission of the path in $XDG_RUNTIME_DIR: chmod {path}: {Reason(e)}");
        }
    }

    private static string Reason(Exception e) => e is UnauthorizedAccessException ? "permission denied" : e.Message;
}
