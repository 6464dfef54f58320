namespace Runc.Sharp.Runtime.Tests.Unit;

/// <summary>The repository checkout the tests were built from: the folder holding Runc.Sharp.sln.</summary>
internal static class RepoRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Runc.Sharp.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no Runc.Sharp.sln above {AppContext.BaseDirectory}");
    }
}
