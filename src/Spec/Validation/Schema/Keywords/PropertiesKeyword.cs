using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema.Keywords;

/// <summary>
/// <c>properties</c>, <c>patternProperties</c> and <c>additionalProperties</c>, evaluated in one pass
/// over the members because "additional" means "matched by neither of the other two".
/// </summary>
internal sealed class PropertiesKeyword(
    PropertyTable? properties,
    (SchemaPattern Pattern, SchemaNode Schema)[] patternProperties,
    SchemaNode? additional,
    bool additionalAllowed) : SchemaKeyword
{
    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        bool valid = true;
        foreach (JsonProperty member in instance.EnumerateObject())
        {
            if (!EvaluateMember(member, location, context))
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

    private bool EvaluateMember(JsonProperty member, InstanceLocation location, EvaluationContext context)
    {
        bool matched = false;
        bool valid = true;
        InstanceLocation? memberLocation = null;
        if (properties is not null && properties.TryGetValue(member, out SchemaNode? schema))
        {
            matched = true;
            valid = schema.AcceptsEverything || schema.Evaluate(member.Value, memberLocation = location.Property(member), context);
        }

        if (patternProperties.Length > 0)
        {
            string name = member.Name;
            foreach ((SchemaPattern pattern, SchemaNode patternSchema) in patternProperties)
            {
                if (!(valid || context.IsCollecting))
                {
                    return false;
                }

                if (!pattern.IsMatch(name, out _))
                {
                    continue;
                }

                matched = true;
                memberLocation ??= location.Property(member);
                valid &= patternSchema.Evaluate(member.Value, memberLocation, context);
            }
        }

        if (matched)
        {
            return valid;
        }

        if (!additionalAllowed)
        {
            if (context.IsCollecting)
            {
                context.Report(
                    location.Property(member),
                    "additionalProperties",
                    $"property {JsonValueText.Quote(member.Name)} is not allowed (additionalProperties is false)");
            }

            return false;
        }

        return additional is null || additional.Evaluate(member.Value, location.Property(member), context);
    }

    public override void Prepare(List<SchemaNode> subschemas)
    {
        if (properties is not null)
        {
            subschemas.AddRange(properties.Schemas);
        }

        foreach ((SchemaPattern pattern, SchemaNode schema) in patternProperties)
        {
            _ = pattern.Regex;
            subschemas.Add(schema);
        }

        if (additional is not null)
        {
            subschemas.Add(additional);
        }
    }
}
