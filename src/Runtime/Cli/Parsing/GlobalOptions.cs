using CommandLine;
using Runc.Sharp.Runtime.Rootless;

namespace Runc.Sharp.Cli.Parsing;

/// <summary>
/// runc's global flags; they come before the command. Every command's options type derives from
/// this, so one CommandLineParser pass reads the globals and the verb's flags together.
/// </summary>
public class GlobalOptions
{
    /// <summary>/run/runcs, or $XDG_RUNTIME_DIR/runcs for a non-root user (runc's rule for /run/runc).</summary>
    private static readonly Lazy<(string Path, bool FromXdg)> DefaultRootLocation = new(() => StateRootLocation.Default(
        Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR"), Environment.GetEnvironmentVariable("USER"), RuntimeIdentity.Current()));

    public static string DefaultRoot => DefaultRootLocation.Value.Path;

    [Option("root", HelpText = "root directory for storage of container state (this should be located in tmpfs)")]
    public string? Root { get; set; }

    [Option("log", HelpText = "set the log file to write runcs logs to (default is '/dev/stderr')")]
    public string? LogPath { get; set; }

    [Option("log-format", Default = "text", HelpText = "set the log format ('text' (default), or 'json')")]
    public string LogFormat { get; set; } = "text";

    [Option("debug", HelpText = "enable debug logging")]
    public bool Debug { get; set; }

    [Option("systemd-cgroup", HelpText = "enable systemd cgroup support, expects cgroupsPath to be of form \"slice:prefix:name\"")]
    public bool SystemdCgroup { get; set; }

    [Option("rootless", Default = "auto", HelpText = "ignore cgroup permission errors ('true', 'false', or 'auto')")]
    public string Rootless { get; set; } = "auto";

    [Option("criu", Hidden = true, HelpText = "ignored (accepted for compatibility with older callers)")]
    public string? Criu { get; set; }

    [Option('v', "version", HelpText = "print the version")]
    public bool Version { get; set; }

    [Option('h', "help", HelpText = "show help")]
    public bool Help { get; set; }

    /// <summary>The state root as runc resolves it: absolute, never "/".</summary>
    public string ResolvedRoot => Path.GetFullPath(string.IsNullOrEmpty(Root) ? DefaultRoot : Root);

    public bool RootGiven => !string.IsNullOrEmpty(Root);

    /// <summary>The state root is the XDG default, which runc creates with 0700 and the sticky bit before any command.</summary>
    public bool UsesXdgRoot => !RootGiven && DefaultRootLocation.Value.FromXdg;
}
