using System.Text.Json.Serialization;

namespace Runc.Sharp.Runtime.Cgroups;

/// <summary>Source-generated (trim/AOT safe) JSON for <see cref="CgroupStats"/>; absent (null) parts are left out, as runc's omitempty.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CgroupStats))]
public sealed partial class CgroupStatsJsonContext : JsonSerializerContext
{
}
