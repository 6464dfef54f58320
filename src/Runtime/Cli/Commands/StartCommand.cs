using CommandLine;
using Runc.Sharp.Cli.Parsing;
using Runc.Sharp.Runtime.Containers;
using Runc.Sharp.Runtime.SdNotify;

namespace Runc.Sharp.Cli.Commands;

public sealed class StartCommand : GlobalOptions, ICommand
{
    [Value(0, MetaName = "container-id")] public IEnumerable<string> Positionals { get; set; } = [];

    public int Run(CliContext context)
    {
        var args = Positionals.ToList();
        CliContext.RequireArgs("start", args.Count, 1, 1);
        ContainerStarter.Start(new StateStore(context.Root), args[0], NotifySocketVariable.Take());
        return 0;
    }
}
