using Runc.Sharp.Spec.Model;
using Runc.Sharp.Spec.Validation;

namespace Runc.Sharp.Spec.Loading;

/// <summary>A parsed config and every problem found, located by line and column.</summary>
public sealed record ConfigLoadResult(RuntimeConfig? Config, IReadOnlyList<ValidationError> Problems)
{
    public IEnumerable<ValidationError> Errors => Problems.Where(p => p.Severity == Severity.Error);
    public IEnumerable<ValidationError> Warnings => Problems.Where(p => p.Severity == Severity.Warning);
    public bool IsValid => Config is not null && !Errors.Any();
}
