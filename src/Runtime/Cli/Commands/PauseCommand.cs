using CommandLine;
using Runc.Sharp.Cli.Parsing;
using Runc.Sharp.Runtime.Containers;

namespace Runc.Sharp.Cli.Commands;

public sealed class PauseCommand : GlobalOptions, ICommand
{
    [Value(0, MetaName = "container-id")] public IEnumerable<string> Positionals { get; set; } = [];

    public int Run(CliContext context)
    {
        var args = Positionals.ToList();
        CliContext.RequireArgs("pause", args.Count, 1, 1);
        ContainerResources.Pause(new StateStore(context.Root), args[0]);
        return 0;
    }
}
