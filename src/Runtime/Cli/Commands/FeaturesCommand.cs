using Runc.Sharp.Cli.Output;
using Runc.Sharp.Runtime.Sys;
using CommandLine;
using Runc.Sharp.Cli.Parsing;
using Runc.Sharp.Runtime.Containers;
using Runc.Sharp.Spec.Serialization;

namespace Runc.Sharp.Cli.Commands;

public sealed class FeaturesCommand : GlobalOptions, ICommand
{
    [Value(0)] public IEnumerable<string> Positionals { get; set; } = [];

    public int Run(CliContext context)
    {
        CliContext.RequireArgs("features", Positionals.Count(), 0, 0);
        StdStreams.Write(StdStreams.Out, SpecJson.WriteFeatures(FeatureSet.Build(VersionInfo.Version, VersionInfo.Commit)));
        return 0;
    }
}
