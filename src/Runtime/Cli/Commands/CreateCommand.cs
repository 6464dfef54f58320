using CommandLine;
using Runc.Sharp.Cli.Parsing;
using Runc.Sharp.Runtime.Containers;
using Runc.Sharp.Runtime.Rootless;

namespace Runc.Sharp.Cli.Commands;

public sealed class CreateCommand : GlobalOptions, ICommand
{
    [Option('b', "bundle", HelpText = "path to the root of the bundle directory, defaults to the current directory")]
    public string Bundle { get; set; } = ".";

    [Option("console-socket", HelpText = "path to an AF_UNIX socket which will receive a file descriptor referencing the master end of the console's pseudoterminal")]
    public string? ConsoleSocket { get; set; }

    [Option("pidfd-socket", HelpText = "path to an AF_UNIX socket which will receive a pidfd of the init process")]
    public string? PidfdSocket { get; set; }

    [Option("pid-file", HelpText = "specify the file to write the process id to")]
    public string? PidFile { get; set; }

    [Option("no-pivot", HelpText = "do not use pivot root to jail process inside rootfs")]
    public bool NoPivot { get; set; }

    [Option("no-new-keyring", HelpText = "do not create a new session keyring for the container")]
    public bool NoNewKeyring { get; set; }

    [Option("preserve-fds", Default = 0, HelpText = "Pass N additional file descriptors to the container (stdio + $LISTEN_FDS + N in total)")]
    public int PreserveFds { get; set; }

    [Value(0, MetaName = "container-id")]
    public IEnumerable<string> Positionals { get; set; } = [];

    public int Run(CliContext context)
    {
        var args = Positionals.ToList();
        CliContext.RequireArgs("create", args.Count, 1, 1);
        ContainerCreator.Create(new StateStore(context.Root), ToOptions(this, args[0], context, foreground: false)).Init.Dispose();
        return 0;
    }

    internal static CreateOptions ToOptions(CreateCommand c, string id, CliContext context, bool foreground)
    {
        return new CreateOptions
        {
            Id = id,
            Bundle = c.Bundle,
            PidFile = c.PidFile,
            ConsoleSocket = c.ConsoleSocket,
            PidfdSocket = c.PidfdSocket,
            NoPivot = c.NoPivot,
            NoNewKeyring = c.NoNewKeyring,
            PreserveFds = c.PreserveFds,
            SystemdCgroup = context.Globals.SystemdCgroup,
            RootlessCgroups = RootlessMode.CgroupsRootless(context.Globals.Rootless, RuntimeIdentity.Current()),
            Foreground = foreground,
            NotifySocket = Runc.Sharp.Runtime.SdNotify.NotifySocketVariable.Take(),
        };
    }
}
