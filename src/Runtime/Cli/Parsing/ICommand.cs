namespace Runc.Sharp.Cli.Parsing;

/// <summary>A runc verb: its options (CommandLineParser attributes) and the one call it makes.</summary>
public interface ICommand
{
    int Run(CliContext context);
}
