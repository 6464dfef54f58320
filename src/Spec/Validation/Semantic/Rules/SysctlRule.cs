namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// <c>linux.sysctl</c>: /proc/sys is only partly namespaced, so each key must belong to a
/// namespace the container has (the same classification runc applies), and must be a
/// well-formed name. Keys may use "/" instead of "." as separator (sysctl.d(5)), as runc allows.
/// </summary>
internal sealed class SysctlRule : ISemanticRule
{
    private static readonly HashSet<string> IpcSysctls = new(StringComparer.Ordinal)
    {
        "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
        "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced",
    };

    public void Check(SemanticContext context)
    {
        if (!context.Linux.TryObject("sysctl", out var sysctl))
        {
            return;
        }

        var namespaces = context.Namespaces;
        foreach (var entry in sysctl.Properties())
        {
            var key = entry.Name;
            var path = "$.linux.sysctl".Dot(key);
            if (!IsWellFormed(key))
            {
                context.Error(path, $"sysctl name {Text.Q(key)} is malformed");
                continue;
            }

            var name = ToDotted(key);
            if (IpcSysctls.Contains(name) || name.StartsWith("fs.mqueue.", StringComparison.Ordinal))
            {
                if (!namespaces.Contains(NamespaceSet.Ipc))
                {
                    context.Error(path, $"sysctl {Text.Q(key)} is not allowed in the host's ipc namespace");
                }
            }
            else if (name.StartsWith("net.", StringComparison.Ordinal))
            {
                if (!namespaces.Contains(NamespaceSet.Network))
                {
                    context.Error(path, $"sysctl {Text.Q(key)} is not allowed in the host's network namespace");
                }
            }
            else if (name == "kernel.domainname" && namespaces.Contains(NamespaceSet.Uts))
            {
                // Namespaced by uts, and there is no dedicated field competing with it.
            }
            else if (name == "kernel.hostname" && namespaces.Contains(NamespaceSet.Uts))
            {
                context.Error(path, $"sysctl {Text.Q(key)} is not allowed, it conflicts with the hostname field");
            }
            else
            {
                context.Error(path, $"sysctl {Text.Q(key)} is not in a separate kernel namespace");
            }
        }
    }

    /// <summary>Dotted form of a key: when "/" comes first it is the separator and "." is literal, so the two swap.</summary>
    internal static string ToDotted(string key)
    {
        var first = key.IndexOfAny(['.', '/']);
        if (first < 0 || key[first] == '.')
        {
            return key;
        }

        return string.Create(key.Length, key, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] switch { '.' => '/', '/' => '.', var c => c };
            }
        });
    }

    // No empty component under either separator: this rules out "..", "//", and leading or
    // trailing separators, which could otherwise walk out of /proc/sys.
    private static bool IsWellFormed(string key)
    {
        if (key.Length == 0)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return !key.Split('.', '/').Any(part => part.Length == 0);
    }
}
