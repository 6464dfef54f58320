using Runc.Sharp.Spec.Validation.Semantic;

namespace Runc.Sharp.Runtime.Execution;

/// <summary>The highest CPU number this kernel can have (/sys/devices/system/cpu/possible).</summary>
public static class PossibleCpus
{
    /// <summary>Used when sysfs is not readable (a container may hide it); beyond any real machine.</summary>
    public const int Fallback = 8191;

    public static int Last()
    {
        try
        {
            var text = File.ReadAllText("/sys/devices/system/cpu/possible").Trim();
            return LastOf(text) ?? Fallback;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fallback;
        }
    }

    public static int? LastOf(string list) => CpuList.TryExpand(list, Fallback, out _)?.Max;
}
