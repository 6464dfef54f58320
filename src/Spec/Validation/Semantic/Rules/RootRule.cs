namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary><c>root</c> is required on Linux and its <c>path</c> must name something.</summary>
internal sealed class RootRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        if (!context.Root.Has("root"))
        {
            context.Error("$.root", "root must be specified");
            return;
        }

        if (context.Root.TryObject("root", out var root))
        {
            if (!root.Has("path"))
            {
                context.Error("$.root.path", "root.path must be specified");
            }
            else if (root.TryString("path", out var path))
            {
                if (path.Length == 0)
                {
                    context.Error("$.root.path", "root.path must not be empty");
                }
                else if (Text.HasNul(path))
                {
                    context.Error("$.root.path", $"root.path {Text.Q(path)} contains a nul byte");
                }
            }
        }
    }
}
