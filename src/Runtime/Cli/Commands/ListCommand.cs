using Runc.Sharp.Cli.Output;
using Runc.Sharp.Runtime.Sys;
using System.Text;
using CommandLine;
using Runc.Sharp.Cli.Parsing;
using Runc.Sharp.Runtime.Containers;
using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Cli.Commands;

public sealed class ListCommand : GlobalOptions, ICommand
{
    [Option('f', "format", Default = "table", HelpText = "select one of: table or json")] public string Format { get; set; } = "table";
    [Option('q', "quiet", HelpText = "display only container IDs")] public bool Quiet { get; set; }
    [Value(0)] public IEnumerable<string> Positionals { get; set; } = [];

    public int Run(CliContext context)
    {
        CliContext.RequireArgs("list", Positionals.Count(), 0, 0);
        if (Format is not ("table" or "json"))
            throw new RuntimeException($"invalid format option");
        var store = new StateStore(context.Root);
        if (context.Globals.RootGiven && !Directory.Exists(store.Root))
            throw new RuntimeException($"open {store.Root}: no such file or directory");
        var views = new List<StateView>();
        foreach (var id in store.Ids())
        {
            try
            {
                var record = store.TryLoad(id);
                if (record is null)
                    continue;
                views.Add(StateView.Of(record, ContainerInspector.Status(store, record), Owner(record.OwnerUid)));
            }
            catch (RuntimeException e)
            {
                StdStreams.Write(StdStreams.Err, $"load container {id}: {e.Message}\n");
            }
        }
        if (Quiet)
            StdStreams.Write(StdStreams.Out, Encoding.UTF8.GetBytes(string.Concat(views.Select(v => v.Id + "\n"))));
        else if (Format == "json")
            StdStreams.Write(StdStreams.Out, JsonOutput.CompactList(views, JsonOutput.Compact.ListStateView));
        else
            StdStreams.Write(StdStreams.Out, Encoding.UTF8.GetBytes(Table(views)));
        return 0;
    }

    private static string Table(List<StateView> views)
    {
        var rows = new List<string[]> { new[] { "ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER" } };
        rows.AddRange(views.Select(v => new[] { v.Id, v.Pid.ToString(), v.Status, v.Bundle, v.Created, v.Owner }));
        var widths = Enumerable.Range(0, 6).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var r in rows)
        {
            for (var i = 0; i < 6; i++)
                sb.Append(i < 5 ? r[i].PadRight(widths[i] + 3) : r[i]);
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Owner(uint uid)
    {
        try
        {
            foreach (var line in File.ReadLines("/etc/passwd"))
            {
                var f = line.Split(':');
                if (f.Length > 2 && f[2] == uid.ToString())
                    return f[0];
            }
        }
        catch (IOException)
        {
        }
        return $"#{uid}";
    }
}
