using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// <c>linux.seccomp</c> names (actions, architectures, flags, operators), errno only with an
/// action that returns one (spec MUST fail otherwise), non-empty syscall names, and argument
/// indexes within the six syscall arguments.
/// </summary>
internal sealed class SeccompRule : ISemanticRule
{
    private const string BasePath = "$.linux.seccomp";
    private const int MaxArgIndex = 5;

    public void Check(SemanticContext context)
    {
        if (!context.Linux.TryObject("seccomp", out var seccomp))
        {
            return;
        }

        CheckAction(context, seccomp, "defaultAction", "defaultErrnoRet", BasePath);
        CheckNames(context, seccomp, "architectures", SeccompNames.Architectures, "seccomp architecture");
        CheckNames(context, seccomp, "flags", SeccompNames.Flags, "seccomp flag");

        if (!seccomp.TryArray("syscalls", out var syscalls))
        {
            return;
        }

        foreach (var (index, syscall) in syscalls.ObjectItems())
        {
            var path = BasePath.Dot("syscalls").At(index);
            CheckAction(context, syscall, "action", "errnoRet", path);
            if (syscall.TryArray("names", out var names) && names.GetArrayLength() == 0)
            {
                context.Error(path.Dot("names"), "seccomp syscall names must contain at least one entry");
            }

            foreach (var (nameIndex, name) in names.StringItems())
            {
                if (name.Length == 0)
                {
                    context.Error(path.Dot("names").At(nameIndex), "seccomp syscall name must not be empty");
                }
            }

            CheckArgs(context, syscall, path);
        }
    }

    private static void CheckAction(SemanticContext context, JsonElement node, string actionField, string errnoField, string path)
    {
        if (!node.TryString(actionField, out var action))
        {
            return;
        }

        if (!SeccompNames.Actions.Contains(action))
        {
            context.Error(path.Dot(actionField), $"unknown seccomp action {Text.Q(action)}");
        }
        else if (node.Has(errnoField) && !SeccompNames.ActionsWithErrno.Contains(action))
        {
            context.Error(path.Dot(errnoField), $"{errnoField} is only valid with SCMP_ACT_ERRNO or SCMP_ACT_TRACE, not {action}");
        }
    }

    private static void CheckNames(SemanticContext context, JsonElement seccomp, string field, IReadOnlySet<string> known, string what)
    {
        if (!seccomp.TryArray(field, out var list))
        {
            return;
        }

        foreach (var (index, name) in list.StringItems())
        {
            if (!known.Contains(name))
            {
                context.Error(BasePath.Dot(field).At(index), $"unknown {what} {Text.Q(name)}");
            }
        }
    }

    private static void CheckArgs(SemanticContext context, JsonElement syscall, string path)
    {
        if (!syscall.TryArray("args", out var args))
        {
            return;
        }

        foreach (var (index, arg) in args.ObjectItems())
        {
            var argPath = path.Dot("args").At(index);
            if (arg.TryString("op", out var op) && !SeccompNames.Operators.Contains(op))
            {
                context.Error(argPath.Dot("op"), $"unknown seccomp operator {Text.Q(op)}");
            }

            if (arg.TryNumber("index", out var argIndex) && (argIndex < 0 || argIndex > MaxArgIndex))
            {
                context.Error(argPath.Dot("index"), $"seccomp argument index {Text.N(argIndex)} is outside 0..{MaxArgIndex}");
            }
        }
    }
}
