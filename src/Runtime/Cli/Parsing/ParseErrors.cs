using CommandLine;

namespace Runc.Sharp.Cli.Parsing;

/// <summary>CommandLineParser errors in the words Go's flag package uses.</summary>
public static class ParseErrors
{
    public static string Describe(IEnumerable<Error> errors)
    {
        var first = errors.FirstOrDefault();
        return first switch
        {
            UnknownOptionError u => $"flag provided but not defined: -{u.Token}",
            MissingValueOptionError m => $"flag needs an argument: -{m.NameInfo.LongName}",
            BadFormatConversionError b => $"invalid value for flag -{b.NameInfo.LongName}",
            RepeatedOptionError r => $"flag provided more than once: -{r.NameInfo.LongName}",
            MissingRequiredOptionError m => $"missing required flag -{m.NameInfo.LongName}",
            SequenceOutOfRangeError s => $"wrong number of values for -{s.NameInfo.LongName}",
            null => "invalid arguments",
            _ => $"invalid arguments ({first.Tag})",
        };
    }
}
