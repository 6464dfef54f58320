namespace Runc.Sharp.Cli.Parsing;

/// <summary>
/// Brings Go-flag spellings to what CommandLineParser reads: `-root` means `--root`, and a boolean
/// may be written `--detach=true` or `--detach=false`.
/// </summary>
public static class ArgumentNormalizer
{
    public static string NormalizeDashes(string arg)
    {
        if (arg.Length > 2 && arg[0] == '-' && arg[1] != '-' && char.IsLetter(arg[1]))
        {
            var eq = arg.IndexOf('=');
            var name = eq < 0 ? arg[1..] : arg[1..eq];
            if (name.Length > 1)
                return "-" + arg;
        }
        return arg;
    }

    /// <summary>Rewrites `--b=true` to `--b` and drops `--b=false` for the given boolean names.</summary>
    public static IEnumerable<string> NormalizeBooleans(IEnumerable<string> args, ISet<string> booleans)
    {
        foreach (var arg in args)
        {
            var eq = arg.IndexOf('=');
            if (arg.StartsWith('-') && eq > 0 && booleans.Contains(arg[..eq].TrimStart('-')))
            {
                var value = arg[(eq + 1)..];
                if (bool.TryParse(value, out var b) || value is "1" or "0" or "t" or "f" or "T" or "F")
                {
                    if (b || value is "1" or "t" or "T")
                        yield return arg[..eq];
                    continue;
                }
            }
            yield return arg;
        }
    }
}
