using System.Text;

namespace Runc.Sharp.Spec.Json;

/// <summary>
/// The JSON path syntax used for instance locations in validation errors and in
/// <see cref="JsonPositionMap"/>: <c>$</c> is the root, <c>.name</c> a property whose name is a
/// plain identifier, <c>['weird key']</c> any other property (with <c>\'</c> and <c>\\</c>
/// escapes) and <c>[2]</c> an array element, e.g. <c>$.mounts[2].destination</c> or
/// <c>$.annotations['org.opencontainers.image.os']</c>.
/// </summary>
public static class JsonPath
{
    public const string Root = "$";

    public static string Property(string parentPath, string name)
    {
        var builder = new StringBuilder(parentPath, parentPath.Length + name.Length + 4);
        AppendProperty(builder, name);
        return builder.ToString();
    }

    public static string Index(string parentPath, int index) => $"{parentPath}[{index}]";

    /// <summary>True when <paramref name="name"/> can be written in dot form: <c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
    public static bool IsPlainIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    public static void AppendProperty(StringBuilder builder, string name)
    {
        if (IsPlainIdentifier(name))
        {
            builder.Append('.').Append(name);
            return;
        }

        builder.Append("['");
        foreach (char c in name)
        {
            if (c is '\'' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (char.IsControl(c))
            {
                // Keeps every message that quotes a path on one line.
                builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        builder.Append("']");
    }

    public static void AppendIndex(StringBuilder builder, int index) => builder.Append('[').Append(index).Append(']');

    /// <summary>
    /// The path of the value that contains the value at <paramref name="path"/>
    /// (<c>$.a['b.c'][3]</c> → <c>$.a['b.c']</c>); false for the root or a malformed path.
    /// </summary>
    public static bool TryGetParent(string path, out string parent)
    {
        parent = string.Empty;
        if (path.Length < 2 || path[0] != '$')
        {
            return false;
        }

        int lastSegmentStart = -1;
        int i = 1;
        while (i < path.Length)
        {
            lastSegmentStart = i;
            if (path[i] == '.')
            {
                i++;
                while (i < path.Length && path[i] != '.' && path[i] != '[')
                {
                    i++;
                }
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                i += 2;
                while (i < path.Length && path[i] != '\'')
                {
                    i += path[i] == '\\' ? 2 : 1;
                }

                i += 2; // closing "']"
            }
            else if (path[i] == '[')
            {
                i = path.IndexOf(']', i);
                if (i < 0)
                {
                    return false;
                }

                i++;
            }
            else
            {
                return false;
            }
        }

        if (lastSegmentStart < 0 || i != path.Length)
        {
            return false;
        }

        parent = path[..lastSegmentStart];
        return true;
    }
}
