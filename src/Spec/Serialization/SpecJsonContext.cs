using System.Text.Json;
using System.Text.Json.Serialization;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Spec.Serialization;

/// <summary>
/// Source-generated System.Text.Json metadata for every runtime-spec document the runtime
/// reads or writes. No reflection: use the typed <c>JsonTypeInfo</c> properties
/// (<see cref="RuntimeConfig"/>, <see cref="Process"/>, …) or the <see cref="SpecJson"/> facade.
/// </summary>
/// <remarks>
/// Names come from [JsonPropertyName] on every model property (the spec's exact spelling);
/// the camelCase policy is only a fallback. Dictionary keys (annotations, sysctl, unified,
/// rdma, netDevices, timeOffsets) are never renamed. Nulls are not written, so an absent
/// optional member stays absent. Numbers are strict (no quoted numbers), comments and trailing
/// commas are rejected, like Go's encoding/json.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    AllowTrailingCommas = false,
    PropertyNameCaseInsensitive = false,
    WriteIndented = true,
    IndentCharacter = '\t',
    IndentSize = 1,
    NewLine = "\n")]
[JsonSerializable(typeof(RuntimeConfig))]
[JsonSerializable(typeof(Process))]
[JsonSerializable(typeof(LinuxResources))]
[JsonSerializable(typeof(ContainerState))]
[JsonSerializable(typeof(ContainerProcessState))]
[JsonSerializable(typeof(Features))]
public sealed partial class SpecJsonContext : JsonSerializerContext
{
}
