namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// Idmapped mounts: uid/gid mappings come as a pair, go with an idmap/ridmap option, apply
/// to bind mounts only (runc), and an idmap without its own mappings borrows the user
/// namespace's, so one must exist (runtime-spec "idmap").
/// </summary>
internal sealed class MountIdMappingRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        foreach (var mount in MountView.All(context.Root))
        {
            var hasUid = mount.Node.Has("uidMappings");
            var hasGid = mount.Node.Has("gidMappings");
            var hasMappings = hasUid || hasGid;

            if (hasUid != hasGid)
            {
                var (present, missing) = hasUid ? ("uidMappings", "gidMappings") : ("gidMappings", "uidMappings");
                context.Error(mount.Path.Dot(missing), $"mount {mount.Label} has {present} without {missing}");
            }

            if (hasMappings && !mount.HasIdMapOption)
            {
                context.Warning(mount.Path.Dot("options"), $"mount {mount.Label} has uid/gid mappings but no \"idmap\" or \"ridmap\" option");
            }

            if ((hasMappings || mount.HasIdMapOption) && !mount.HasBindOption)
            {
                context.Error(mount.Path.Dot("options"), $"idmapped mount {mount.Label} needs the \"bind\" or \"rbind\" option");
            }

            if (mount.HasIdMapOption && !hasMappings && !context.Namespaces.Contains(NamespaceSet.User))
            {
                context.Error(mount.Path.Dot("options"), $"idmapped mount {mount.Label} has no uid/gid mappings and there is no user namespace to take them from");
            }

            if (mount.Node.TryArray("uidMappings", out var uid))
            {
                IdMappings.Check(context, uid, mount.Path.Dot("uidMappings"), "uidMappings");
            }

            if (mount.Node.TryArray("gidMappings", out var gid))
            {
                IdMappings.Check(context, gid, mount.Path.Dot("gidMappings"), "gidMappings");
            }
        }
    }
}
