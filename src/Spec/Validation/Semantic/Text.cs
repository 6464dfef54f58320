using System.Globalization;
using System.Text;

namespace Runc.Sharp.Spec.Validation.Semantic;

/// <summary>Formatting of offending values inside one-line messages.</summary>
internal static class Text
{
    private const int MaxQuoted = 120;

    /// <summary>Double-quotes a value, escaping control characters and truncating long input.</summary>
    public static string Q(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, MaxQuoted) + 8);
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            if (i == MaxQuoted)
            {
                builder.Append("...");
                break;
            }

            var c = value[i];
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) && i + 1 < MaxQuoted)
                    {
                        builder.Append(c).Append(value[++i]);
                    }
                    else if (char.IsControl(c) || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    public static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The literal of a JSON number as written, shortened when absurdly long.</summary>
    public static string Raw(System.Text.Json.JsonElement number)
    {
        var raw = number.GetRawText();
        return raw.Length <= 40 ? raw : raw[..40] + "...";
    }

    public static bool HasNul(string value) => value.Contains('\0');
}
