using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Execution;

/// <summary>
/// linux.personality: the execution domain for personality(2). The spec defines no flag yet,
/// so flags are ignored (the validator warns about them), as runc does.
/// </summary>
public static class PersonalityDomain
{
    public const uint Linux = 0x0000, Linux32 = 0x0008;

    public static uint Of(LinuxPersonality p) => p.Domain switch
    {
        "LINUX" => Linux,
        "LINUX32" => Linux32,
        var d => throw new RuntimeException($"invalid personality domain {d}"),
    };
}
