namespace Runc.Sharp.Spec.Validation.Semantic;

/// <summary>
/// The kernel's list format for CPUs and memory nodes (cpuset.cpus, cpuset.mems,
/// execCPUAffinity): comma-separated numbers and ranges such as <c>0-3,7</c>, optionally
/// strided (<c>0-15:2/4</c>: of each group of 4, the first 2); <c>N</c> stands for the last one.
/// One grammar for the validator (syntax only) and the runtime (the numbers it names).
/// </summary>
public static class CpuList
{
    private const int MaxDigits = 9;

    /// <summary>True when <paramref name="text"/> is a well-formed list.</summary>
    public static bool IsValid(string text) => Parse(text, last: int.MaxValue, collect: null) is null;

    /// <summary>
    /// The numbers <paramref name="text"/> names, in ascending order, with <c>N</c> read as
    /// <paramref name="last"/>; null and an error text when the list is malformed or names a
    /// number above <paramref name="last"/>.
    /// </summary>
    public static SortedSet<int>? TryExpand(string text, int last, out string error)
    {
        var numbers = new SortedSet<int>();
        var problem = Parse(text, last, numbers);
        error = problem ?? "";
        return problem is null ? numbers : null;
    }

    /// <summary>Walks the list; returns an error text or null. Adds the numbers to collect when given.</summary>
    private static string? Parse(string text, int last, SortedSet<int>? collect)
    {
        if (text.Length == 0)
        {
            return "the list is empty";
        }

        foreach (var item in text.Split(','))
        {
            var problem = ParseItem(item, last, collect);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? ParseItem(string item, int last, SortedSet<int>? collect)
    {
        var colon = item.IndexOf(':');
        var range = colon < 0 ? item : item[..colon];
        var dash = range.IndexOf('-');
        int first, end;
        if (dash < 0)
        {
            if (!TryNumber(range, last, out first))
            {
                return $"{Quote(item)} is not a number or range";
            }

            end = first;
        }
        else if (!TryNumber(range[..dash], last, out first) || !TryNumber(range[(dash + 1)..], last, out end) || first > end)
        {
            return $"{Quote(item)} is not a valid range";
        }

        int used = 1, group = 1;
        if (colon >= 0)
        {
            // used/group stride is only meaningful on a range.
            var parts = item[(colon + 1)..].Split('/');
            if (dash < 0 || parts.Length != 2 || !TryNumber(parts[0], int.MaxValue, out used) ||
                !TryNumber(parts[1], int.MaxValue, out group) || used == 0 || group == 0 || used > group)
            {
                return $"{Quote(item)} has an invalid stride";
            }
        }

        if (end > last)
        {
            return $"{Quote(item)} goes beyond the last possible number, {last}";
        }

        if (collect is not null)
        {
            for (var n = first; n <= end && n >= 0; n++)
            {
                if ((n - first) % group < used)
                {
                    collect.Add(n);
                }
            }
        }

        return null;
    }

    private static bool TryNumber(string text, int last, out int value)
    {
        value = 0;
        if (text == "N")
        {
            value = last;
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

    private static string Quote(string item) => "\"" + item + "\"";
}
