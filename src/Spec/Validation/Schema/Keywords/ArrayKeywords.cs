using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema.Keywords;

/// <summary><c>items</c> as one schema: every element must match it.</summary>
internal sealed class ItemsKeyword(SchemaNode items) : SchemaKeyword
{
    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        if (instance.ValueKind != JsonValueKind.Array || items.AcceptsEverything)
        {
            return true;
        }

        bool valid = true;
        int index = 0;
        foreach (JsonElement item in instance.EnumerateArray())
        {
            if (!items.Evaluate(item, location.Item(index), context))
            {
                valid = false;
                if (!context.IsCollecting)
                {
                    return false;
                }
            }

            index++;
        }

        return valid;
    }

    public override void Prepare(List<SchemaNode> subschemas) => subschemas.Add(items);
}

/// <summary>
/// <c>items</c> as an array of schemas (positional) together with <c>additionalItems</c>, which only
/// has a meaning in this form: null allows anything after the tuple, <c>false</c> nothing, else a schema.
/// </summary>
internal sealed class TupleItemsKeyword(SchemaNode[] positional, SchemaNode? additional, bool additionalAllowed) : SchemaKeyword
{
    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        bool valid = true;
        int index = 0;
        foreach (JsonElement item in instance.EnumerateArray())
        {
            bool itemValid;
            if (index < positional.Length)
            {
                itemValid = positional[index].Evaluate(item, location.Item(index), context);
            }
            else if (!additionalAllowed)
            {
                if (context.IsCollecting)
                {
                    context.Report(
                        location.Item(index),
                        "additionalItems",
                        $"item [{index}] is not allowed, expected at most {JsonValueText.Plural(positional.Length, "item")} (additionalItems is false)");
                }

                return false;
            }
            else
            {
                itemValid = additional is null || additional.Evaluate(item, location.Item(index), context);
            }

            if (!itemValid)
            {
                valid = false;
                if (!context.IsCollecting)
                {
                    return false;
                }
            }

            index++;
        }

        return valid;
    }

    public override void Prepare(List<SchemaNode> subschemas)
    {
        subschemas.AddRange(positional);
        if (additional is not null)
        {
            subschemas.Add(additional);
        }
    }
}

/// <summary><c>minItems</c>/<c>maxItems</c>.</summary>
internal sealed class ItemCountKeyword(long limit, bool isMaximum) : SchemaKeyword
{
    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        int count = instance.GetArrayLength();
        if (isMaximum ? count <= limit : count >= limit)
        {
            return true;
        }

        if (context.IsCollecting)
        {
            context.Report(
                location,
                isMaximum ? "maxItems" : "minItems",
                isMaximum
                    ? $"array has {JsonValueText.Plural(count, "item")}, expected at most {limit} (maxItems)"
                    : $"array has {JsonValueText.Plural(count, "item")}, expected at least {limit} (minItems)");
        }

        return false;
    }
}

/// <summary><c>uniqueItems: true</c>: no two elements may be equal as JSON values.</summary>
internal sealed class UniqueItemsKeyword : SchemaKeyword
{
    public static readonly UniqueItemsKeyword Instance = new();

    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        if (instance.ValueKind != JsonValueKind.Array || instance.GetArrayLength() < 2)
        {
            return true;
        }

        var firstIndexByHash = new Dictionary<int, List<int>>();
        int index = 0;
        foreach (JsonElement item in instance.EnumerateArray())
        {
            int hash = JsonEquality.GetHashCode(item);
            if (firstIndexByHash.TryGetValue(hash, out List<int>? candidates))
            {
                foreach (int earlier in candidates)
                {
                    if (JsonEquality.AreEqual(instance[earlier], item))
                    {
                        if (context.IsCollecting)
                        {
                            context.Report(location, "uniqueItems", $"array items [{earlier}] and [{index}] are equal, expected unique items (uniqueItems)");
                        }

                        return false;
                    }
                }

                candidates.Add(index);
            }
            else
            {
                firstIndexByHash[hash] = [index];
            }

            index++;
        }

        return true;
    }
}
