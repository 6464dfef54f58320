namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary><c>linux.personality</c>: domain LINUX or LINUX32; no flag is supported yet, so flags are dropped.</summary>
internal sealed class PersonalityRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        if (!context.Linux.TryObject("personality", out var personality))
        {
            return;
        }

        const string path = "$.linux.personality";
        if (personality.TryString("domain", out var domain) && domain is not ("LINUX" or "LINUX32"))
        {
            context.Error(path.Dot("domain"), $"personality domain {Text.Q(domain)} must be \"LINUX\" or \"LINUX32\"");
        }

        if (personality.TryArray("flags", out var flags) && flags.GetArrayLength() > 0)
        {
            context.Warning(path.Dot("flags"), "personality flags are not supported and will be ignored");
        }
    }
}
