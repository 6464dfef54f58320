namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// State of one validation run. With <see cref="Violations"/> null the run is quiet: keywords stop at
/// the first failure and build no messages (used for anyOf/oneOf/not branches on the happy path).
/// </summary>
internal sealed class EvaluationContext(List<SchemaViolation>? violations)
{
    public List<SchemaViolation>? Violations { get; private set; } = violations;

    public bool IsCollecting => Violations is not null;

    public void Report(InstanceLocation location, string keyword, string message, JsonTypes expectedTypes = JsonTypes.None) =>
        Violations?.Add(new SchemaViolation(location, keyword, message, expectedTypes));

    /// <summary>Redirects violations to <paramref name="violations"/> (null: quiet) and returns the previous target.</summary>
    public List<SchemaViolation>? Redirect(List<SchemaViolation>? violations)
    {
        List<SchemaViolation>? previous = Violations;
        Violations = violations;
        return previous;
    }
}
