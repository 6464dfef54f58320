namespace Runc.Sharp.Runtime.Rootfs;

/// <summary>One line of /proc/*/mountinfo.</summary>
public sealed record MountInfoLine(string Root, string MountPoint, string Options, string FsType, string Source, string SuperOptions)
{
    public static MountInfoLine? Parse(string line)
    {
        var fields = line.Split(' ');
        var sep = Array.IndexOf(fields, "-");
        if (fields.Length < 10 || sep < 6 || sep + 3 >= fields.Length)
            return null;
        return new MountInfoLine(Unescape(fields[3]), Unescape(fields[4]), fields[5], fields[sep + 1],
            Unescape(fields[sep + 2]), fields[sep + 3]);
    }

    /// <summary>mountinfo escapes space, tab, newline and backslash as \ooo.</summary>
    public static string Unescape(string s)
    {
        if (!s.Contains('\\'))
            return s;
        var sb = new System.Text.StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && IsOctal(s, i + 1))
            {
                sb.Append((char)Convert.ToInt32(s.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
                sb.Append(s[i]);
        }
        return sb.ToString();
    }

    private static bool IsOctal(string s, int at) =>
        at + 3 <= s.Length && s.Substring(at, 3).All(c => c is >= '0' and <= '7');
}
