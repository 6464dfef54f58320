using Runc.Sharp.Cli.Output;
using Runc.Sharp.Runtime.Sys;
using CommandLine;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Rootless;

namespace Runc.Sharp.Cli.Parsing;

/// <summary>
/// The front end: global flags, then one verb. Every failure ends here, once: logged (JSON when
/// asked), echoed to stderr when the log is a file, and turned into the verb's exit code.
/// </summary>
public static class CliApp
{
    private static readonly HashSet<string> GlobalValueFlags = ["--root", "--log", "--log-format", "--rootless", "--criu"];

    public static int Run(string programName, string[] argv)
    {
        var (globalArgs, verb, verbArgs) = Split(argv);
        var entry = verb is null ? null : CommandTable.Find(verb);
        if (entry is null || globalArgs.Any(a => a is "--version" or "-v" or "--help" or "-h"))
            return RunWithoutVerb(programName, globalArgs, verb);

        ICommand? command;
        GlobalOptions globals;
        try
        {
            command = ParseVerb(entry, entry.CarriesGlobals ? globalArgs : [], verbArgs);
            if (command is null)
                return 0; // help was printed
            globals = command as GlobalOptions ?? ParseGlobals(globalArgs);
            ConfigureGlobals(globals);
        }
        catch (UsageException e)
        {
            TryConfigureLog(globalArgs);
            StdStreams.Write(StdStreams.Out, $"Incorrect Usage.\n\n{Usage.ForVerb(programName, entry)}");
            return Fail(e.Message, 1);
        }

        try
        {
            if (globals.UsesXdgRoot)
                StateRootLocation.PrepareXdgRoot(globals.ResolvedRoot);
            var context = new CliContext { Globals = globals, ProgramName = programName };
            return command.Run(context);
        }
        catch (UsageException e)
        {
            StdStreams.Write(StdStreams.Out, $"Incorrect Usage.\n\n{Usage.ForVerb(programName, entry)}");
            return Fail(e.Message, 1);
        }
        catch (RuntimeException e)
        {
            return Fail(e.Message, entry.FailureExitCode);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // Files we may not touch (another user's state, say) that no step turned into its own
            // error: still one line and the verb's exit code, never a stack trace.
            return Fail(e.Message, entry.FailureExitCode);
        }
    }

    /// <summary>--version, --help, no verb or an unknown one: only the global flags are read.</summary>
    private static int RunWithoutVerb(string programName, List<string> globalArgs, string? verb)
    {
        GlobalOptions globals;
        try
        {
            globals = ParseGlobals(globalArgs);
        }
        catch (RuntimeException e)
        {
            return Fail(e.Message, 1);
        }
        if (globals.Version)
        {
            StdStreams.Write(StdStreams.Out, VersionInfo.Text(programName));
            return 0;
        }
        if (verb is null || globals.Help || verb is "help" or "h")
        {
            StdStreams.Write(StdStreams.Out, Usage.Overview(programName));
            return 0;
        }
        if (CommandTable.NotSupportedYet(verb) is { } reason)
            return Fail(reason, 1);
        return Fail($"No help topic for '{verb}'", 3);
    }

    /// <summary>On a usage error the log settings may still be readable: the error belongs in that log.</summary>
    private static void TryConfigureLog(List<string> globalArgs)
    {
        try
        {
            ParseGlobals(globalArgs);
        }
        catch (RuntimeException)
        {
        }
    }

    private static (List<string> Globals, string? Verb, List<string> VerbArgs) Split(string[] argv)
    {
        var globals = new List<string>();
        var i = 0;
        for (; i < argv.Length; i++)
        {
            var arg = ArgumentNormalizer.NormalizeDashes(argv[i]);
            if (!arg.StartsWith('-') || arg == "-")
                break;
            if (arg == "--")
            {
                i++;
                break;
            }
            globals.Add(arg);
            if (GlobalValueFlags.Contains(arg) && i + 1 < argv.Length)
                globals.Add(argv[++i]);
        }
        var verb = i < argv.Length ? argv[i] : null;
        return (globals, verb, argv.Skip(i + 1).ToList());
    }

    [System.Diagnostics.CodeAnalysis.DynamicDependency(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.All, typeof(GlobalOptions))]
    private static GlobalOptions ParseGlobals(List<string> args)
    {
        var normalized = ArgumentNormalizer.NormalizeBooleans(args, GlobalBooleans).ToList();
        using var parser = NewParser();
        var result = parser.ParseArguments<GlobalOptions>(normalized);
        if (result is not Parsed<GlobalOptions> parsed)
            throw new UsageException(ParseErrors.Describe(((NotParsed<GlobalOptions>)result).Errors));
        ConfigureGlobals(parsed.Value);
        return parsed.Value;
    }

    private static void ConfigureGlobals(GlobalOptions g)
    {
        if (g.LogFormat is not ("text" or "json"))
            throw new UsageException($"invalid log-format: {g.LogFormat}");
        Log.Configure(g.LogPath, g.LogFormat == "json" ? LogFormat.Json : LogFormat.Text, g.Debug);
        if (g.Root is not null && Path.GetFullPath(g.Root) == "/")
            throw new UsageException("Option --root argument should not be set to /");
        if (g.Criu is not null)
            Log.Warning("--criu is ignored (runcs has no checkpoint support yet)");
    }

    private static readonly HashSet<string> GlobalBooleans = ["debug", "systemd-cgroup", "version", "help", "v", "h"];

    private static ICommand? ParseVerb(CommandTable.Entry entry, List<string> globalArgs, List<string> args)
    {
        var normalized = new List<string>(globalArgs.Count + args.Count + 1);
        normalized.AddRange(globalArgs);
        var booleans = entry.Booleans();
        var flagsDone = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (flagsDone)
            {
                normalized.Add(arg);
                continue;
            }
            arg = ArgumentNormalizer.NormalizeDashes(arg);
            if (arg == "--")
            {
                flagsDone = true;
                normalized.Add(arg);
            }
            else if (entry.PositionalsEndFlags && arg.Length > 1 && arg.StartsWith('-') && !arg.Contains('=')
                     && !booleans.Contains(arg.TrimStart('-')) && i + 1 < args.Count)
            {
                // A value-taking flag (`--pid-file P`, `-e A=b`): its value is not the container id.
                normalized.Add(arg);
                normalized.Add(args[++i]);
            }
            else if (entry.PositionalsEndFlags && !arg.StartsWith('-'))
            {
                // exec and ps: the container id ends the flags; what follows is the command. The
                // "--" goes before the id, so that a repeatable flag (`--env A=b`) cannot swallow it.
                normalized.Add("--");
                normalized.Add(arg);
                flagsDone = true;
            }
            else
            {
                normalized.Add(arg);
            }
        }
        if (normalized.Contains("--help") || normalized.Contains("-h"))
        {
            var helpAt = normalized.IndexOf("--");
            var idx = Math.Max(normalized.IndexOf("--help"), normalized.IndexOf("-h"));
            if (helpAt < 0 || idx < helpAt)
            {
                StdStreams.Write(StdStreams.Out, Usage.ForVerb("runcs", entry));
                return null;
            }
        }
        using var parser = NewParser();
        var (command, errors) = entry.Parse(parser, ArgumentNormalizer.NormalizeBooleans(normalized, booleans).ToList());
        return command ?? throw new UsageException(ParseErrors.Describe(errors));
    }

    private static Parser NewParser() => new(s =>
    {
        s.CaseSensitive = true;
        s.EnableDashDash = true;
        s.HelpWriter = null;
        s.AutoHelp = false;
        s.AutoVersion = false;
        s.AllowMultiInstance = true;
        s.IgnoreUnknownArguments = false;
    });

    /// <summary>runc's fatal(): the error goes to the log; a log file also gets it echoed on stderr.</summary>
    public static int Fail(string message, int exitCode)
    {
        Log.Error(message);
        if (!Log.ToStderr)
            StdStreams.Write(StdStreams.Err, message + "\n");
        return exitCode;
    }
}
