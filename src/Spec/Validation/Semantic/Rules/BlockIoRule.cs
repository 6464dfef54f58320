using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// <c>linux.resources.blockIO</c>: weights in the blkio range 10..1000 (0 means unset), and every
/// <c>weightDevice</c> entry carries a weight or a leafWeight (spec MUST).
/// </summary>
internal sealed class BlockIoRule : ISemanticRule
{
    private const string BasePath = "$.linux.resources.blockIO";
    private const int MinWeight = 10;
    private const int MaxWeight = 1000;

    public void Check(SemanticContext context)
    {
        if (!context.Resources.TryObject("blockIO", out var blockIo))
        {
            return;
        }

        CheckWeights(context, blockIo, BasePath);

        if (!blockIo.TryArray("weightDevice", out var devices))
        {
            return;
        }

        foreach (var (index, device) in devices.ObjectItems())
        {
            var path = BasePath.Dot("weightDevice").At(index);
            if (!device.Has("weight") && !device.Has("leafWeight"))
            {
                context.Error(path, "blockIO weightDevice entry needs a weight or a leafWeight");
            }

            CheckWeights(context, device, path);
        }
    }

    private static void CheckWeights(SemanticContext context, JsonElement node, string path)
    {
        foreach (var field in new[] { "weight", "leafWeight" })
        {
            if (node.TryNumber(field, out var weight) && weight != 0 && (weight < MinWeight || weight > MaxWeight))
            {
                context.Error(path.Dot(field), $"blockIO {field} {Text.N(weight)} is outside the range {MinWeight}..{MaxWeight}");
            }
        }
    }
}
