using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>Presence of <c>process</c>, its <c>cwd</c>, <c>args</c>, <c>oomScoreAdj</c> and <c>user.umask</c>.</summary>
internal sealed class ProcessRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        if (!context.Root.Has("process"))
        {
            if (context.Options.RequireProcess)
            {
                context.Error("$.process", "process must be specified to create a container");
            }

            return;
        }

        var process = context.Process;
        if (process.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        CheckCwd(context, process);
        CheckArgs(context, process);
        CheckOomScoreAdj(context, process);
        CheckUmask(context, process);
    }

    private static void CheckCwd(SemanticContext context, JsonElement process)
    {
        if (process.TryString("cwd", out var cwd) && !PathText.IsAbsolute(cwd))
        {
            context.Error("$.process.cwd", $"process.cwd {Text.Q(cwd)} must be an absolute path");
        }
    }

    private static void CheckArgs(SemanticContext context, JsonElement process)
    {
        if (!process.Has("args"))
        {
            // commandLine is only the Windows alternative.
            context.Error("$.process.args", "process.args must be specified");
            return;
        }

        if (!process.TryArray("args", out var args))
        {
            return;
        }

        if (args.GetArrayLength() == 0)
        {
            context.Error("$.process.args", "process.args must contain at least one entry");
            return;
        }

        var first = args[0];
        if (first.TryAsString(out var executable) && executable.Length == 0)
        {
            context.Error("$.process.args[0]", "process.args[0] (the executable) must not be empty");
        }

        foreach (var (index, arg) in args.StringItems())
        {
            if (Text.HasNul(arg))
            {
                context.Error("$.process.args".At(index), $"argument {Text.Q(arg)} contains a nul byte");
            }
        }
    }

    private static void CheckOomScoreAdj(SemanticContext context, JsonElement process)
    {
        if (process.TryNumber("oomScoreAdj", out var value) && (value < -1000 || value > 1000))
        {
            context.Error("$.process.oomScoreAdj", $"oomScoreAdj {Text.N(value)} is outside the range -1000..1000");
        }
    }

    private static void CheckUmask(SemanticContext context, JsonElement process)
    {
        if (process.TryObject("user", out var user) && user.TryNumber("umask", out var umask) && (umask < 0 || umask > 511))
        {
            context.Warning("$.process.user.umask", $"umask {Text.N(umask)} is outside 0..0777; only the permission bits are used");
        }
    }
}
