using System.Text.Json;
using Runc.Sharp.Spec.Validation.Schema.Keywords;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>One compiled schema object: the keywords that constrain a value, parsed once.</summary>
internal sealed class SchemaNode(string location)
{
    private SchemaKeyword[] _keywords = [];

    /// <summary>Where the schema came from (<c>uri#pointer</c>), for diagnostics.</summary>
    public string Location { get; } = location;

    /// <summary>True for <c>{}</c> (or only annotations): every value is valid.</summary>
    public bool AcceptsEverything => _keywords.Length == 0;

    internal void SetKeywords(SchemaKeyword[] keywords) => _keywords = keywords;

    public bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        bool valid = true;
        foreach (SchemaKeyword keyword in _keywords)
        {
            if (!keyword.Evaluate(instance, location, context))
            {
                valid = false;
                if (!context.IsCollecting)
                {
                    return false;
                }
            }
        }

        return valid;
    }

    public override string ToString() => Location;
}
