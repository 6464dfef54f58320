using CommandLine;
using Runc.Sharp.Cli.Parsing;
using Runc.Sharp.Runtime.Containers;

namespace Runc.Sharp.Cli.Commands;

public sealed class ExecCommand : GlobalOptions, ICommand
{
    [Option("console-socket")] public string? ConsoleSocket { get; set; }
    [Option("pidfd-socket", HelpText = "path to an AF_UNIX socket which will receive a pidfd of the exec'd process")] public string? PidfdSocket { get; set; }
    [Option("cwd", HelpText = "current working directory in the container")] public string? Cwd { get; set; }
    [Option('e', "env", HelpText = "set environment variables")] public IEnumerable<string> Env { get; set; } = [];
    [Option('t', "tty", HelpText = "allocate a pseudo-TTY")] public bool Tty { get; set; }
    [Option('u', "user", HelpText = "UID (format: <uid>[:<gid>])")] public string? User { get; set; }
    [Option('g', "additional-gids", HelpText = "additional gids")] public IEnumerable<string> AdditionalGids { get; set; } = [];
    [Option('p', "process", HelpText = "path to the process.json")] public string? Process { get; set; }
    [Option('d', "detach", HelpText = "detach from the container's process")] public bool Detach { get; set; }
    [Option("pid-file")] public string? PidFile { get; set; }
    [Option("process-label")] public string? ProcessLabel { get; set; }
    [Option("apparmor")] public string? AppArmor { get; set; }
    [Option("no-new-privs")] public bool NoNewPrivs { get; set; }
    [Option('c', "cap", HelpText = "add a capability to the bounding set for the process")] public IEnumerable<string> Caps { get; set; } = [];
    [Option("preserve-fds", Default = 0)] public int PreserveFds { get; set; }
    [Option("cgroup", HelpText = "run the process in an (existing) sub-cgroup(s). Format is [<controller>:]<cgroup>.")] public IEnumerable<string> Cgroup { get; set; } = [];
    [Option("ignore-paused", HelpText = "allow exec in a paused container")] public bool IgnorePaused { get; set; }
    [Value(0, MetaName = "container-id command [args...]")] public IEnumerable<string> Positionals { get; set; } = [];

    public int Run(CliContext context)
    {
        var args = Positionals.ToList();
        CliContext.RequireArgs("exec", Math.Min(args.Count, 1), 1, 1);
        if (Process is null && args.Count < 2)
            throw new UsageException("\"exec\" requires a minimum of 2 argument(s)");
        return ContainerExecutor.Exec(new StateStore(context.Root), new ExecOptions
        {
            Id = args[0],
            ProcessFile = Process,
            Args = args.Skip(1).ToList(),
            Detach = Detach,
            Tty = Tty,
            Cwd = Cwd,
            Env = Env.ToList(),
            User = User,
            AdditionalGids = AdditionalGids.ToList(),
            Caps = Caps.ToList(),
            NoNewPrivs = NoNewPrivs,
            PidFile = PidFile,
            ConsoleSocket = ConsoleSocket,
            PidfdSocket = PidfdSocket,
            Cgroups = Cgroup.ToList(),
            PreserveFds = PreserveFds,
            IgnorePaused = IgnorePaused,
            AppArmor = AppArmor,
            ProcessLabel = ProcessLabel,
        });
    }
}
