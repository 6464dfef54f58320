using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>Entry points for validating a JSON value against a schema registered by URI.</summary>
public static class JsonSchemaValidator
{
    /// <summary>
    /// Validates <paramref name="instance"/> against the schema at <paramref name="schemaUri"/> in
    /// <paramref name="registry"/> (default: <see cref="SchemaRegistry.Oci"/>).
    /// </summary>
    /// <exception cref="SchemaException">The schema cannot be found or compiled.</exception>
    public static IReadOnlyList<ValidationError> Validate(JsonElement instance, Uri schemaUri, SchemaRegistry? registry = null) =>
        (registry ?? SchemaRegistry.Oci).GetSchema(schemaUri).Validate(instance);

    public static IReadOnlyList<ValidationError> Validate(JsonElement instance, string schemaUri, SchemaRegistry? registry = null) =>
        Validate(instance, new Uri(schemaUri, UriKind.Absolute), registry);
}
