using CommandLine;
using Runc.Sharp.Cli.Parsing;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Defaults;
using Runc.Sharp.Spec.Serialization;

namespace Runc.Sharp.Cli.Commands;

/// <remarks>Its own --rootless (a switch) differs from the global one, so globals are read apart.</remarks>
public sealed class SpecCommand : ICommand
{
    [Option('b', "bundle", HelpText = "path to the root of the bundle directory")] public string? Bundle { get; set; }
    [Option("rootless", HelpText = "generate a configuration for a rootless container")] public bool Rootless { get; set; }
    [Value(0)] public IEnumerable<string> Positionals { get; set; } = [];

    public int Run(CliContext context)
    {
        CliContext.RequireArgs("spec", Positionals.Count(), 0, 0);
        var dir = string.IsNullOrEmpty(Bundle) ? "." : Bundle;
        if (!Directory.Exists(dir))
            throw new RuntimeException($"chdir {dir}: no such file or directory");
        var path = Path.Combine(dir, "config.json");
        if (File.Exists(path))
            throw new RuntimeException("File config.json exists. Remove it first");
        var bytes = SpecJson.WriteConfig(DefaultSpec.Create(Rootless));
        try
        {
            using var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            fs.Write(bytes);
        }
        catch (IOException e)
        {
            throw new RuntimeException($"write {path}: {e.Message}");
        }
        return 0;
    }
}
