using System.Text;
using Runc.Sharp.Spec.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// Where in the instance a value sits. A cheap linked list; the <see cref="JsonPath"/> string is only
/// built for locations that end up in an error. One object exists per visited value, which also makes
/// it the place to remember which schemas are being applied to that value (loop detection).
/// </summary>
internal sealed class InstanceLocation
{
    private readonly InstanceLocation? _parent;
    private readonly string? _propertyName;
    private readonly int _index;
    private List<SchemaNode>? _activeReferences;

    private InstanceLocation(InstanceLocation? parent, string? propertyName, int index)
    {
        _parent = parent;
        _propertyName = propertyName;
        _index = index;
    }

    public static InstanceLocation CreateRoot() => new(null, null, -1);

    public InstanceLocation Property(string name) => new(this, name, -1);

    public InstanceLocation Item(int index) => new(this, null, index);

    /// <summary>
    /// Marks <paramref name="node"/> as being applied to this value through a <c>$ref</c>.
    /// False when it already is: following the reference again would loop without consuming input.
    /// </summary>
    public bool TryEnter(SchemaNode node)
    {
        _activeReferences ??= [];
        if (_activeReferences.Contains(node))
        {
            return false;
        }

        _activeReferences.Add(node);
        return true;
    }

    public void Exit(SchemaNode node) => _activeReferences!.Remove(node);

    public string ToPath()
    {
        var builder = new StringBuilder();
        Append(builder);
        return builder.ToString();
    }

    public override string ToString() => ToPath();

    private void Append(StringBuilder builder)
    {
        if (_parent is null)
        {
            builder.Append(JsonPath.Root);
            return;
        }

        _parent.Append(builder);
        if (_propertyName is not null)
        {
            JsonPath.AppendProperty(builder, _propertyName);
        }
        else
        {
            JsonPath.AppendIndex(builder, _index);
        }
    }
}
