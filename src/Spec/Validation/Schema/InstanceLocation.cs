using System.Text;
using System.Text.Json;
using Runc.Sharp.Spec.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// Where in the instance a value sits. A cheap linked list; member names and the <see cref="JsonPath"/>
/// string are only built for locations that end up in an error. One object exists per visited value;
/// its identity is what <c>$ref</c> loop detection compares.
/// </summary>
internal sealed class InstanceLocation
{
    private readonly InstanceLocation? _parent;
    private readonly JsonProperty _member;
    private readonly int _index;

    private InstanceLocation(InstanceLocation? parent, JsonProperty member, int index)
    {
        _parent = parent;
        _member = member;
        _index = index;
    }

    public static InstanceLocation CreateRoot() => new(null, default, -1);

    /// <summary>The value of <paramref name="member"/> of the object at this location.</summary>
    public InstanceLocation Property(JsonProperty member) => new(this, member, -1);

    public InstanceLocation Item(int index) => new(this, default, index);

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
        if (_index < 0)
        {
            JsonPath.AppendProperty(builder, _member.Name);
        }
        else
        {
            JsonPath.AppendIndex(builder, _index);
        }
    }
}
