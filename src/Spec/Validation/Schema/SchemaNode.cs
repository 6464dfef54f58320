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
    private readonly string? _member;
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

    /// <summary>A subschema at <c>/step</c>, <c>/step/member</c> or <c>/step/index</c> below <paramref name="parent"/>.</summary>
    public SchemaNode(SchemaNode parent, string baseKey, JsonElement element, string step, string? member = null, int index = -1)
    {
        Registry = parent.Registry;
        Document = parent.Document;
        Element = element;
        InheritedBaseKey = baseKey;
        _parent = parent;
        _step = step;
        _member = member;
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
        return _member is not null ? JsonPointer.Append(pointer, _member)
            : _index >= 0 ? JsonPointer.Append(pointer, _index)
            : pointer;
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
