using Runc.Sharp.Runtime.Protocol;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Init;

/// <summary>The OCI state a hook run from init gets on stdin.</summary>
public static class HookState
{
    public static ContainerState Of(InitConfig cfg, string status) =>
        ContainerState.Of(cfg.ContainerId, status, Environment.ProcessId, cfg.Bundle, cfg.Config.Annotations);
}
