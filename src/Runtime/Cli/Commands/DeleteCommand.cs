using CommandLine;
using Runc.Sharp.Cli.Parsing;
using Runc.Sharp.Runtime.Containers;

namespace Runc.Sharp.Cli.Commands;

public sealed class DeleteCommand : GlobalOptions, ICommand
{
    [Option('f', "force", HelpText = "Forcibly deletes the container if it is still running (uses SIGKILL)")] public bool Force { get; set; }
    [Value(0, MetaName = "container-id")] public IEnumerable<string> Positionals { get; set; } = [];

    public int Run(CliContext context)
    {
        var args = Positionals.ToList();
        CliContext.RequireArgs("delete", args.Count, 1, 1);
        ContainerDeleter.Delete(new StateStore(context.Root), args[0], Force);
        return 0;
    }
}
