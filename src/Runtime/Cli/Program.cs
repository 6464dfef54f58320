using Runc.Sharp.Cli.Parsing;
using Runc.Sharp.Runtime.Init;
using Runc.Sharp.Runtime.Protocol;

namespace Runc.Sharp.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // The shim has already run: in an init process we are inside the container's namespaces.
        Runc.Sharp.Runtime.Diagnostics.PhaseTrace.Mark("main");
        var stage = ShimNative.Stage();
        if (stage != ShimProtocol.StageNone)
            return InitEntry.Run(stage, ShimNative.SyncFd());
        // Without TERM, .NET finds no terminfo and never writes its keypad-mode escape sequence
        // (CommandLineParser reads Console.WindowWidth) in front of a container's output.
        Environment.SetEnvironmentVariable("TERM", null);
        var programName = Environment.GetCommandLineArgs().FirstOrDefault() ?? "runcs";
        return CliApp.Run(programName, args);
    }
}
