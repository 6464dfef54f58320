using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>runc's id rule: [A-Za-z0-9_+.-]+, never "." or "..", so an id is always one path element.</summary>
public static class ContainerId
{
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id is "." or ".." || id.Length > 1024)
            return false;
        foreach (var c in id)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '-' or '.'))
                return false;
        return true;
    }

    public static string Validate(string? id) =>
        IsValid(id) ? id! : throw new RuntimeException($"invalid container id format: {id}");
}
