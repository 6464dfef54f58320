using System.Text.RegularExpressions;

namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// <c>ociVersion</c> is informational for runc (it accepts any 1.x, including -dev builds),
/// so this only warns when the value is not SemVer or names another major version.
/// </summary>
internal sealed partial class OciVersionRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        if (!context.Root.TryString("ociVersion", out var version))
        {
            return;
        }

        const string path = "$.ociVersion";
        var match = SemVer().Match(version);
        if (!match.Success)
        {
            context.Warning(path, $"ociVersion {Text.Q(version)} is not a semver version");
        }
        else if (match.Groups["major"].Value != "1")
        {
            context.Warning(path, $"ociVersion {Text.Q(version)} has major version {match.Groups["major"].Value}, this runtime implements 1.x");
        }
    }

    [GeneratedRegex(@"^(?<major>0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SemVer();
}
