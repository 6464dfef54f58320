using System.Text;

namespace Runc.Sharp.Spec.Validation.Semantic;

/// <summary>Builds JSON paths: <c>$.a.b[3]</c>, with <c>['x.y']</c> for keys that are not identifiers.</summary>
internal static class JsonPath
{
    public const string Root = "$";

    public static string Dot(this string parent, string name)
    {
        if (IsIdentifier(name))
        {
            return parent + "." + name;
        }

        var builder = new StringBuilder(parent.Length + name.Length + 4);
        builder.Append(parent).Append("['");
        foreach (var c in name)
        {
            switch (c)
            {
                case '\'':
                    builder.Append("\\'");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append("']").ToString();
    }

    public static string At(this string parent, int index) =>
        parent + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
