namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// <c>linux.resources.unified</c> keys name a file in the container's cgroup directory:
/// <c>controller.file</c>, never a path.
/// </summary>
internal sealed class UnifiedRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        if (!context.Resources.TryObject("unified", out var unified))
        {
            return;
        }

        foreach (var entry in unified.Properties())
        {
            var key = entry.Name;
            var path = "$.linux.resources.unified".Dot(key);
            if (key.Contains('/') || key.Contains('\0'))
            {
                context.Error(path, $"unified key {Text.Q(key)} must be a file name, not a path");
            }
            else if (key.IndexOf('.') <= 0 || key.EndsWith('.') || key.Contains(".."))
            {
                context.Error(path, $"unified key {Text.Q(key)} must have the form \"controller.file\"");
            }
        }
    }
}
