using System.Text;
using Runc.Sharp.Spec.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// Where in the instance a value sits. A cheap linked list; the <see cref="JsonPath"/> string is only
/// built for locations that end up in an error. One object exists per visited value; its identity is
/// what <c>$ref</c> loop detection compares.
/// </summary>
internal sealed class InstanceLocation
{
    private readonly InstanceLocation? _parent;
    private readonly string? _propertyName;
    private readonly int _index;

    private InstanceLocation(InstanceLocation? parent, string? propertyName, int index)
    {
        _parent = parent;
        _propertyName = propertyName;
        _index = index;
    }

    public static InstanceLocation CreateRoot() => new(null, null, -1);

    public InstanceLocation Property(string name) => new(this, name, -1);

    public InstanceLocation Item(int index) => new(this, null, index);

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
