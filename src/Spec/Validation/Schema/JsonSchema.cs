using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>A compiled draft-04 schema, ready to validate instances. Immutable and thread-safe.</summary>
public sealed class JsonSchema
{
    private readonly SchemaNode _root;
    private readonly string _uriText;
    private Uri? _uri;

    internal JsonSchema(Uri uri, SchemaNode root)
    {
        _uri = uri;
        _uriText = uri.ToString();
        _root = root;
    }

    /// <summary>A schema known by its resource key; the <see cref="Uri"/> object is only made if asked for.</summary>
    internal JsonSchema(string uri, SchemaNode root)
    {
        _uriText = uri;
        _root = root;
    }

    public Uri Uri => _uri ??= new Uri(_uriText, UriKind.Absolute);

    /// <summary>
    /// All problems found, in document order, each with the JSON path of the offending value
    /// (<c>$.mounts[2].destination</c>); empty when <paramref name="instance"/> is valid.
    /// </summary>
    public IReadOnlyList<ValidationError> Validate(JsonElement instance)
    {
        var violations = new List<SchemaViolation>();
        if (_root.Evaluate(instance, InstanceLocation.CreateRoot(), new EvaluationContext(violations)) || violations.Count == 0)
        {
            return [];
        }

        var errors = new List<ValidationError>(violations.Count);
        var seen = new HashSet<(string, string)>();
        foreach (SchemaViolation violation in violations)
        {
            string path = violation.Location.ToPath();
            if (seen.Add((path, violation.Message)))
            {
                errors.Add(new ValidationError(path, violation.Message));
            }
        }

        return errors;
    }

    /// <summary>Validity only: stops at the first failure and builds no messages.</summary>
    public bool IsValid(JsonElement instance) =>
        _root.Evaluate(instance, InstanceLocation.CreateRoot(), new EvaluationContext(null));

    public override string ToString() => _uriText;
}
