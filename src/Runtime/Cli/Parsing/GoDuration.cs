using System.Globalization;
using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Cli.Parsing;

/// <summary>Go's time.ParseDuration for the forms callers send: "5s", "500ms", "1m30s", "1.5h".</summary>
public static class GoDuration
{
    public static TimeSpan Parse(string text)
    {
        var total = 0.0;
        var i = 0;
        if (text.Length == 0)
            throw new RuntimeException($"invalid duration \"{text}\"");
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                i++;
            if (!double.TryParse(text[start..i], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new RuntimeException($"invalid duration \"{text}\"");
            var unitStart = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]) && text[i] != '.')
                i++;
            total += text[unitStart..i] switch
            {
                "ns" => value / 1e6,
                "us" or "µs" => value / 1e3,
                "ms" => value,
                "s" => value * 1e3,
                "m" => value * 60e3,
                "h" => value * 3600e3,
                _ => throw new RuntimeException($"invalid duration \"{text}\""),
            };
        }
        return TimeSpan.FromMilliseconds(total);
    }
}
