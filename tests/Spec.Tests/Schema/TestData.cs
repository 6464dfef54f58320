namespace Runc.Sharp.Spec.Tests.Schema;

/// <summary>Paths of the copied test data (TestData/** next to the test assembly; never /work/shared).</summary>
internal static class TestData
{
    public static string Root { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "TestData");

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>Forward-slash path of <paramref name="file"/> relative to <paramref name="directory"/>.</summary>
    public static string Relative(string directory, string file) =>
        System.IO.Path.GetRelativePath(directory, file).Replace('\\', '/');
}
