using System.Text.Encodings.Web;
using System.Text.Json;

namespace Runc.Sharp.Cli.Parsing;

/// <summary>Compact JSON (Go's json.Marshal) for list and ps output.</summary>
public static class ListContext
{
    public static readonly ContainersOutputContext Compact = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    });
}
