using System.Reflection;
using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// The OCI runtime-spec schemas embedded as <c>schema/&lt;file&gt;.json</c> resources. Each is read and
/// parsed only when a lookup first needs it, so validating a Linux config never touches the Windows,
/// Solaris, VM, z/OS or FreeBSD files.
/// </summary>
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

            string key = SchemaUri.Resolve(OciSchemas.BaseKey, name[ResourcePrefix.Length..]).Key;
            registry.RegisterDeferred(key, () => Load(assembly, name, key));
            count++;
        }

        return count > 0 ? registry : throw new SchemaException("no embedded OCI schemas found (schema/*.json resources)");
    }

    private static SchemaDocument Load(Assembly assembly, string name, string key)
    {
        byte[] utf8;
        using (Stream stream = assembly.GetManifestResourceStream(name)
            ?? throw new SchemaException($"embedded schema resource {name} is missing"))
        {
            utf8 = new byte[stream.Length];
            stream.ReadExactly(utf8);
        }

        // Parsed once and kept for the life of the process: the compiled schema points into it.
        JsonDocument document = JsonDocument.Parse(utf8);
        return new SchemaDocument(key, document.RootElement);
    }
}
