using System.Text.Json;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Model;
using Runc.Sharp.Spec.Serialization;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>The process `exec` runs: from --process, or config.json's process with the flags applied (runc getProcess).</summary>
public static class ExecProcessBuilder
{
    public static Process Build(ExecOptions o, RuntimeConfig? bundleConfig)
    {
        Process p;
        if (o.ProcessFile is not null)
        {
            try
            {
                p = SpecJson.ReadProcess(File.ReadAllBytes(o.ProcessFile));
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
            {
                throw new RuntimeException($"read process file {o.ProcessFile}: {e.Message}");
            }
        }
        else
        {
            var template = bundleConfig?.Process ?? new Process { Cwd = "/" };
            p = new Process
            {
                Args = o.Args.ToList(),
                Env = (template.Env ?? []).Concat(o.Env).ToList(),
                Cwd = o.Cwd ?? template.Cwd,
                Terminal = o.Tty,
                User = template.User is null ? null : new User { Uid = template.User.Uid, Gid = template.User.Gid, AdditionalGids = template.User.AdditionalGids?.ToList(), Umask = template.User.Umask },
                Capabilities = CopyOf(template.Capabilities),
                NoNewPrivileges = o.NoNewPrivs || template.NoNewPrivileges == true,
                Rlimits = template.Rlimits,
                ApparmorProfile = o.AppArmor ?? template.ApparmorProfile,
                SelinuxLabel = o.ProcessLabel ?? template.SelinuxLabel,
            };
            ApplyUser(p, o);
            foreach (var cap in o.Caps)
            {
                var c = p.Capabilities ??= new Capabilities();
                (c.Bounding ??= []).Add(cap);
                (c.Effective ??= []).Add(cap);
                (c.Permitted ??= []).Add(cap);
            }
        }
        InheritExecutionSettings(p, bundleConfig?.Process);
        if (string.IsNullOrEmpty(p.Cwd) || !p.Cwd.StartsWith('/'))
            throw new RuntimeException("cwd property must not be empty and must be an absolute path");
        if (p.Args is not { Count: > 0 })
            throw new RuntimeException("args must not be empty");
        return p;
    }

    /// <summary>
    /// The container's scheduler, I/O priority and exec CPU affinity apply to an exec'd process
    /// unless it sets its own (runc takes them from the container config, then the process).
    /// </summary>
    private static void InheritExecutionSettings(Process p, Process? container)
    {
        p.Scheduler ??= container?.Scheduler;
        p.IoPriority ??= container?.IoPriority;
        p.ExecCpuAffinity ??= container?.ExecCpuAffinity;
    }

    /// <summary>A copy whose lists --cap can extend without touching the bundle's config.</summary>
    private static Capabilities? CopyOf(Capabilities? c) => c is null ? null : new Capabilities
    {
        Bounding = c.Bounding?.ToList(),
        Effective = c.Effective?.ToList(),
        Inheritable = c.Inheritable?.ToList(),
        Permitted = c.Permitted?.ToList(),
        Ambient = c.Ambient?.ToList(),
        Extra = c.Extra,
    };

    private static void ApplyUser(Process p, ExecOptions o)
    {
        if (o.User is { Length: > 0 } user)
        {
            var parts = user.Split(':', 2);
            if (!uint.TryParse(parts[0], out var uid) || (parts.Length > 1 && !uint.TryParse(parts[1], out _)))
                throw new RuntimeException($"parsing {user} as uid:gid: runcs accepts numeric ids only");
            p.User ??= new User();
            p.User.Uid = uid;
            if (parts.Length > 1)
                p.User.Gid = uint.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        foreach (var g in o.AdditionalGids)
        {
            if (!uint.TryParse(g, out var gid))
                throw new RuntimeException($"invalid additional-gids value {g}");
            p.User ??= new User();
            (p.User.AdditionalGids ??= []).Add(gid);
        }
    }
}
