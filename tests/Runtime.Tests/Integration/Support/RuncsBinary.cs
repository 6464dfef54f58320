namespace Runc.Sharp.Runtime.Tests.Integration.Support;

/// <summary>
/// Where the runcs binary under test is: $RUNCS_BINARY, or else bin/runcs found by walking up
/// from the test assembly's directory (the repository's build output).
/// </summary>
public static class RuncsBinary
{
    private static readonly Lazy<string?> Located = new(Locate);

    /// <summary>The absolute path of an executable runcs, or null when there is none.</summary>
    public static string? Path => Located.Value;

    public static string Require() =>
        Path ?? throw new InvalidOperationException("runcs binary not found: set RUNCS_BINARY or run `make build`");

    private static string? Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("RUNCS_BINARY");
        if (!string.IsNullOrEmpty(fromEnv))
            return IsExecutable(fromEnv) ? System.IO.Path.GetFullPath(fromEnv) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "bin", "runcs");
            if (IsExecutable(candidate))
                return candidate;
        }
        return null;
    }

    private static bool IsExecutable(string path)
    {
        var info = new FileInfo(path);
        return info.Exists && (info.UnixFileMode & UnixFileMode.UserExecute) != 0;
    }
}
