namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// Mount destinations are absolute and mount strings carry no nul byte. Relative Linux
/// destinations are deprecated by the spec (read relative to "/") and runc only warns, so they
/// are warnings unless <see cref="SemanticOptions.StrictMountDestinations"/> is set.
/// </summary>
internal sealed class MountDestinationRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        foreach (var mount in MountView.All(context.Root))
        {
            if (mount.Destination is { } destination)
            {
                var path = mount.Path.Dot("destination");
                if (destination.Length == 0)
                {
                    context.Error(path, "mount destination must not be empty");
                }
                else if (!PathText.IsAbsolute(destination))
                {
                    var severity = context.Options.StrictMountDestinations ? Severity.Error : Severity.Warning;
                    context.Report(severity, path, $"mount destination {Text.Q(destination)} must be an absolute path");
                }
            }

            foreach (var field in new[] { "destination", "source", "type" })
            {
                if (mount.Node.TryString(field, out var value) && Text.HasNul(value))
                {
                    context.Error(mount.Path.Dot(field), $"mount {field} {Text.Q(value)} contains a nul byte");
                }
            }
        }
    }
}
