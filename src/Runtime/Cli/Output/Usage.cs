using Runc.Sharp.Cli.Parsing;
using System.Text;

namespace Runc.Sharp.Cli.Output;

public static class Usage
{
    public static string Overview(string programName)
    {
        var sb = new StringBuilder();
        sb.Append($"NAME:\n   {programName} - Open Container Initiative runtime, written in C#\n\n");
        sb.Append($"USAGE:\n   {programName} [global options] command [command options] [arguments...]\n\n");
        sb.Append("COMMANDS:\n");
        foreach (var e in CommandTable.All.Where(e => !e.Hidden))
            sb.Append($"   {e.Name,-10} {e.Usage}\n");
        sb.Append("\nGLOBAL OPTIONS:\n");
        sb.Append("   --debug             enable debug logging\n");
        sb.Append("   --log value         set the log file to write runcs logs to (default is '/dev/stderr')\n");
        sb.Append("   --log-format value  set the log format ('text' (default), or 'json') (default: \"text\")\n");
        sb.Append($"   --root value        root directory for storage of container state (default: \"{GlobalOptions.DefaultRoot}\")\n");
        sb.Append("   --systemd-cgroup    enable systemd cgroup support\n");
        sb.Append("   --rootless value    ignore cgroup permission errors ('true', 'false', or 'auto') (default: \"auto\")\n");
        sb.Append("   --help, -h          show help\n");
        sb.Append("   --version, -v       print the version\n");
        return sb.ToString();
    }

    public static string ForVerb(string programName, CommandTable.Entry entry) =>
        $"NAME:\n   {programName} {entry.Name} - {entry.Usage}\n\nUSAGE:\n   {programName} {entry.Name} [command options] <container-id>\n";
}
