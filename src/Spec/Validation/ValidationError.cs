namespace Runc.Sharp.Spec.Validation;

public enum Severity
{
    Error,
    Warning,
}

/// <summary>
/// One problem found in a document. <see cref="Path"/> is a JSON path such as
/// <c>$.mounts[2].destination</c>; line and column (1-based) are filled in by the loader
/// from the raw text, 0 when unknown.
/// </summary>
public sealed record ValidationError(string Path, string Message, Severity Severity = Severity.Error)
{
    public int Line { get; init; }
    public int Column { get; init; }

    public override string ToString() =>
        Line > 0 ? $"{Line}:{Column}: {Path}: {Message}" : $"{Path}: {Message}";
}
