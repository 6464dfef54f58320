using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>Every hook has an absolute path and, when set, a timeout above zero (spec MUST both).</summary>
internal sealed class HooksRule : ISemanticRule
{
    private static readonly string[] Phases =
        ["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"];

    public void Check(SemanticContext context)
    {
        if (!context.Root.TryObject("hooks", out var hooks))
        {
            return;
        }

        foreach (var phase in Phases)
        {
            if (!hooks.TryArray(phase, out var list))
            {
                continue;
            }

            foreach (var (index, hook) in list.ObjectItems())
            {
                CheckHook(context, hook, "$.hooks".Dot(phase).At(index), phase);
            }
        }
    }

    private static void CheckHook(SemanticContext context, JsonElement hook, string path, string phase)
    {
        if (hook.TryString("path", out var hookPath) && !PathText.IsAbsolute(hookPath))
        {
            context.Error(path.Dot("path"), $"{phase} hook path {Text.Q(hookPath)} must be an absolute path");
        }

        if (hook.TryNumber("timeout", out var timeout) && timeout <= 0)
        {
            context.Error(path.Dot("timeout"), $"{phase} hook timeout {Text.N(timeout)} must be greater than zero");
        }

        if (hook.TryArray("env", out var env))
        {
            foreach (var (index, entry) in env.StringItems())
            {
                if (entry.IndexOf('=') <= 0)
                {
                    context.Warning(path.Dot("env").At(index), $"hook environment variable {Text.Q(entry)} does not have the form KEY=value");
                }
            }
        }
    }
}
