using System.Reflection;
using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>Loads the OCI runtime-spec schemas embedded as <c>schema/&lt;file&gt;.json</c> resources.</summary>
internal static class OciSchemaResources
{
    private const string ResourcePrefix = "schema/";

    public static SchemaRegistry CreateRegistry()
    {
        var registry = new SchemaRegistry();
        Assembly assembly = typeof(OciSchemaResources).Assembly;
        int count = 0;
        foreach (string name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !name.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            using Stream stream = assembly.GetManifestResourceStream(name)
                ?? throw new SchemaException($"embedded schema resource {name} is missing");
            using JsonDocument document = JsonDocument.Parse(stream);
            registry.Register(new Uri(OciSchemas.BaseUri, name[ResourcePrefix.Length..]), document.RootElement);
            count++;
        }

        return count > 0 ? registry : throw new SchemaException("no embedded OCI schemas found (schema/*.json resources)");
    }
}
