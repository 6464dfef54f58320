using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// Validation against the OCI runtime-spec v1.3.0 JSON schemas shipped in this assembly. The schemas
/// are registered under their upstream location (<see cref="BaseUri"/>) as identifiers only; nothing
/// is downloaded.
/// </summary>
public static class OciSchemas
{
    public const string SpecVersion = "1.3.0";

    public static Uri BaseUri { get; } = new($"https://raw.githubusercontent.com/opencontainers/runtime-spec/v{SpecVersion}/schema/");

    public static Uri ConfigSchemaUri { get; } = new(BaseUri, "config-schema.json");

    public static Uri StateSchemaUri { get; } = new(BaseUri, "state-schema.json");

    public static Uri FeaturesSchemaUri { get; } = new(BaseUri, "features-schema.json");

    private static readonly Lazy<JsonSchema> Config = new(() => SchemaRegistry.Oci.GetSchema(ConfigSchemaUri));
    private static readonly Lazy<JsonSchema> State = new(() => SchemaRegistry.Oci.GetSchema(StateSchemaUri));
    private static readonly Lazy<JsonSchema> Features = new(() => SchemaRegistry.Oci.GetSchema(FeaturesSchemaUri));

    /// <summary>The compiled schema of a container's <c>config.json</c>.</summary>
    public static JsonSchema ConfigSchema => Config.Value;

    /// <summary>The compiled schema of the runtime <c>state</c> output.</summary>
    public static JsonSchema StateSchema => State.Value;

    /// <summary>The compiled schema of the runtime <c>features</c> output.</summary>
    public static JsonSchema FeaturesSchema => Features.Value;

    public static IReadOnlyList<ValidationError> ValidateConfig(JsonElement config) => ConfigSchema.Validate(config);

    public static IReadOnlyList<ValidationError> ValidateState(JsonElement state) => StateSchema.Validate(state);

    public static IReadOnlyList<ValidationError> ValidateFeatures(JsonElement features) => FeaturesSchema.Validate(features);
}
