using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema.Keywords;

/// <summary><c>minLength</c>/<c>maxLength</c>, counted in Unicode code points (a surrogate pair is one character).</summary>
internal sealed class LengthKeyword(long limit, bool isMaximum) : SchemaKeyword
{
    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        if (instance.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        int length = CountCodePoints(instance.GetString()!);
        if (isMaximum ? length <= limit : length >= limit)
        {
            return true;
        }

        if (context.IsCollecting)
        {
            context.Report(
                location,
                isMaximum ? "maxLength" : "minLength",
                isMaximum
                    ? $"string has {JsonValueText.Plural(length, "character")}, expected at most {limit} (maxLength)"
                    : $"string has {JsonValueText.Plural(length, "character")}, expected at least {limit} (minLength)");
        }

        return false;
    }

    internal static int CountCodePoints(string text)
    {
        int count = text.Length;
        for (int i = 1; i < text.Length; i++)
        {
            if (char.IsLowSurrogate(text[i]) && char.IsHighSurrogate(text[i - 1]))
            {
                count--;
            }
        }

        return count;
    }
}

/// <summary><c>pattern</c>: an unanchored regex search, as in ECMA 262.</summary>
internal sealed class PatternKeyword(SchemaPattern pattern) : SchemaKeyword
{
    public override bool Evaluate(JsonElement instance, InstanceLocation location, EvaluationContext context)
    {
        if (instance.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        string text = instance.GetString()!;
        if (pattern.IsMatch(text, out bool timedOut))
        {
            return true;
        }

        if (context.IsCollecting)
        {
            context.Report(
                location,
                "pattern",
                timedOut
                    ? $"matching pattern {JsonValueText.Quote(pattern.Text)} timed out"
                    : $"string {JsonValueText.Quote(text)} does not match pattern {JsonValueText.Quote(pattern.Text)}");
        }

        return false;
    }

    public override void Prepare(List<SchemaNode> subschemas) => _ = pattern.Regex;
}
