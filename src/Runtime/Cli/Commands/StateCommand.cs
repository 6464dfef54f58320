using Runc.Sharp.Cli.Output;
using Runc.Sharp.Runtime.Sys;
using System.Text.Json;
using CommandLine;
using Runc.Sharp.Cli.Parsing;
using Runc.Sharp.Runtime.Containers;

namespace Runc.Sharp.Cli.Commands;

public sealed class StateCommand : GlobalOptions, ICommand
{
    [Value(0, MetaName = "container-id")] public IEnumerable<string> Positionals { get; set; } = [];

    public int Run(CliContext context)
    {
        var args = Positionals.ToList();
        CliContext.RequireArgs("state", args.Count, 1, 1);
        var store = new StateStore(context.Root);
        var record = store.Load(args[0]);
        var view = StateView.Of(record, ContainerInspector.Status(store, record));
        StdStreams.Write(StdStreams.Out, JsonOutput.Indented(view, JsonOutput.Context.StateView));
        return 0;
    }
}
