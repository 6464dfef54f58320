using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema.Keywords;

/// <summary><c>required</c>: each listed member must be present.</summary>
internal sealed class RequiredKeyword(string[] names) : SchemaKeyword
{
    private readonly byte[][] _utf8Names = Utf8(names);

    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        bool valid = true;
        for (int i = 0; i < names.Length; i++)
        {
            if (!instance.TryGetProperty(_utf8Names[i], out _))
            {
                if (!context.IsCollecting)
                {
                    return false;
                }

                valid = false;
                context.Report(location, "required", $"missing required property {JsonValueText.Quote(names[i])}");
            }
        }

        return valid;
    }

    private static byte[][] Utf8(string[] names)
    {
        var utf8 = new byte[names.Length][];
        for (int i = 0; i < names.Length; i++)
        {
            utf8[i] = System.Text.Encoding.UTF8.GetBytes(names[i]);
        }

        return utf8;
    }
}

/// <summary><c>minProperties</c>/<c>maxProperties</c>.</summary>
internal sealed class PropertyCountKeyword(long limit, bool isMaximum) : SchemaKeyword
{
    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        int count = 0;
        foreach (JsonProperty unused in instance.EnumerateObject())
        {
            count++;
        }

        if (isMaximum ? count <= limit : count >= limit)
        {
            return true;
        }

        if (context.IsCollecting)
        {
            context.Report(
                location,
                isMaximum ? "maxProperties" : "minProperties",
                isMaximum
                    ? $"object has {JsonValueText.Plural(count, "property", "properties")}, expected at most {limit} (maxProperties)"
                    : $"object has {JsonValueText.Plural(count, "property", "properties")}, expected at least {limit} (minProperties)");
        }

        return false;
    }
}

/// <summary>
/// <c>dependencies</c>: when member <c>name</c> is present, the object must also match a schema
/// (schema form) or contain the listed members (property-array form).
/// </summary>
internal sealed class DependenciesKeyword((string Name, SchemaNode? Schema, string[] RequiredNames)[] dependencies) : SchemaKeyword
{
    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        bool valid = true;
        foreach ((string name, SchemaNode? schema, string[] requiredNames) in dependencies)
        {
            if (!instance.TryGetProperty(name, out _))
            {
                continue;
            }

            if (schema is not null)
            {
                valid &= schema.Evaluate(instance, location, context);
            }

            foreach (string required in requiredNames)
            {
                if (!instance.TryGetProperty(required, out _))
                {
                    valid = false;
                    if (!context.IsCollecting)
                    {
                        return false;
                    }

                    context.Report(
                        location,
                        "dependencies",
                        $"missing property {JsonValueText.Quote(required)}, required when {JsonValueText.Quote(name)} is present (dependencies)");
                }
            }

            if (!(valid || context.IsCollecting))
            {
                return false;
            }
        }

        return valid;
    }

    public override void Prepare(List<SchemaNode> subschemas)
    {
        foreach ((_, SchemaNode? schema, _) in dependencies)
        {
            if (schema is not null)
            {
                subschemas.Add(schema);
            }
        }
    }
}
