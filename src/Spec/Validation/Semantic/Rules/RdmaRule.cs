namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary><c>linux.resources.rdma</c>: each device limits hcaHandles, hcaObjects or both (spec MUST).</summary>
internal sealed class RdmaRule : ISemanticRule
{
    public void Check(SemanticContext context)
    {
        if (!context.Resources.TryObject("rdma", out var rdma))
        {
            return;
        }

        foreach (var device in rdma.Properties())
        {
            if (device.Value.ValueKind == System.Text.Json.JsonValueKind.Object &&
                !device.Value.Has("hcaHandles") && !device.Value.Has("hcaObjects"))
            {
                context.Error("$.linux.resources.rdma".Dot(device.Name), $"rdma device {Text.Q(device.Name)} needs hcaHandles or hcaObjects");
            }
        }
    }
}
