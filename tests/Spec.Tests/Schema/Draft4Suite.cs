using System.Text.Json;
using Runc.Sharp.Spec.Validation.Schema;

namespace Runc.Sharp.Spec.Tests.Schema;

/// <summary>One test of the official JSON-Schema-Test-Suite draft4 files.</summary>
internal sealed record Draft4Case(string File, int GroupIndex, string Group, JsonElement Schema, string Description, JsonElement Data, bool Valid);

/// <summary>
/// Loads every case of TestData/json-schema-test-suite/tests/draft4/*.json (not optional/), keyed by a
/// readable "file: group: description" name, and a registry that serves the suite's remotes at
/// http://localhost:1234/ plus the draft-04 meta-schema, so refRemote needs no network.
/// </summary>
internal static class Draft4Suite
{
    public const string RemotesBaseUri = "http://localhost:1234/";
    public const string MetaSchemaUri = "http://json-schema.org/draft-04/schema";

    private static readonly Lazy<Dictionary<string, Draft4Case>> AllCases = new(LoadCases);
    private static readonly Lazy<SchemaRegistry> RemotesRegistry = new(LoadRemotes);

    public static string SuiteRoot => TestData.Path("json-schema-test-suite");

    public static IReadOnlyDictionary<string, Draft4Case> Cases => AllCases.Value;

    /// <summary>Read-only registry with the remotes and the meta-schema; use as fallback of a per-case registry.</summary>
    public static SchemaRegistry Remotes => RemotesRegistry.Value;

    private static Dictionary<string, Draft4Case> LoadCases()
    {
        var cases = new Dictionary<string, Draft4Case>(StringComparer.Ordinal);
        string directory = Path.Combine(SuiteRoot, "tests", "draft4");
        foreach (string file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            string fileName = Path.GetFileName(file);
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(file));
            int groupIndex = 0;
            foreach (JsonElement group in document.RootElement.EnumerateArray())
            {
                string groupName = group.GetProperty("description").GetString()!;
                JsonElement schema = group.GetProperty("schema").Clone();
                foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
                {
                    string description = test.GetProperty("description").GetString()!;
                    string name = $"{fileName}: {groupName}: {description}";
                    for (int n = 2; cases.ContainsKey(name); n++)
                    {
                        name = $"{fileName}: {groupName}: {description} (#{n})";
                    }

                    cases.Add(name, new Draft4Case(
                        fileName,
                        groupIndex,
                        groupName,
                        schema,
                        description,
                        test.GetProperty("data").Clone(),
                        test.GetProperty("valid").GetBoolean()));
                }

                groupIndex++;
            }
        }

        return cases;
    }

    private static SchemaRegistry LoadRemotes()
    {
        var registry = new SchemaRegistry();
        string remotes = Path.Combine(SuiteRoot, "remotes");
        foreach (string file in Directory.GetFiles(remotes, "*.json", SearchOption.AllDirectories))
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(file));
            registry.Register(new Uri(RemotesBaseUri + TestData.Relative(remotes, file)), document.RootElement);
        }

        using JsonDocument metaSchema = JsonDocument.Parse(File.ReadAllBytes(TestData.Path("metaschema", "draft-04-schema.json")));
        registry.Register(new Uri(MetaSchemaUri), metaSchema.RootElement);
        return registry;
    }
}
