namespace Runc.Sharp.Spec.Validation.Semantic;

/// <summary>The rules' short spelling of <see cref="Json.JsonPath"/>: <c>path.Dot("mounts").At(2)</c>.</summary>
internal static class JsonPath
{
    public const string Root = Json.JsonPath.Root;

    public static string Dot(this string parent, string name) => Json.JsonPath.Property(parent, name);

    public static string At(this string parent, int index) => Json.JsonPath.Index(parent, index);
}
