using Runc.Sharp.Runtime.Sys;
using CommandLine;
using Runc.Sharp.Cli.Parsing;
using Runc.Sharp.Runtime.Containers;
using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Cli.Commands;

/// <summary>runc events: stats as JSON lines, once with --stats, else every --interval and OOM kills as they happen, until the container stops.</summary>
public sealed class EventsCommand : GlobalOptions, ICommand
{
    [Option("interval", Default = "5s", HelpText = "set the stats collection interval")] public string Interval { get; set; } = "5s";
    [Option("stats", HelpText = "display the container's stats then exit")] public bool Stats { get; set; }
    [Value(0, MetaName = "container-id")] public IEnumerable<string> Positionals { get; set; } = [];

    public int Run(CliContext context)
    {
        var args = Positionals.ToList();
        CliContext.RequireArgs("events", args.Count, 1, 1);
        var interval = GoDuration.Parse(Interval);
        if (interval <= TimeSpan.Zero)
            throw new RuntimeException("duration interval must be greater than 0");
        var store = new StateStore(context.Root);
        var id = args[0];
        if (!Stats)
        {
            ContainerEvents.Stream(store, id, interval, line => StdStreams.Write(StdStreams.Out, line));
            return 0;
        }
        var record = store.Load(id);
        if (ContainerInspector.Status(store, record) == LifecycleStatus.Stopped)
            throw new RuntimeException($"container with id {id} is not running");
        StdStreams.Write(StdStreams.Out, EventLines.Stats(id, ContainerResources.Stats(store, id)));
        return 0;
    }
}
