namespace Runc.Sharp.Spec.Validation.Semantic;

/// <summary>
/// The Linux mount option words a runtime interprets itself (runtime-spec "Linux mount
/// options", as runc and crun implement them). Anything else is filesystem data and is
/// passed through to mount(2), so an unknown word is not an error.
/// </summary>
public static class MountOptions
{
    /// <summary>mount(2) flags and their negations.</summary>
    public static IReadOnlySet<string> Flags { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "async", "atime", "bind", "defaults", "dev", "diratime", "dirsync", "exec", "iversion",
        "lazytime", "loud", "mand", "noatime", "nodev", "nodiratime", "noexec", "noiversion",
        "nolazytime", "nomand", "norelatime", "nostrictatime", "nosuid", "nosymfollow", "rbind",
        "relatime", "remount", "ro", "rw", "silent", "strictatime", "suid", "symfollow", "sync",
    };

    /// <summary>Propagation types, plain and recursive.</summary>
    public static IReadOnlySet<string> Propagation { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "private", "rprivate", "shared", "rshared", "slave", "rslave", "unbindable", "runbindable",
    };

    /// <summary>Recursive mount_setattr(2) attributes.</summary>
    public static IReadOnlySet<string> RecursiveAttributes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "rro", "rrw", "rnosuid", "rsuid", "rnodev", "rdev", "rnoexec", "rexec", "rnodiratime",
        "rdiratime", "rrelatime", "rnorelatime", "rnoatime", "ratime", "rstrictatime",
        "rnostrictatime", "rnosymfollow", "rsymfollow",
    };

    /// <summary>Runtime extensions that never reach mount(2).</summary>
    public static IReadOnlySet<string> Extensions { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "tmpcopyup", "idmap", "ridmap",
        // crun extensions, accepted so configs written for crun are not flagged.
        "copy-symlink", "src-nofollow", "dest-nofollow", "notmpcopyup", "rcopyup",
    };

    /// <summary>The word is interpreted by the runtime rather than passed as filesystem data.</summary>
    public static bool IsKnown(string option) =>
        Flags.Contains(option) || Propagation.Contains(option) ||
        RecursiveAttributes.Contains(option) || Extensions.Contains(option);

    public static bool IsBind(string option) => option is "bind" or "rbind";

    public static bool IsIdMap(string option) => option is "idmap" or "ridmap";
}
