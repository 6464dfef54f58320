namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// A failed keyword while evaluating, before it becomes a <see cref="ValidationError"/>. The keyword and,
/// for <c>type</c>, the expected types are kept so <c>anyOf</c>/<c>oneOf</c> can summarise their branches.
/// </summary>
internal readonly record struct SchemaViolation(
    InstanceLocation Location,
    string Keyword,
    string Message,
    JsonTypes ExpectedTypes = JsonTypes.None);
