namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary><c>hostname</c>/<c>domainname</c> need a UTS namespace and fit the kernel's 64 bytes.</summary>
internal sealed class UtsNamespaceRule : ISemanticRule
{
    private const int MaxLength = 64;

    public void Check(SemanticContext context)
    {
        foreach (var field in new[] { "hostname", "domainname" })
        {
            if (!context.Root.TryString(field, out var name) || name.Length == 0)
            {
                continue;
            }

            var path = "$".Dot(field);
            if (!context.Namespaces.Contains(NamespaceSet.Uts))
            {
                context.Error(path, $"unable to set {field} {Text.Q(name)} without a private uts namespace");
            }

            if (System.Text.Encoding.UTF8.GetByteCount(name) > MaxLength)
            {
                context.Error(path, $"{field} {Text.Q(name)} is longer than {MaxLength} bytes");
            }
        }
    }
}
