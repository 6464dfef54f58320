using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration.Support;

/// <summary>What an integration test needs: root, the runcs binary and a static busybox.</summary>
public static class IntegrationRequirements
{
    public const string Busybox = "/bin/busybox";

    private static readonly Lazy<string?> Missing = new(() =>
    {
        if (Native.geteuid() != 0)
            return "integration tests need root";
        if (RuncsBinary.Path is null)
            return "runcs binary not found (set RUNCS_BINARY or run `make build`)";
        if (!File.Exists(Busybox))
            return $"{Busybox} is missing (apt-get install busybox-static)";
        return null;
    });

    /// <summary>Why integration tests cannot run here, or null when they can.</summary>
    public static string? SkipReason => Missing.Value;
}

/// <summary>A fact that is skipped, with the reason, when not root or without runcs or busybox.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (IntegrationRequirements.SkipReason is { } reason)
            Skip = reason;
    }
}

/// <summary>A theory that is skipped, with the reason, when not root or without runcs or busybox.</summary>
public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute()
    {
        if (IntegrationRequirements.SkipReason is { } reason)
            Skip = reason;
    }
}

/// <summary>A root fact that also needs two CPUs (affinity tests move processes between them).</summary>
public sealed class SmpRootFactAttribute : FactAttribute
{
    public SmpRootFactAttribute()
    {
        if (IntegrationRequirements.SkipReason is { } reason)
            Skip = reason;
        else if (Environment.ProcessorCount < 2)
            Skip = "CPU affinity tests need at least two CPUs";
    }
}
