using Runc.Sharp.Runtime.Sys;
using System.Text;
using CommandLine;
using Runc.Sharp.Cli.Parsing;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Loading;
using Runc.Sharp.Spec.Validation.Semantic;

namespace Runc.Sharp.Cli.Commands;

/// <summary>
/// Not a runc verb: schema and semantic validation of a bundle's config.json. Valid: exit 0,
/// nothing on stdout. Invalid: exit 1, one `config.json:LINE:COL: $.path: message` per problem.
/// </summary>
public sealed class ValidateCommand : GlobalOptions, ICommand
{
    [Option('b', "bundle", HelpText = "path to the root of the bundle directory")] public string Bundle { get; set; } = ".";
    [Value(0)] public IEnumerable<string> Positionals { get; set; } = [];

    public int Run(CliContext context)
    {
        CliContext.RequireArgs("validate", Positionals.Count(), 0, 0);
        var path = Path.Combine(Bundle, "config.json");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"read {path}: {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file or directory" : e.Message)}");
        }
        var result = ConfigLoader.Load(bytes, new SemanticOptions { SystemdCgroup = context.Globals.SystemdCgroup });
        foreach (var warning in result.Warnings)
            Log.Warning($"config.json:{warning}");
        var errors = result.Errors.ToList();
        if (errors.Count == 0)
            return 0;
        var sb = new StringBuilder();
        foreach (var e in errors)
            sb.Append("config.json:").Append(e).Append('\n');
        StdStreams.Write(StdStreams.Out, sb.ToString());
        if (!Log.ToStderr)
            foreach (var e in errors)
                Log.Write("error", $"config.json:{e}");
        return 1;
    }
}
