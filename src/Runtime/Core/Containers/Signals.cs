using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>Signal names and numbers (x86-64 / generic Linux), parsed the way `runc kill` does.</summary>
public static class Signals
{
    public const int SIGKILL = 9, SIGTERM = 15;

    private static readonly Dictionary<string, int> Numbers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ABRT"] = 6, ["ALRM"] = 14, ["BUS"] = 7, ["CHLD"] = 17, ["CLD"] = 17, ["CONT"] = 18, ["FPE"] = 8,
        ["HUP"] = 1, ["ILL"] = 4, ["INT"] = 2, ["IO"] = 29, ["IOT"] = 6, ["KILL"] = 9, ["PIPE"] = 13,
        ["POLL"] = 29, ["PROF"] = 27, ["PWR"] = 30, ["QUIT"] = 3, ["SEGV"] = 11, ["STKFLT"] = 16,
        ["STOP"] = 19, ["SYS"] = 31, ["TERM"] = 15, ["TRAP"] = 5, ["TSTP"] = 20, ["TTIN"] = 21,
        ["TTOU"] = 22, ["URG"] = 23, ["USR1"] = 10, ["USR2"] = 12, ["VTALRM"] = 26, ["WINCH"] = 28,
        ["XCPU"] = 24, ["XFSZ"] = 25,
    };

    public static int Parse(string text)
    {
        if (int.TryParse(text, out var n))
        {
            if (n is > 0 and <= 64)
                return n;
            throw new RuntimeException($"unknown signal \"{text}\"");
        }
        var name = text.StartsWith("SIG", StringComparison.OrdinalIgnoreCase) ? text[3..] : text;
        if (Numbers.TryGetValue(name, out var sig))
            return sig;
        if (name.StartsWith("RTMIN", StringComparison.OrdinalIgnoreCase) && TryOffset(name[5..], out var up) && up is >= 0 and <= 30)
            return 34 + up;
        if (name.StartsWith("RTMAX", StringComparison.OrdinalIgnoreCase) && TryOffset(name[5..], out var down) && down is >= -30 and <= 0)
            return 64 + down;
        throw new RuntimeException($"unknown signal \"{text}\"");
    }

    private static bool TryOffset(string s, out int offset)
    {
        offset = 0;
        return s.Length == 0 || int.TryParse(s, out offset);
    }
}
