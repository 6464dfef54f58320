using Runc.Sharp.Cli.Output;
using Runc.Sharp.Runtime.Sys;
using System.Diagnostics;
using System.Text;
using CommandLine;
using Runc.Sharp.Cli.Parsing;
using Runc.Sharp.Runtime.Containers;
using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Cli.Commands;

public sealed class PsCommand : GlobalOptions, ICommand
{
    [Option('f', "format", Default = "table", HelpText = "select one of: table or json")] public string Format { get; set; } = "table";
    [Value(0, MetaName = "container-id [ps options]")] public IEnumerable<string> Positionals { get; set; } = [];

    public int Run(CliContext context)
    {
        var args = Positionals.ToList();
        CliContext.RequireArgs("ps", Math.Min(args.Count, 1), 1, 1);
        var store = new StateStore(context.Root);
        var record = store.Load(args[0]);
        if (ContainerInspector.Status(store, record) == LifecycleStatus.Stopped)
            throw new RuntimeException("container not running");
        var pids = ContainerProcesses.Pids(record);
        if (Format == "json")
        {
            StdStreams.Write(StdStreams.Out, JsonOutput.CompactList(pids, JsonOutput.Compact.ListInt32));
            return 0;
        }
        if (Format != "table")
            throw new RuntimeException($"invalid format option");
        StdStreams.Write(StdStreams.Out, Encoding.UTF8.GetBytes(Table(args.Count > 1 ? args.Skip(1).ToList() : ["-ef"], pids)));
        return 0;
    }

    /// <summary>The host's ps output, kept to its header and the container's pids.</summary>
    private static string Table(List<string> psArgs, List<int> pids)
    {
        var psi = new ProcessStartInfo("ps") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in psArgs)
            psi.ArgumentList.Add(a);
        using var ps = Process.Start(psi) ?? throw new RuntimeException("cannot run ps");
        var lines = ps.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        ps.WaitForExit();
        if (lines.Length == 0)
            return "";
        var pidColumn = Array.IndexOf(lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries), "PID");
        if (pidColumn < 0)
            throw new RuntimeException("couldn't find PID field in ps output");
        var sb = new StringBuilder(lines[0]).Append('\n');
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > pidColumn && int.TryParse(fields[pidColumn], out var pid) && pids.Contains(pid))
                sb.Append(line).Append('\n');
        }
        return sb.ToString();
    }
}
