using Xunit.Abstractions;

namespace Runc.Sharp.Spec.Tests.Schema;

/// <summary>
/// A theory argument that names a data-driven case. Its <see cref="ToString"/> is the whole name, so
/// test explorers show "ref.json: root pointer ref: match" instead of a string truncated at 50 characters;
/// serializable so each case is discovered and run as its own test.
/// </summary>
public sealed class SuiteCase : IXunitSerializable
{
    public SuiteCase()
    {
        Name = string.Empty;
    }

    public SuiteCase(string name) => Name = name;

    public string Name { get; private set; }

    public void Deserialize(IXunitSerializationInfo info) => Name = info.GetValue<string>(nameof(Name));

    public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Name), Name);

    public override string ToString() => Name;
}
