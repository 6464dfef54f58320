using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// The subschemas of a <c>properties</c> keyword, keyed by the UTF-8 bytes of the (unescaped) name,
/// so that neither compiling the schema nor matching an instance's members makes a string per name.
/// A small open-addressing hash table; immutable once built.
/// </summary>
internal sealed class PropertyTable
{
    private readonly byte[][] _names;
    private readonly SchemaNode[] _schemas;
    private readonly int[] _slots; // 1 + index into _names; 0 is free. Length: power of two, at least twice the names.

    /// <param name="entries">Name and schema; for a repeated name the last one wins.</param>
    public PropertyTable(List<(byte[] Name, SchemaNode Schema)> entries)
    {
        _names = new byte[entries.Count][];
        _schemas = new SchemaNode[entries.Count];
        _slots = new int[Math.Max(2, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)entries.Count * 2))];
        int count = 0;
        foreach ((byte[] name, SchemaNode schema) in entries)
        {
            int slot = FindSlot(name);
            if (_slots[slot] != 0)
            {
                _schemas[_slots[slot] - 1] = schema;
                continue;
            }

            _names[count] = name;
            _schemas[count] = schema;
            _slots[slot] = ++count;
        }

        if (count < entries.Count)
        {
            Array.Resize(ref _names, count);
            Array.Resize(ref _schemas, count);
        }
    }

    public SchemaNode[] Schemas => _schemas;

    /// <summary>The UTF-8 name of a schema's member, unescaped.</summary>
    public static byte[] NameOf(JsonProperty member)
    {
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8PropertyName(member);
        return raw.Contains((byte)'\\') ? Encoding.UTF8.GetBytes(member.Name) : raw.ToArray();
    }

    /// <summary>The schema for an instance's member.</summary>
    public bool TryGetValue(JsonProperty member, [NotNullWhen(true)] out SchemaNode? schema)
    {
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8PropertyName(member);
        return raw.Contains((byte)'\\')
            ? TryGetValue(Encoding.UTF8.GetBytes(member.Name), out schema)
            : TryGetValue(raw, out schema);
    }

    public bool TryGetValue(ReadOnlySpan<byte> name, [NotNullWhen(true)] out SchemaNode? schema)
    {
        int entry = _slots[FindSlot(name)];
        schema = entry == 0 ? null : _schemas[entry - 1];
        return schema is not null;
    }

    /// <summary>The slot holding <paramref name="name"/>, or the free slot where it would go.</summary>
    private int FindSlot(ReadOnlySpan<byte> name)
    {
        int mask = _slots.Length - 1;
        int slot = Hash(name) & mask;
        while (_slots[slot] != 0 && !_names[_slots[slot] - 1].AsSpan().SequenceEqual(name))
        {
            slot = (slot + 1) & mask;
        }

        return slot;
    }

    /// <summary>FNV-1a: names are short, and only need to spread over a few dozen slots.</summary>
    private static int Hash(ReadOnlySpan<byte> name)
    {
        uint hash = 2166136261;
        foreach (byte b in name)
        {
            hash = (hash ^ b) * 16777619;
        }

        return (int)(hash ^ (hash >> 16));
    }
}
