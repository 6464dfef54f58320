namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// State of one validation run. With <see cref="Violations"/> null the run is quiet: keywords stop at
/// the first failure and build no messages (used for anyOf/oneOf/not branches on the happy path).
/// </summary>
internal sealed class EvaluationContext(List<SchemaViolation>? violations)
{
    /// <summary>The <c>$ref</c> targets being applied right now, each with the value it is applied to.</summary>
    private readonly List<(InstanceLocation Location, SchemaNode Target)> _activeReferences = [];

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

    /// <summary>
    /// Marks <paramref name="target"/> as being applied to the value at <paramref name="location"/> through a
    /// <c>$ref</c>. False when it already is: following the reference again would loop without consuming input.
    /// </summary>
    public bool TryEnter(InstanceLocation location, SchemaNode target)
    {
        foreach ((InstanceLocation activeLocation, SchemaNode activeTarget) in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_activeReferences))
        {
            if (ReferenceEquals(activeLocation, location) && ReferenceEquals(activeTarget, target))
            {
                return false;
            }
        }

        _activeReferences.Add((location, target));
        return true;
    }

    /// <summary>Ends the innermost <see cref="TryEnter"/> that returned true.</summary>
    public void Exit() => _activeReferences.RemoveAt(_activeReferences.Count - 1);
}
