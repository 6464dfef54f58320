namespace Runc.Sharp.Spec.Tests.Model;

/// <summary>Locates test data copied to the output directory (never /work/shared).</summary>
internal static class TestFiles
{
    public static string FixturesRoot => Path.Combine(AppContext.BaseDirectory, "TestData", "model-fixtures");

    public static string ExpectedRoot => Path.Combine(AppContext.BaseDirectory, "TestData", "model-expected");

    public static byte[] Fixture(params string[] parts) => File.ReadAllBytes(Path.Combine([FixturesRoot, .. parts]));

    public static byte[] Expected(string name) => File.ReadAllBytes(Path.Combine(ExpectedRoot, name));

    public static IEnumerable<object[]> FixtureNames(string kind) =>
        Directory.GetFiles(Path.Combine(FixturesRoot, kind, "good"), "*.json")
            .Select(Path.GetFileName)
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => new object[] { n! });
}
