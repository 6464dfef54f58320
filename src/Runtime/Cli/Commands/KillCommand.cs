using CommandLine;
using Runc.Sharp.Cli.Parsing;
using Runc.Sharp.Runtime.Containers;

namespace Runc.Sharp.Cli.Commands;

public sealed class KillCommand : GlobalOptions, ICommand
{
    [Option('a', "all", HelpText = "(obsoleted, do not use)")] public bool All { get; set; }
    [Value(0, MetaName = "container-id [signal]")] public IEnumerable<string> Positionals { get; set; } = [];

    public int Run(CliContext context)
    {
        var args = Positionals.ToList();
        CliContext.RequireArgs("kill", args.Count, 1, 2);
        var signal = args.Count > 1 ? Signals.Parse(args[1]) : Signals.SIGTERM;
        ContainerKiller.Kill(new StateStore(context.Root), args[0], signal, All);
        return 0;
    }
}
