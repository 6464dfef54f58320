using System.Text.Json.Serialization;

namespace Runc.Sharp.Runtime.Protocol;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InitConfig))]
[JsonSerializable(typeof(InitMessage))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
