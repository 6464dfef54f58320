using System.Text.Json.Serialization;

namespace Runc.Sharp.Runtime.Cgroups;

/// <summary>Source-generated (trim/AOT safe) JSON for <see cref="CgroupStats"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(CgroupStats))]
public sealed partial class CgroupStatsJsonContext : JsonSerializerContext
{
}
