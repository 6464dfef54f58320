namespace Runc.Sharp.Spec.Validation.Semantic;

/// <summary>One semantic concern. Rules must tolerate any JSON shape and never throw.</summary>
internal interface ISemanticRule
{
    void Check(SemanticContext context);
}
