using System.Text.Json;
using Runc.Sharp.Spec.Validation.Semantic.Rules;

namespace Runc.Sharp.Spec.Validation.Semantic;

/// <summary>
/// Checks of a parsed <c>config.json</c> that a JSON schema cannot express: cross-field
/// constraints, namespace requirements and value syntaxes from the runtime-spec prose and
/// from what runc refuses. Nodes of an unexpected type are skipped (the schema reports them).
/// </summary>
public static class SemanticValidator
{
    private static readonly ISemanticRule[] Rules =
    [
        new OciVersionRule(),
        new RootRule(),
        new ProcessRule(),
        new EnvironmentRule(),
        new CapabilitiesRule(),
        new RlimitsRule(),
        new SchedulerRule(),
        new IoPriorityRule(),
        new ExecCpuAffinityRule(),
        new MountDestinationRule(),
        new BindMountRule(),
        new MountOptionsRule(),
        new MountIdMappingRule(),
        new NamespacesRule(),
        new UserNamespaceRule(),
        new ProcessUserMappingRule(),
        new TimeNamespaceRule(),
        new UtsNamespaceRule(),
        new SysctlRule(),
        new CgroupsPathRule(),
        new DevicesRule(),
        new DeviceCgroupRule(),
        new MemoryResourcesRule(),
        new CpuResourcesRule(),
        new BlockIoRule(),
        new PidsRule(),
        new HugepageLimitsRule(),
        new UnifiedRule(),
        new RdmaRule(),
        new SeccompRule(),
        new SeccompNotifyRule(),
        new RootfsPropagationRule(),
        new PathListsRule(),
        new PersonalityRule(),
        new MemoryPolicyRule(),
        new IntelRdtRule(),
        new NetDevicesRule(),
        new HooksRule(),
        new AnnotationsRule(),
    ];

    /// <summary>
    /// Validates <paramref name="config"/> (the config root). Returns errors and warnings in
    /// rule order; an empty list when the config is semantically sound. Never throws for any
    /// JSON input.
    /// </summary>
    public static IReadOnlyList<ValidationError> Validate(JsonElement config, SemanticOptions? options = null)
    {
        if (config.ValueKind != JsonValueKind.Object)
        {
            return Array.Empty<ValidationError>();
        }

        var context = new SemanticContext(config, options ?? SemanticOptions.Default);
        foreach (var rule in Rules)
        {
            try
            {
                rule.Check(context);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A crashing rule is our bug, not the user's; keep the other findings.
                context.Warning(JsonPath.Root, $"internal error in semantic rule {rule.GetType().Name}: {ex.GetType().Name}");
            }
        }

        return context.Findings;
    }
}
