using System.Text.Json;
using FluentAssertions;
using Runc.Sharp.Spec.Validation;
using Runc.Sharp.Spec.Validation.Schema;
using Xunit;

namespace Runc.Sharp.Spec.Tests.Schema;

/// <summary>
/// The cold-start machinery: OCI files loaded on demand, subschemas compiled when reached, $refs
/// resolved without System.Uri where that is exact. Each test uses its own registry, so nothing
/// another test compiled or loaded can hide a difference.
/// </summary>
public sealed class LazySchemaTests
{
    private const string ConfigKey = OciSchemas.BaseKey + "config-schema.json";

    private static string ConfigFixture(string name) => TestData.Path("oci-fixtures", "config", "good", name);

    [Fact]
    public void Validating_a_linux_config_loads_only_the_files_it_reaches()
    {
        SchemaRegistry registry = OciSchemaResources.CreateRegistry();

        registry.GetSchemaLazily(ConfigKey).Validate(Parse(File.ReadAllText(ConfigFixture("spec-example.json")))).Should().BeEmpty();

        foreach (string file in new[] { "config-schema.json", "config-linux.json", "defs.json", "defs-linux.json" })
        {
            registry.IsDeferred(OciSchemas.BaseKey + file).Should().BeFalse(file + " is needed");
        }

        string[] unreached =
        [
            "config-windows.json", "config-solaris.json", "config-vm.json", "config-zos.json", "config-freebsd.json",
            "defs-windows.json", "defs-vm.json", "defs-zos.json", "defs-freebsd.json", "state-schema.json", "features-schema.json",
        ];
        foreach (string file in unreached)
        {
            registry.IsDeferred(OciSchemas.BaseKey + file).Should().BeTrue(file + " is not reached");
        }
    }

    public static IEnumerable<object[]> ConfigFixtures =>
        Directory.GetFiles(TestData.Path("oci-fixtures", "config"), "*.json", SearchOption.AllDirectories)
            .Select(file => TestData.Relative(TestData.Path("oci-fixtures", "config"), file))
            .Order(StringComparer.Ordinal)
            .Select(relative => new object[] { new SuiteCase(relative) });

    [Theory]
    [MemberData(nameof(ConfigFixtures))]
    public void Lazy_and_eager_compilation_report_the_same_errors(SuiteCase fixture)
    {
        byte[] utf8 = File.ReadAllBytes(TestData.Path("oci-fixtures", "config", fixture.Name));
        JsonElement config;
        try
        {
            config = Parse(System.Text.Encoding.UTF8.GetString(utf8));
        }
        catch (JsonException)
        {
            return; // the invalid-JSON fixture
        }

        var lazy = OciSchemaResources.CreateRegistry().GetSchemaLazily(ConfigKey).Validate(config);
        var eager = OciSchemaResources.CreateRegistry().GetSchema(ConfigKey).Validate(config);

        lazy.Should().Equal(eager);
    }

    [Theory]
    [InlineData("https://example.test/schemas/a.json", "#/definitions/x")]
    [InlineData("https://example.test/schemas/a.json", "#")]
    [InlineData("https://example.test/schemas/a.json", "")]
    [InlineData("https://example.test/schemas/a.json", "b.json")]
    [InlineData("https://example.test/schemas/a.json", "b.json#/definitions/x")]
    [InlineData("https://example.test/schemas/a.json", "sub/dir/b-1_2~3.json#foo")]
    [InlineData("https://example.test/schemas/a.json", "folder/")]
    [InlineData("https://example.test/schemas/a.json", "#/definitions/a%25b~1c")]
    [InlineData("https://example.test/schemas/a.json", "#/definitions/a b\"c")]
    [InlineData("https://example.test/schemas/a.json", "../b.json")]
    [InlineData("https://example.test/schemas/a.json", "./b.json")]
    [InlineData("https://example.test/schemas/a.json", "/root.json")]
    [InlineData("https://example.test/schemas/a.json", "//other.test/b.json")]
    [InlineData("https://example.test/schemas/a.json", "B%20C.json")]
    [InlineData("https://example.test/schemas/a.json", "http://Other.TEST:80/x/../y.json#z")]
    [InlineData("https://example.test/schemas/a.json", "b.json?q=1")]
    [InlineData("https://example.test/schemas/", "b.json")]
    [InlineData("https://example.test", "b.json")]
    [InlineData("https://example.test/a.json?q=/x", "b.json")]
    [InlineData("urn:example:a", "#/x")]
    [InlineData("file:///tmp/schemas/a.json", "b.json#/x")]
    public void String_resolution_agrees_with_System_Uri(string baseKey, string reference)
    {
        var uri = new Uri(new Uri(baseKey), reference);
        string expectedFragment = uri.AbsoluteUri.Contains('#') ? uri.AbsoluteUri[(uri.AbsoluteUri.IndexOf('#') + 1)..] : string.Empty;
        string normalisedBase = new Uri(baseKey).AbsoluteUri;

        (string key, string fragment) = SchemaUri.Resolve(normalisedBase, reference);

        key.Should().Be(SchemaUri.ResourceKey(uri));
        Uri.UnescapeDataString(fragment).Should().Be(Uri.UnescapeDataString(expectedFragment));
    }

    [Fact]
    public void An_id_inside_a_deferred_document_is_found_when_nothing_else_matches()
    {
        var registry = new SchemaRegistry();
        const string deferredKey = "https://example.test/defs.json";
        registry.RegisterDeferred(deferredKey, () => Document(deferredKey, """{"definitions": {"n": {"id": "https://example.test/number.json", "type": "integer"}}}"""));
        registry.Register("https://example.test/main.json", """{"items": {"$ref": "number.json"}}""");

        JsonSchema schema = registry.GetSchema("https://example.test/main.json");

        schema.Validate(Parse("[1, 2]")).Should().BeEmpty();
        schema.Validate(Parse("""[1, "two"]""")).Should().ContainSingle().Which.Path.Should().Be("$[1]");
    }

    [Fact]
    public void A_deferred_document_is_not_loaded_until_a_reference_reaches_it()
    {
        var registry = new SchemaRegistry();
        const string otherKey = "https://example.test/other.json";
        registry.RegisterDeferred(otherKey, () => Document(otherKey, """{"type": "string"}"""));
        registry.RegisterDeferred("https://example.test/main.json", () => Document("https://example.test/main.json", """{"properties": {"a": {"$ref": "other.json"}, "b": {"type": "integer"}}}"""));
        JsonSchema schema = registry.GetSchemaLazily("https://example.test/main.json");

        schema.Validate(Parse("""{"b": 1}""")).Should().BeEmpty();
        registry.IsDeferred(otherKey).Should().BeTrue();

        schema.Validate(Parse("""{"a": 1}""")).Should().ContainSingle().Which.Path.Should().Be("$.a");
        registry.IsDeferred(otherKey).Should().BeFalse();
    }

    [Fact]
    public void Ids_change_the_base_of_references_reached_through_a_json_pointer()
    {
        var registry = new SchemaRegistry();
        registry.Register("https://example.test/nested/int.json", """{"type": "integer"}""");
        registry.Register("https://example.test/root.json", """
            {"definitions": {"inner": {"id": "nested/", "properties": {"x": {"$ref": "int.json"}}}},
             "properties": {"y": {"$ref": "#/definitions/inner"}}}
            """);

        JsonSchema schema = registry.GetSchema("https://example.test/root.json");

        schema.Validate(Parse("""{"y": {"x": 1}}""")).Should().BeEmpty();
        schema.Validate(Parse("""{"y": {"x": "no"}}""")).Should().ContainSingle().Which.Path.Should().Be("$.y.x");
    }

    [Fact]
    public void Escaped_keyword_names_are_still_keywords()
    {
        var registry = new SchemaRegistry();
        registry.Register("https://example.test/s.json", """{"\u0074ype": "string", "m\u0069nLength": 2}""");

        JsonSchema schema = registry.GetSchema("https://example.test/s.json");

        schema.IsValid(Parse("\"ab\"")).Should().BeTrue();
        schema.IsValid(Parse("\"a\"")).Should().BeFalse();
        schema.IsValid(Parse("5")).Should().BeFalse();
    }

    [Fact]
    public void A_lazily_compiled_schema_can_be_used_from_many_threads_from_the_start()
    {
        JsonElement config = Parse(File.ReadAllText(ConfigFixture("spec-example.json")));
        JsonElement bad = Parse("""{"ociVersion": "1.3.0", "root": {"path": "r"}, "linux": {"namespaces": [{"type": "bogus"}]}, "mounts": [{"source": "x"}]}""");
        for (int round = 0; round < 5; round++)
        {
            JsonSchema schema = OciSchemaResources.CreateRegistry().GetSchemaLazily(ConfigKey);
            int[] counts = new int[32];

            Parallel.For(0, counts.Length, i => counts[i] = schema.Validate(i % 2 == 0 ? config : bad).Count);

            counts.Where((_, i) => i % 2 == 0).Should().OnlyContain(count => count == 0);
            counts.Where((_, i) => i % 2 == 1).Should().OnlyContain(count => count == 2);
        }
    }

    private static SchemaDocument Document(string key, string json) => new(key, JsonDocument.Parse(json).RootElement);

    private static JsonElement Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
