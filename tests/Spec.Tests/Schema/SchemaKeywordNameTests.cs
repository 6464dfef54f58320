using System.Text;
using FluentAssertions;
using Runc.Sharp.Spec.Validation.Schema;
using Xunit;

namespace Runc.Sharp.Spec.Tests.Schema;

/// <summary>The byte-level dispatch that recognises draft-04 keywords while compiling.</summary>
public sealed class SchemaKeywordNameTests
{
    private static readonly string[] Keywords =
    [
        "$ref", "id", "type", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
        "maxLength", "minLength", "pattern", "items", "additionalItems", "maxItems", "minItems", "uniqueItems",
        "maxProperties", "minProperties", "required", "properties", "patternProperties", "additionalProperties",
        "dependencies", "allOf", "anyOf", "oneOf", "not",
    ];

    [Fact]
    public void Every_keyword_is_recognised_as_itself()
    {
        Keywords.Should().HaveCount((int)SchemaKeywordName.Count);
        for (int i = 0; i < Keywords.Length; i++)
        {
            SchemaKeywordValues.Identify(Encoding.UTF8.GetBytes(Keywords[i])).Should().Be((SchemaKeywordName)i, Keywords[i]);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("ID")]
    [InlineData("$schema")]
    [InlineData("title")]
    [InlineData("default")]
    [InlineData("description")]
    [InlineData("definitions")]
    [InlineData("format")]
    [InlineData("patterns")]
    [InlineData("maximun")]
    [InlineData("anyof")]
    [InlineData("Items")]
    [InlineData("exclusiveMaximux")]
    public void Other_names_are_not_keywords(string name)
    {
        SchemaKeywordValues.Identify(Encoding.UTF8.GetBytes(name)).Should().Be(SchemaKeywordName.Unknown);
    }
}
