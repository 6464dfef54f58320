namespace Runc.Sharp.Spec.Validation.Semantic;

/// <summary>
/// The kernel's list format for CPUs and memory nodes (cpuset.cpus, cpuset.mems,
/// sched_setaffinity input): comma-separated numbers and ranges such as <c>0-3,7</c>,
/// optionally strided (<c>0-15:2/4</c>); <c>N</c> stands for the last one.
/// </summary>
internal static class CpuList
{
    private const int MaxDigits = 9;

    public static bool IsValid(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var item in text.Split(','))
        {
            if (!IsValidItem(item))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidItem(string item)
    {
        var stride = item.IndexOf(':');
        var range = stride < 0 ? item : item[..stride];
        if (!IsValidRange(range, out var isRange))
        {
            return false;
        }

        if (stride < 0)
        {
            return true;
        }

        // used/group stride is only meaningful on a range.
        var parts = item[(stride + 1)..].Split('/');
        return isRange && parts.Length == 2 &&
               TryNumber(parts[0], out var used) && TryNumber(parts[1], out var group) &&
               used > 0 && group > 0 && used <= group;
    }

    private static bool IsValidRange(string range, out bool isRange)
    {
        var dash = range.IndexOf('-');
        isRange = dash >= 0;
        if (dash < 0)
        {
            return TryNumber(range, out _);
        }

        return TryNumber(range[..dash], out var first) && TryNumber(range[(dash + 1)..], out var last) && first <= last;
    }

    private static bool TryNumber(string text, out int value)
    {
        value = 0;
        if (text == "N")
        {
            value = int.MaxValue;
            return true;
        }

        if (text.Length == 0 || text.Length > MaxDigits)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }
}
