using System.Buffers;
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
        Stream stream = assembly.GetManifestResourceStream(name)
            ?? throw new SchemaException($"embedded schema resource {name} is missing");

        // Parsed once and kept for the life of the process: the compiled schema points into it.
        JsonDocument document = JsonDocument.Parse(ReadAll(stream));
        return new SchemaDocument(key, document.RootElement);
    }

    /// <summary>
    /// The resource's bytes. An embedded resource is normally an <see cref="UnmanagedMemoryStream"/> over
    /// the loaded image, which stays mapped for the life of the process: use it in place, without a copy.
    /// </summary>
    private static unsafe ReadOnlyMemory<byte> ReadAll(Stream stream)
    {
        using (stream)
        {
            if (stream is UnmanagedMemoryStream image && image.Position == 0 && image.Length <= int.MaxValue)
            {
                return new ImageMemory(image.PositionPointer, (int)image.Length).Memory;
            }

            byte[] copy = new byte[stream.Length];
            stream.ReadExactly(copy);
            return copy;
        }
    }

    /// <summary>Read-only memory of the loaded image, which is never unmapped: nothing to pin or free.</summary>
    private sealed unsafe class ImageMemory(byte* start, int length) : MemoryManager<byte>
    {
        public override Span<byte> GetSpan() => new(start, length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(start + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
