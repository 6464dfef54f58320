using System.Text.Json.Serialization;

namespace Runc.Sharp.Runtime.Containers;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ContainerRecord))]
internal sealed partial class ContainersJsonContext : JsonSerializerContext;
