using System.Collections.Concurrent;
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

    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <exception cref="SchemaException">The pattern is not a valid regular expression.</exception>
    public static Regex Get(string pattern) => Cache.GetOrAdd(pattern, Create);

    private static Regex Create(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.ECMAScript, MatchTimeout);
        }
        catch (ArgumentException)
        {
            // Constructs the ECMAScript option rejects; try the full .NET syntax.
        }

        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new SchemaException($"invalid regular expression \"{pattern}\": {e.Message}", e);
        }
    }
}
