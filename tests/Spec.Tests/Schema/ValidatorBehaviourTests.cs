using System.Text.Json;
using FluentAssertions;
using Runc.Sharp.Spec.Validation;
using Runc.Sharp.Spec.Validation.Schema;
using Xunit;

namespace Runc.Sharp.Spec.Tests.Schema;

/// <summary>Error paths and messages, $ref resolution details and schema errors beyond what the suite checks.</summary>
public sealed class ValidatorBehaviourTests
{
    private const string MinimalConfig = """{"ociVersion": "1.3.0", "root": {"path": "rootfs"}""";

    [Fact]
    public void Missing_required_property_is_reported_on_the_object_that_lacks_it()
    {
        var errors = ValidateConfig(MinimalConfig + """, "mounts": [{"destination": "/a"}, {"destination": "/b"}, {"source": "x"}]}""");

        errors.Should().ContainSingle().Which.Should().Be(new ValidationError("$.mounts[2]", "missing required property \"destination\""));
    }

    [Fact]
    public void Wrong_type_is_reported_at_the_value()
    {
        var errors = ValidateConfig(MinimalConfig + """, "mounts": [{"destination": "/a"}, {"destination": "/b"}, {"destination": 7}]}""");

        errors.Should().ContainSingle().Which.Should().Be(new ValidationError("$.mounts[2].destination", "expected type string, got number"));
    }

    [Fact]
    public void Keys_that_are_not_identifiers_use_bracket_form()
    {
        var errors = ValidateConfig(MinimalConfig + """, "annotations": {"org.opencontainers.image.os": 1, "it's": true}}""");

        errors.Select(e => e.Path).Should().Equal("$.annotations['org.opencontainers.image.os']", "$.annotations['it\\'s']");
    }

    [Fact]
    public void Enum_message_lists_the_allowed_values()
    {
        var errors = Validate("""{"enum": ["a", "b"]}""", "\"foo\"");

        errors.Should().ContainSingle().Which.Message.Should().Be("value \"foo\" is not one of [\"a\",\"b\"]");
    }

    [Fact]
    public void AnyOf_reports_only_the_branch_with_the_right_shape()
    {
        var errors = ValidateConfig(MinimalConfig + """, "linux": {"namespaces": [{"type": "pid"}, {"type": "bogus"}]}}""");

        errors.Should().ContainSingle().Which.Path.Should().Be("$.linux.namespaces[1].type");
        errors[0].Message.Should().StartWith("value \"bogus\" is not one of [");
    }

    [Fact]
    public void AnyOf_where_every_branch_fails_on_type_reports_one_merged_type_error()
    {
        var errors = Validate("""{"anyOf": [{"type": "string"}, {"type": "null"}, {"type": ["array", "object"]}]}""", "5");

        errors.Should().ContainSingle().Which.Message.Should().Be("expected type array, null, object or string, got number");
    }

    [Fact]
    public void AnyOf_with_several_plausible_branches_names_the_closest_and_shows_its_errors()
    {
        const string schema = """
            {"anyOf": [
                {"type": "object", "required": ["a", "b"]},
                {"type": "object", "required": ["c"]}
            ]}
            """;

        var errors = Validate(schema, "{}");

        errors.Select(e => e.Message).Should().Equal(
            "value does not match any of the 2 anyOf schemas; closest is #1:",
            "missing required property \"c\"");
    }

    [Fact]
    public void OneOf_matching_several_branches_says_which()
    {
        var errors = Validate("""{"oneOf": [{"type": "integer"}, {"minimum": 2}, {"type": "string"}]}""", "3");

        errors.Should().ContainSingle().Which.Message.Should().Be("value matches oneOf schemas #0, #1, expected exactly one");
    }

    [Theory]
    [InlineData("""{"multipleOf": 0.1}""", "0.3", true)]
    [InlineData("""{"multipleOf": 0.01}""", "19.99", true)]
    [InlineData("""{"multipleOf": 0.01}""", "19.999", false)]
    [InlineData("""{"type": "integer"}""", "1.0", true)]
    [InlineData("""{"type": "integer"}""", "1e2", true)]
    [InlineData("""{"maxLength": 2}""", "\"\uD83D\uDCA9\uD83D\uDCA9\"", true)]
    [InlineData("""{"minLength": 3}""", "\"\uD83D\uDCA9\uD83D\uDCA9\"", false)]
    [InlineData("""{"enum": [{"a": 1, "b": [1.0]}]}""", """{"b": [1], "a": 1.00}""", true)]
    [InlineData("""{"uniqueItems": true}""", """[{"a": 1, "b": 2}, {"b": 2, "a": 1.0}]""", false)]
    [InlineData("""{"pattern": "^\\d+$"}""", "\"123\"", true)]
    [InlineData("""{"pattern": "^\\p{L}+$"}""", "\"h\u00e9llo\"", true)]
    [InlineData("""{"format": "ipv4"}""", "\"not an address\"", true)]
    [InlineData("""{"pattern": "^[cbup]$"}""", "\"c\"", true)]
    [InlineData("""{"pattern": "^[cbup]$"}""", "\"c\\n\"", false)]
    [InlineData("""{"pattern": "^a[$]b\\$"}""", "\"a$b$\"", true)]
    public void Keyword_semantics(string schema, string instance, bool valid)
    {
        Validate(schema, instance).Should().HaveCount(valid ? 0 : 1);
    }

    [Theory]
    [InlineData("""{"$ref": "#"}""")]
    [InlineData("""{"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}, "$ref": "#/definitions/a"}""")]
    [InlineData("""{"anyOf": [{"$ref": "#"}], "type": "object"}""")]
    public void Reference_cycles_do_not_recurse_forever(string schema)
    {
        Validate(schema, """{"a": [1, 2, {"b": null}]}""").Should().BeEmpty();
    }

    [Fact]
    public void Recursive_schema_still_validates_every_level()
    {
        const string schema = """{"type": "object", "additionalProperties": {"$ref": "#"}}""";

        Validate(schema, """{"a": {"b": {"c": 1}}}""").Should().ContainSingle()
            .Which.Should().Be(new ValidationError("$.a.b.c", "expected type object, got number"));
    }

    [Fact]
    public void References_resolve_across_documents_and_through_a_fallback_registry()
    {
        var shared = new SchemaRegistry();
        shared.Register("https://example.test/schemas/defs.json", """{"definitions": {"port": {"type": "integer", "minimum": 1, "maximum": 65535}}}""");
        var registry = new SchemaRegistry(shared);
        registry.Register("https://example.test/schemas/service.json", """{"properties": {"port": {"$ref": "defs.json#/definitions/port"}}}""");

        JsonSchema schema = registry.GetSchema("https://example.test/schemas/service.json");

        schema.Validate(Parse("""{"port": 80}""")).Should().BeEmpty();
        schema.Validate(Parse("""{"port": 70000}""")).Should().ContainSingle()
            .Which.Should().Be(new ValidationError("$.port", "value 70000 is greater than maximum 65535"));
    }

    [Fact]
    public void Unresolvable_reference_is_a_schema_error()
    {
        var registry = new SchemaRegistry();
        registry.Register("https://example.test/a.json", """{"items": {"$ref": "b.json#/definitions/x"}}""");

        Action compile = () => registry.GetSchema("https://example.test/a.json");

        compile.Should().Throw<SchemaException>().WithMessage("*b.json*");
    }

    [Theory]
    [InlineData("""{"type": 5}""")]
    [InlineData("""{"required": "name"}""")]
    [InlineData("""{"minLength": -1}""")]
    [InlineData("""{"pattern": "("}""")]
    [InlineData("""{"properties": {"a": 5}}""")]
    public void Malformed_schema_is_a_schema_error(string schema)
    {
        var registry = new SchemaRegistry();
        registry.Register("https://example.test/bad.json", schema);

        Action compile = () => registry.GetSchema("https://example.test/bad.json");

        compile.Should().Throw<SchemaException>();
    }

    [Fact]
    public void Every_embedded_oci_schema_compiles()
    {
        string[] files =
        [
            "config-schema.json", "config-linux.json", "config-solaris.json", "config-windows.json", "config-vm.json",
            "config-freebsd.json", "config-zos.json", "defs.json", "defs-linux.json", "defs-windows.json", "defs-vm.json",
            "defs-freebsd.json", "defs-zos.json", "state-schema.json", "features-schema.json", "features-linux.json",
        ];

        foreach (string file in files)
        {
            SchemaRegistry.Oci.GetSchema(new Uri(OciSchemas.BaseUri, file)).Should().NotBeNull(file);
        }
    }

    [Fact]
    public void Oci_ref_without_leading_slash_is_read_as_a_pointer()
    {
        // defs.json's ArrayOfUint32 says {"$ref": "#definitions/uint32"}.
        JsonSchema schema = SchemaRegistry.Oci.GetSchema(new Uri(OciSchemas.BaseUri, "defs.json#/definitions/ArrayOfUint32"));

        schema.Validate(Parse("[0, 4294967295]")).Should().BeEmpty();
        schema.Validate(Parse("[-1]")).Should().ContainSingle().Which.Path.Should().Be("$[0]");
    }

    [Fact]
    public void Compiled_schema_can_be_used_from_many_threads()
    {
        JsonElement config = Parse(MinimalConfig + """, "mounts": [{"source": "x"}]}""");

        int[] counts = new int[64];
        Parallel.For(0, counts.Length, i => counts[i] = OciSchemas.ValidateConfig(config).Count);

        counts.Should().OnlyContain(count => count == 1);
    }

    private static IReadOnlyList<ValidationError> ValidateConfig(string json) => OciSchemas.ValidateConfig(Parse(json));

    private static IReadOnlyList<ValidationError> Validate(string schemaJson, string instanceJson)
    {
        var registry = new SchemaRegistry();
        registry.Register("https://example.test/schema.json", schemaJson);
        return registry.GetSchema("https://example.test/schema.json").Validate(Parse(instanceJson));
    }

    private static JsonElement Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
