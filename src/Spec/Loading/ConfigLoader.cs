using System.Text.Json;
using Runc.Sharp.Spec.Json;
using Runc.Sharp.Spec.Model;
using Runc.Sharp.Spec.Serialization;
using Runc.Sharp.Spec.Validation;
using Runc.Sharp.Spec.Validation.Schema;
using Runc.Sharp.Spec.Validation.Semantic;

namespace Runc.Sharp.Spec.Loading;

/// <summary>
/// config.json bytes → model, through every check: well-formed UTF-8 JSON, the OCI schema, the
/// semantic rules, then the typed model. Never throws for bad input; problems carry the JSON
/// path and the line:column of the offending value.
/// </summary>
public static class ConfigLoader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static ConfigLoadResult Load(ReadOnlySpan<byte> utf8, SemanticOptions? options = null, bool schema = true)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), DocumentOptions);
        }
        catch (JsonException e)
        {
            return Failed(ParseError(e, utf8));
        }
        using (document)
        {
            var problems = new List<ValidationError>();
            if (schema)
                problems.AddRange(OciSchemas.ValidateConfig(document.RootElement));
            problems.AddRange(SemanticValidator.Validate(document.RootElement, options));
            if (problems.Count > 0)
                problems = JsonPositionMap.Build(utf8).Locate(problems).ToList();
            if (problems.Any(p => p.Severity == Severity.Error))
                return new ConfigLoadResult(null, problems);
            try
            {
                return new ConfigLoadResult(SpecJson.ReadConfig(utf8), problems);
            }
            catch (JsonException e)
            {
                problems.Add(ParseError(e, utf8));
                return new ConfigLoadResult(null, problems);
            }
        }
    }

    /// <summary>
    /// Only the schema check, for callers that ran <see cref="Load"/> with schema: false and want
    /// to overlap this (the costly part) with other work.
    /// </summary>
    public static IReadOnlyList<ValidationError> ValidateSchema(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray(), DocumentOptions);
            var problems = OciSchemas.ValidateConfig(document.RootElement);
            return problems.Count == 0 ? problems : JsonPositionMap.Build(utf8).Locate(problems);
        }
        catch (JsonException e)
        {
            return [ParseError(e, utf8)];
        }
    }

    private static ConfigLoadResult Failed(ValidationError error) => new(null, [error]);

    private static ValidationError ParseError(JsonException e, ReadOnlySpan<byte> utf8)
    {
        var position = JsonPositionMap.PositionOf(e, utf8);
        var message = Describe(e);
        return new ValidationError(e.Path ?? Json.JsonPath.Root, message)
        {
            Line = position?.Line ?? 0,
            Column = position?.Column ?? 0,
        };
    }

    /// <summary>The exception's first sentence, without .NET's trailing "Path: … | LineNumber: …".</summary>
    private static string Describe(JsonException e)
    {
        var text = e.Message;
        var cut = text.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
            cut = text.IndexOf(" LineNumber:", StringComparison.Ordinal);
        text = (cut > 0 ? text[..cut] : text).Trim();
        if (text.Length > 0 && char.IsUpper(text[0]) && (text.Length == 1 || !char.IsUpper(text[1])))
            text = char.ToLowerInvariant(text[0]) + text[1..];
        return "invalid JSON: " + text.TrimEnd('.');
    }
}
