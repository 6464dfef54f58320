using System.Diagnostics.CodeAnalysis;
using CommandLine;
using Runc.Sharp.Cli.Commands;

namespace Runc.Sharp.Cli.Parsing;

/// <summary>Every verb runcs knows, how its arguments are read, and its exit code on failure.</summary>
public static class CommandTable
{
    public sealed record Entry(
        string Name,
        string Usage,
        Func<Parser, IEnumerable<string>, (ICommand? Command, IEnumerable<Error> Errors)> Parse,
        Func<HashSet<string>> Booleans,
        bool PositionalsEndFlags,
        bool CarriesGlobals,
        int FailureExitCode,
        bool Hidden);

    public static readonly IReadOnlyList<Entry> All =
    [
        Make<CreateCommand>("create", "create a container"),
        Make<StartCommand>("start", "executes the user defined process in a created container"),
        Make<RunCommand>("run", "create and run a container"),
        Make<StateCommand>("state", "output the state of a container"),
        Make<KillCommand>("kill", "kill sends the specified signal (default: SIGTERM) to the container's init process"),
        Make<DeleteCommand>("delete", "delete any resources held by the container often used with detached container"),
        Make<ListCommand>("list", "lists containers started by runcs with the given root"),
        Make<PsCommand>("ps", "ps displays the processes running inside a container", positionalsEndFlags: true),
        Make<PauseCommand>("pause", "pause suspends all processes inside the container"),
        Make<ResumeCommand>("resume", "resumes all processes that have been previously paused"),
        Make<UpdateCommand>("update", "update container resource constraints"),
        Make<EventsCommand>("events", "display container events such as OOM notifications, cpu, memory, and IO usage statistics"),
        Make<ExecCommand>("exec", "execute new process inside the container", positionalsEndFlags: true, failureExitCode: 255),
        Make<SpecCommand>("spec", "create a new specification file"),
        Make<ValidateCommand>("validate", "validate a bundle's config.json against the OCI runtime-spec"),
        Make<FeaturesCommand>("features", "show the enabled features"),
    ];

    public static Entry? Find(string name) => All.FirstOrDefault(e => e.Name == name);

    /// <summary>
    /// runc verbs runcs does not have yet: callers (containerd's `ctr task checkpoint`, podman's
    /// `container checkpoint`) then get a plain error in the log instead of "No help topic".
    /// </summary>
    public static string? NotSupportedYet(string? verb) => verb switch
    {
        "checkpoint" or "restore" => $"{verb} is not supported by runcs yet (it has no CRIU support)",
        _ => null,
    };

    private static Entry Make<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] T>(
        string name, string usage, bool positionalsEndFlags = false, int failureExitCode = 1, bool hidden = false)
        where T : class, ICommand, new() =>
        new(name, usage,
            (parser, args) => parser.ParseArguments<T>(args) switch
            {
                Parsed<T> parsed => (parsed.Value, []),
                NotParsed<T> failed => (null, failed.Errors),
                _ => (null, []),
            },
            BooleanOptionNames<T>, positionalsEndFlags, typeof(GlobalOptions).IsAssignableFrom(typeof(T)), failureExitCode, hidden);

    private static HashSet<string> BooleanOptionNames<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>() =>
        typeof(T).GetProperties()
            .Where(p => p.PropertyType == typeof(bool))
            .SelectMany(p => p.GetCustomAttributes(typeof(OptionAttribute), false).Cast<OptionAttribute>())
            .SelectMany(o => new[] { o.LongName, o.ShortName })
            .Where(n => !string.IsNullOrEmpty(n))
            .ToHashSet();
}
