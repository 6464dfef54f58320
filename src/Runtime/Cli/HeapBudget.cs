namespace Runc.Sharp.Cli;

/// <summary>
/// How much each command allocates, measured with RUNCS_TRACE=1 (the KB column of its last line)
/// and rounded up: what HeapPrefault maps in before the command runs.
/// </summary>
internal static class HeapBudget
{
    public const int StandardInitKb = 384;
    public const int ExecInitKb = 256;

    private const int DefaultKb = 512;

    private static readonly Dictionary<string, int> ByCommand = new()
    {
        ["run"] = 2048,
        ["create"] = 2048,
        ["spec"] = 1280,
        ["exec"] = 2048,
        ["delete"] = 896,
        ["kill"] = 768,
        ["features"] = 768,
    };

    /// <summary>The first argument naming a command decides; global flags come before it.</summary>
    public static int ForArgs(string[] args)
    {
        foreach (var arg in args)
        {
            if (ByCommand.TryGetValue(arg, out var kb))
                return kb;
        }
        return DefaultKb;
    }
}
