namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>Each <c>process.env</c> entry is <c>KEY=value</c> with a non-empty key and no nul byte.</summary>
internal sealed class EnvironmentRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        if (!context.Process.TryArray("env", out var env))
        {
            return;
        }

        foreach (var (index, entry) in env.StringItems())
        {
            var path = "$.process.env".At(index);
            var equals = entry.IndexOf('=');
            if (equals < 0)
            {
                context.Error(path, $"environment variable {Text.Q(entry)} must have the form KEY=value");
            }
            else if (equals == 0)
            {
                context.Error(path, $"environment variable {Text.Q(entry)} has an empty name");
            }
            else if (Text.HasNul(entry))
            {
                context.Error(path, $"environment variable {Text.Q(entry)} contains a nul byte");
            }
        }
    }
}
