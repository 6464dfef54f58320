using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Init;

/// <summary>
/// Go's exec.LookPath, with its error wording: Docker and podman map "executable file not found"
/// and "no such file or directory" to exit code 127, "permission denied" to 126.
/// </summary>
public static class PathLookup
{
    public static string Find(string name, IEnumerable<string> env)
    {
        if (name.Contains('/'))
        {
            Check(name, name);
            return name;
        }
        var path = env.LastOrDefault(e => e.StartsWith("PATH=", StringComparison.Ordinal))?[5..] ?? "";
        foreach (var dir in path.Split(':'))
        {
            var candidate = Path.Join(dir.Length == 0 ? "." : dir, name);
            if (IsExecutableFile(candidate))
                return candidate;
        }
        throw new RuntimeException($"exec: \"{name}\": executable file not found in $PATH");
    }

    private static void Check(string original, string path)
    {
        if (!Syscalls.TryStat(path, out var st))
            throw new RuntimeException($"exec: \"{original}\": stat {path}: no such file or directory");
        // A directory is "permission denied" (EACCES, as execve says and runc 1.1 reports): Docker
        // 20.10 maps that to exit code 126, but an "is a directory" message to 125.
        if ((st.Mode & LibC.S_IFMT) == LibC.S_IFDIR || (st.Mode & 0b001_001_001) == 0)
            throw new RuntimeException($"exec: \"{original}\": permission denied");
    }

    private static bool IsExecutableFile(string path) =>
        Syscalls.TryStat(path, out var st) && (st.Mode & LibC.S_IFMT) != LibC.S_IFDIR && (st.Mode & 0b001_001_001) != 0;
}
