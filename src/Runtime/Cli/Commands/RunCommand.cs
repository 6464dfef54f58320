using CommandLine;
using Runc.Sharp.Cli.Parsing;
using Runc.Sharp.Runtime.Containers;

namespace Runc.Sharp.Cli.Commands;

public sealed class RunCommand : GlobalOptions, ICommand
{
    [Option('b', "bundle")] public string Bundle { get; set; } = ".";
    [Option("console-socket")] public string? ConsoleSocket { get; set; }
    [Option("pidfd-socket")] public string? PidfdSocket { get; set; }
    [Option("pid-file")] public string? PidFile { get; set; }
    [Option("no-pivot")] public bool NoPivot { get; set; }
    [Option("no-new-keyring")] public bool NoNewKeyring { get; set; }
    [Option("preserve-fds", Default = 0)] public int PreserveFds { get; set; }
    [Option('d', "detach", HelpText = "detach from the container's process")] public bool Detach { get; set; }
    [Option("keep", HelpText = "do not delete the container after it exits")] public bool Keep { get; set; }
    [Option("no-subreaper", HelpText = "disable the use of the subreaper used to reap reparented processes")] public bool NoSubreaper { get; set; }
    [Value(0, MetaName = "container-id")] public IEnumerable<string> Positionals { get; set; } = [];

    public int Run(CliContext context)
    {
        var args = Positionals.ToList();
        CliContext.RequireArgs("run", args.Count, 1, 1);
        var create = new CreateCommand
        {
            Bundle = Bundle, ConsoleSocket = ConsoleSocket, PidfdSocket = PidfdSocket, PidFile = PidFile,
            NoPivot = NoPivot, NoNewKeyring = NoNewKeyring, PreserveFds = PreserveFds,
        };
        var options = CreateCommand.ToOptions(create, args[0], context, foreground: !Detach);
        return ContainerRunner.Run(new StateStore(context.Root), options, Detach, Keep);
    }
}
