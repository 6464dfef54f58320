namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>A schema that cannot be used: malformed keyword, unresolvable <c>$ref</c>, invalid regex, unknown URI.</summary>
public sealed class SchemaException : Exception
{
    public SchemaException(string message)
        : base(message)
    {
    }

    public SchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
