namespace Runc.Sharp.Spec.Json;

/// <summary>A 1-based line and column in a JSON text; columns count characters (Unicode code points), not bytes.</summary>
public readonly record struct JsonTextPosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
