using Runc.Sharp.Cli.Parsing;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Init;
using Runc.Sharp.Runtime.Launch;
using Runc.Sharp.Runtime.Protocol;

namespace Runc.Sharp.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // The shim has already run: in an init process we are inside the container's namespaces.
        var stage = ShimNative.Stage();
        HeapPrefault.Ahead(stage switch
        {
            ShimProtocol.StageNone => HeapBudget.ForArgs(args),
            ShimProtocol.StageExec => HeapBudget.ExecInitKb,
            _ => HeapBudget.StandardInitKb,
        });
        PhaseTrace.Mark("main");
        if (stage != ShimProtocol.StageNone)
            return InitEntry.Run(stage, ShimNative.SyncFd());
        // Without TERM, .NET finds no terminfo and never writes its keypad-mode escape sequence
        // (CommandLineParser reads Console.WindowWidth) in front of a container's output.
        Environment.SetEnvironmentVariable("TERM", null);
        var programName = Environment.GetCommandLineArgs().FirstOrDefault() ?? "runcs";
        var rc = CliApp.Run(programName, args);
        PhaseTrace.Mark("exit");
        return rc;
    }
}
