using System.Reflection;
using Runc.Sharp.Runtime.Security.Seccomp;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Cli.Output;

/// <summary>
/// `--version` as runc prints it. go-runc's Version() needs the first line to start with
/// "runc version " when we are installed as runc; Docker reads "&lt;name&gt; version X" and "commit:".
/// </summary>
public static class VersionInfo
{
    public const string Version = "0.1.0";

    public static string Commit =>
        typeof(VersionInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Commit")?.Value ?? "";

    public static string Text(string programName)
    {
        var name = Path.GetFileName(programName) == "runc" ? "runc" : "runcs";
        var text = $"{name} version {Version}\n";
        if (Commit.Length > 0)
            text += $"commit: {Commit}\n";
        text += $"spec: {SpecVersion.Current}\n";
        if (LibSeccomp.VersionString() is { } seccomp)
            text += $"libseccomp: {seccomp}\n";
        return text;
    }
}
