using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Security.Seccomp;

/// <summary>One argument comparison, as struct scmp_arg_cmp takes it (MASKED_EQ: value is the mask).</summary>
public sealed record SeccompCondition(uint Index, int Op, ulong Value, ulong ValueTwo);

/// <summary>One libseccomp rule: a syscall name, an action, and conditions that must all hold.</summary>
public sealed record SeccompRule(string Syscall, uint Action, IReadOnlyList<SeccompCondition> Conditions);

/// <summary>
/// The rules a profile's <c>syscalls</c> turn into, with runc's semantics: one rule per name;
/// a rule whose action is the default action is dropped (libseccomp refuses it and it changes
/// nothing); conditions on distinct arguments are AND-ed in one rule, but when two conditions
/// test the same argument each becomes a rule of its own (libseccomp cannot AND two tests of
/// one argument, so runc keeps its historical OR behaviour there).
/// </summary>
public static class SeccompRuleSet
{
    public const int MaxArguments = 6;

    public static List<SeccompRule> Plan(IEnumerable<LinuxSyscall> syscalls, uint defaultAction)
    {
        var rules = new List<SeccompRule>();
        foreach (var entry in syscalls)
        {
            var action = SeccompConstants.Action(entry.Action, entry.ErrnoRet)
                ?? throw new RuntimeException($"seccomp: unknown action {entry.Action}");
            var conditions = (entry.Args ?? []).Select(Condition).ToList();
            if (action == defaultAction)
                continue;
            var sameArgumentTwice = conditions.GroupBy(c => c.Index).Any(g => g.Count() > 1);
            foreach (var name in entry.Names)
            {
                if (string.IsNullOrEmpty(name))
                    throw new RuntimeException("seccomp: an empty string is not a valid syscall name");
                if (sameArgumentTwice)
                    rules.AddRange(conditions.Select(c => new SeccompRule(name, action, [c])));
                else
                    rules.Add(new SeccompRule(name, action, conditions));
            }
        }
        return rules;
    }

    private static SeccompCondition Condition(LinuxSeccompArg arg)
    {
        if (!SeccompConstants.Operators.TryGetValue(arg.Op, out var op))
            throw new RuntimeException($"seccomp: unknown operator {arg.Op}");
        if (arg.Index >= MaxArguments)
            throw new RuntimeException($"seccomp: argument index {arg.Index} is outside 0..{MaxArguments - 1}");
        return new SeccompCondition(arg.Index, op, arg.Value, arg.ValueTwo ?? 0);
    }
}
