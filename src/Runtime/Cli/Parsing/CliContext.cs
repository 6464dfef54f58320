using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Cli.Parsing;

public sealed class CliContext
{
    public required GlobalOptions Globals { get; init; }
    public required string ProgramName { get; init; }

    public string Root => Globals.ResolvedRoot;

    /// <summary>runc's checkArgs: wrong counts are usage errors naming the command.</summary>
    public static void RequireArgs(string command, int actual, int min, int max)
    {
        if (actual >= min && actual <= max)
            return;
        var what = min == max ? $"exactly {min}" : actual < min ? $"a minimum of {min}" : $"a maximum of {max}";
        throw new UsageException($"\"{command}\" requires {what} argument(s)");
    }
}

public sealed class UsageException(string message) : RuntimeException(message);
