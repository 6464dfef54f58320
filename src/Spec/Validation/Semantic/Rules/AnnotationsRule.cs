namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// Annotation keys are non-empty (spec MUST), and the <c>org.opencontainers</c> namespace is
/// reserved: keys there other than the image-spec ones MUST NOT be used. The runtime ignores
/// them like unknown properties, hence a warning.
/// </summary>
internal sealed class AnnotationsRule : ISemanticRule
{
    private const string Reserved = "org.opencontainers.";
    private const string ImagePrefix = "org.opencontainers.image.";

    public void Check(SemanticContext context)
    {
        if (!context.Root.TryObject("annotations", out var annotations))
        {
            return;
        }

        foreach (var annotation in annotations.Properties())
        {
            var key = annotation.Name;
            var path = "$.annotations".Dot(key);
            if (key.Length == 0)
            {
                context.Error(path, "annotation keys must not be empty");
            }
            else if (key.StartsWith(Reserved, StringComparison.Ordinal) && !key.StartsWith(ImagePrefix, StringComparison.Ordinal))
            {
                context.Warning(path, $"annotation {Text.Q(key)} uses the reserved org.opencontainers namespace");
            }
        }
    }
}
