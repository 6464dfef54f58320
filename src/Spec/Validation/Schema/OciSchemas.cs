using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// Validation against the OCI runtime-spec v1.3.0 JSON schemas shipped in this assembly. The schemas
/// are registered under their upstream location (<see cref="BaseUri"/>) as identifiers only; nothing
/// is downloaded. Validating compiles only the parts of the schemas the instance reaches.
/// </summary>
public static class OciSchemas
{
    public const string SpecVersion = "1.3.0";

    /// <summary><see cref="BaseUri"/> as a resource key (it is already in <see cref="Uri.AbsoluteUri"/> form).</summary>
    internal const string BaseKey = "https://raw.githubusercontent.com/opencontainers/runtime-spec/v" + SpecVersion + "/schema/";

    private const string ConfigKey = BaseKey + "config-schema.json";
    private const string StateKey = BaseKey + "state-schema.json";
    private const string FeaturesKey = BaseKey + "features-schema.json";

    private static readonly Lazy<JsonSchema> Config = new(() => SchemaRegistry.Oci.GetSchemaLazily(ConfigKey));
    private static readonly Lazy<JsonSchema> State = new(() => SchemaRegistry.Oci.GetSchemaLazily(StateKey));
    private static readonly Lazy<JsonSchema> Features = new(() => SchemaRegistry.Oci.GetSchemaLazily(FeaturesKey));

    // Uri objects are costly to build; made only if someone asks.
    private static Uri? _baseUri;
    private static Uri? _configSchemaUri;
    private static Uri? _stateSchemaUri;
    private static Uri? _featuresSchemaUri;

    public static Uri BaseUri => _baseUri ??= new(BaseKey);

    public static Uri ConfigSchemaUri => _configSchemaUri ??= new(ConfigKey);

    public static Uri StateSchemaUri => _stateSchemaUri ??= new(StateKey);

    public static Uri FeaturesSchemaUri => _featuresSchemaUri ??= new(FeaturesKey);

    /// <summary>The schema of a container's <c>config.json</c>.</summary>
    public static JsonSchema ConfigSchema => Config.Value;

    /// <summary>The schema of the runtime <c>state</c> output.</summary>
    public static JsonSchema StateSchema => State.Value;

    /// <summary>The schema of the runtime <c>features</c> output.</summary>
    public static JsonSchema FeaturesSchema => Features.Value;

    public static IReadOnlyList<ValidationError> ValidateConfig(JsonElement config) => ConfigSchema.Validate(config);

    public static IReadOnlyList<ValidationError> ValidateState(JsonElement state) => StateSchema.Validate(state);

    public static IReadOnlyList<ValidationError> ValidateFeatures(JsonElement features) => FeaturesSchema.Validate(features);
}
