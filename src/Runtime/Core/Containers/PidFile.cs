namespace Runc.Sharp.Runtime.Containers;

/// <summary>
/// --pid-file as runc writes it: the decimal pid, no newline (go-runc's Atoi breaks on one),
/// via a temp file "&lt;dir&gt;/.&lt;name&gt;" renamed over the target.
/// </summary>
public static class PidFile
{
    public static void Write(string path, int pid)
    {
        var dir = Path.GetDirectoryName(path) ?? "/";
        var tmp = Path.Combine(dir, "." + Path.GetFileName(path));
        using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough))
            fs.Write(System.Text.Encoding.ASCII.GetBytes(pid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        File.Move(tmp, path, overwrite: true);
    }
}
