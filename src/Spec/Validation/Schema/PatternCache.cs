using System.Text.RegularExpressions;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// Regexes for <c>pattern</c>/<c>patternProperties</c>, built once per pattern text. ECMAScript
/// semantics where .NET supports them (ASCII <c>\d</c>, <c>\w</c>), otherwise .NET's own dialect
/// (e.g. for <c>\p{L}</c> or lookbehind). Interpreted, not <see cref="RegexOptions.Compiled"/>: cheap
/// to build at CLI start-up and identical under NativeAOT.
/// </summary>
internal static class PatternCache
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    private static readonly Dictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <exception cref="SchemaException">The pattern is not a valid regular expression.</exception>
    public static Regex Get(string pattern)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(pattern, out Regex? regex))
            {
                regex = Create(pattern);
                Cache.Add(pattern, regex);
            }

            return regex;
        }
    }

    private static Regex Create(string pattern)
    {
        string translated = AnchorDollarAtEnd(pattern);
        try
        {
            return new Regex(translated, RegexOptions.ECMAScript, MatchTimeout);
        }
        catch (ArgumentException)
        {
            // Constructs the ECMAScript option rejects; try the full .NET syntax.
        }

        try
        {
            return new Regex(translated, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new SchemaException($"invalid regular expression \"{pattern}\": {e.Message}", e);
        }
    }

    /// <summary>
    /// In ECMA 262 (without the m flag) <c>$</c> matches only at the very end; .NET's <c>$</c> also
    /// matches before a final "\n", so <c>^[cbup]$</c> would accept "c\n". Rewrites each <c>$</c>
    /// outside a character class and not escaped to <c>(?!\n)$</c>.
    /// </summary>
    internal static string AnchorDollarAtEnd(string pattern)
    {
        if (!pattern.Contains('$'))
        {
            return pattern;
        }

        var builder = new System.Text.StringBuilder(pattern.Length + 8);
        bool inClass = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                builder.Append(c).Append(pattern[++i]);
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == '$')
            {
                builder.Append("(?!\\n)");
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}

/// <summary>A <c>pattern</c> or <c>patternProperties</c> key; the <see cref="Regex"/> is built on first match.</summary>
internal sealed class SchemaPattern(string text)
{
    private Regex? _regex;

    public string Text { get; } = text;

    /// <exception cref="SchemaException">The pattern is not a valid regular expression.</exception>
    public Regex Regex => Volatile.Read(ref _regex) ?? Build();

    /// <summary>Unanchored search, as in ECMA 262. A match that times out counts as no match.</summary>
    public bool IsMatch(string value, out bool timedOut)
    {
        timedOut = false;
        try
        {
            return Regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            timedOut = true;
            return false;
        }
    }

    private Regex Build()
    {
        Regex regex = PatternCache.Get(Text);
        Volatile.Write(ref _regex, regex);
        return regex;
    }
}
