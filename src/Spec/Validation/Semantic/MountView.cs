using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Semantic;

/// <summary>The facts about one <c>mounts[]</c> entry that several mount rules need.</summary>
internal readonly record struct MountView(int Index, JsonElement Node, string Path, string? Type, string? Destination, IReadOnlyList<(int Index, string Value)> Options)
{
    /// <summary>A bind mount per the spec (<c>bind</c>/<c>rbind</c> option) or by runc's reading of type "bind".</summary>
    public bool IsBind => Type == "bind" || Options.Any(o => MountOptions.IsBind(o.Value));

    public bool HasBindOption => Options.Any(o => MountOptions.IsBind(o.Value));

    public bool HasIdMapOption => Options.Any(o => MountOptions.IsIdMap(o.Value));

    /// <summary>How the message names the mount: its destination when it has one, else its index.</summary>
    public string Label => Destination is { Length: > 0 } d ? Text.Q(d) : "#" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static IEnumerable<MountView> All(JsonElement root)
    {
        if (!root.TryArray("mounts", out var mounts))
        {
            yield break;
        }

        foreach (var (index, node) in mounts.ObjectItems())
        {
            var type = node.TryString("type", out var t) ? t : null;
            var destination = node.TryString("destination", out var d) ? d : null;
            var options = node.TryArray("options", out var list) ? list.StringItems().ToList() : [];
            yield return new MountView(index, node, "$.mounts".At(index), type, destination, options);
        }
    }
}
