using System.Text.Json;
using Runc.Sharp.Spec.Validation.Schema.Keywords;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// One schema object. Its keywords are compiled on first use (under the registry's lock) and then
/// never change, so a node can be evaluated from many threads. A subschema node only records where it
/// sits; nothing below it is looked at until a value reaches it.
/// </summary>
internal sealed class SchemaNode
{
    private readonly SchemaNode? _parent;
    private readonly string _step;
    private readonly int _index;
    private SchemaKeyword[]? _keywords;

    /// <summary>The root of a document, a <c>$ref</c> target or an <c>id</c>-identified schema.</summary>
    public SchemaNode(SchemaRegistry registry, SchemaLocation location)
    {
        Registry = registry;
        Document = location.Document;
        Element = location.Element;
        InheritedBaseKey = location.BaseKey;
        _step = location.Description;
        _index = -1;
    }

    /// <summary>
    /// A subschema at <c>/step</c> below <paramref name="parent"/>, or at the <paramref name="index"/>th
    /// member or item of <c>/step</c> (the member's name is only looked up for diagnostics).
    /// </summary>
    public SchemaNode(SchemaNode parent, string baseKey, JsonElement element, string step, int index = -1)
    {
        Registry = parent.Registry;
        Document = parent.Document;
        Element = element;
        InheritedBaseKey = baseKey;
        _parent = parent;
        _step = step;
        _index = index;
    }

    public SchemaRegistry Registry { get; }

    public SchemaDocument Document { get; }

    public JsonElement Element { get; }

    /// <summary>The base URI from the enclosing schemas; the node's own <c>id</c> is applied when compiling.</summary>
    public string InheritedBaseKey { get; }

    /// <summary>True for <c>{}</c> (or only annotations): every value is valid.</summary>
    public bool AcceptsEverything => Keywords.Length == 0;

    public SchemaKeyword[] Keywords => Volatile.Read(ref _keywords) ?? Compile();

    /// <summary>Compiles <paramref name="root"/> and everything reachable from it, so that schema errors surface now.</summary>
    public static void CompileAll(SchemaNode root)
    {
        var visited = new HashSet<SchemaNode>(ReferenceEqualityComparer.Instance);
        var pending = new List<SchemaNode> { root };
        while (pending.Count > 0)
        {
            SchemaNode node = pending[^1];
            pending.RemoveAt(pending.Count - 1);
            if (!visited.Add(node))
            {
                continue;
            }

            foreach (SchemaKeyword keyword in node.Keywords)
            {
                keyword.Prepare(pending);
            }
        }
    }

    public bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        bool valid = true;
        foreach (SchemaKeyword keyword in Keywords)
        {
            if (!keyword.Evaluate(instance, location, context))
            {
                valid = false;
                if (!context.IsCollecting)
                {
                    return false;
                }
            }
        }

        return valid;
    }

    /// <summary>Where the schema came from (<c>uri#pointer</c>), for diagnostics.</summary>
    public override string ToString()
    {
        if (_parent is null)
        {
            return _step;
        }

        string pointer = JsonPointer.Append(_parent.ToString(), _step);
        if (_index < 0)
        {
            return pointer;
        }

        if (_parent.Element.TryGetProperty(_step, out JsonElement container) && container.ValueKind == JsonValueKind.Object)
        {
            int position = 0;
            foreach (JsonProperty member in container.EnumerateObject())
            {
                if (position++ == _index)
                {
                    return JsonPointer.Append(pointer, member.Name);
                }
            }
        }

        return JsonPointer.Append(pointer, _index);
    }

    private SchemaKeyword[] Compile()
    {
        lock (Registry.Gate)
        {
            SchemaKeyword[]? keywords = _keywords;
            if (keywords is null)
            {
                keywords = SchemaCompiler.Compile(this);
                Volatile.Write(ref _keywords, keywords);
            }

            return keywords;
        }
    }
}
