using System.Text;
using System.Text.Json;
using FluentAssertions;
using Runc.Sharp.Spec.Json;
using Runc.Sharp.Spec.Validation;
using Xunit;

namespace Runc.Sharp.Spec.Tests.Schema;

public sealed class JsonPositionMapTests
{
    private static readonly string Document = string.Join('\n',
        "{",                                        // 1
        "  \"ociVersion\": \"1.3.0\",",             // 2
        "  \"mounts\": [",                          // 3
        "    {\"destination\": \"/proc\"},",        // 4
        "    {",                                    // 5
        "      \"destination\": 7",                 // 6
        "    }",                                    // 7
        "  ],",                                     // 8
        "  \"annotations\": {\"a.b\": [true, null]}", // 9
        "}");

    [Theory]
    [InlineData("$", 1, 1)]
    [InlineData("$.ociVersion", 2, 17)]
    [InlineData("$.mounts", 3, 13)]
    [InlineData("$.mounts[0]", 4, 5)]
    [InlineData("$.mounts[0].destination", 4, 21)]
    [InlineData("$.mounts[1]", 5, 5)]
    [InlineData("$.mounts[1].destination", 6, 22)]
    [InlineData("$.annotations", 9, 18)]
    [InlineData("$.annotations['a.b']", 9, 26)]
    [InlineData("$.annotations['a.b'][1]", 9, 33)]
    public void Maps_nested_values_to_where_they_start(string path, int line, int column)
    {
        var map = JsonPositionMap.Build(Encoding.UTF8.GetBytes(Document));

        map.TryGetPosition(path, out JsonTextPosition position).Should().BeTrue();
        position.Should().Be(new JsonTextPosition(line, column));
    }

    [Fact]
    public void Records_every_value()
    {
        JsonPositionMap.Build(Encoding.UTF8.GetBytes(Document)).Count.Should().Be(11);
    }

    [Fact]
    public void Columns_count_characters_not_bytes()
    {
        // "ä" is 2 bytes, "€" 3, "😀" 4 (one code point): each is one column.
        const string json = "{\"ä\": \"€😀\", \"b\": 1}";

        var map = JsonPositionMap.Build(Encoding.UTF8.GetBytes(json));

        map.TryGetPosition("$['ä']", out var first).Should().BeTrue();
        first.Should().Be(new JsonTextPosition(1, 7));
        map.TryGetPosition("$.b", out var second).Should().BeTrue();
        second.Should().Be(new JsonTextPosition(1, 18));
    }

    [Fact]
    public void Handles_bom_and_crlf_line_endings()
    {
        byte[] utf8 = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\r\n  \"é\": {\r\n    \"x\": false\r\n  }\r\n}")];

        var map = JsonPositionMap.Build(utf8);

        map.TryGetPosition("$['é'].x", out var position).Should().BeTrue();
        position.Should().Be(new JsonTextPosition(3, 10));
    }

    [Fact]
    public void Invalid_json_keeps_the_positions_read_before_the_error()
    {
        var map = JsonPositionMap.Build(Encoding.UTF8.GetBytes("{\"a\": 1,\n \"b\": [tru"));

        map.TryGetPosition("$.a", out var a).Should().BeTrue();
        a.Should().Be(new JsonTextPosition(1, 7));
        map.TryGetPosition("$.b", out var b).Should().BeTrue();
        b.Should().Be(new JsonTextPosition(2, 7));
    }

    [Fact]
    public void Locate_fills_in_line_and_column_falling_back_to_the_nearest_ancestor()
    {
        var map = JsonPositionMap.Build(Encoding.UTF8.GetBytes(Document));

        IReadOnlyList<ValidationError> located = map.Locate(
        [
            new ValidationError("$.mounts[1].destination", "expected type string, got number"),
            new ValidationError("$.mounts[1].missing", "not there"),
        ]);

        located[0].ToString().Should().Be("6:22: $.mounts[1].destination: expected type string, got number");
        located[1].Line.Should().Be(5);
        located[1].Column.Should().Be(5);
    }

    [Fact]
    public void Parse_error_position_is_one_based()
    {
        byte[] utf8 = Encoding.UTF8.GetBytes("{\n  \"a\": 1,\n  \"b\": ]\n}");
        JsonException error = ParseError(utf8);

        JsonPositionMap.PositionOf(error).Should().Be(new JsonTextPosition(3, 8));
        JsonPositionMap.PositionOf(error, utf8).Should().Be(new JsonTextPosition(3, 8));
    }

    [Fact]
    public void Parse_error_column_counts_characters_when_given_the_text()
    {
        byte[] utf8 = Encoding.UTF8.GetBytes("{\"ü€\": x}");
        JsonException error = ParseError(utf8);

        JsonPositionMap.PositionOf(error).Should().Be(new JsonTextPosition(1, 11), "byte column: 1 + 10 bytes before x");
        JsonPositionMap.PositionOf(error, utf8).Should().Be(new JsonTextPosition(1, 8), "character column: 1 + 7 characters before x");
    }

    private static JsonException ParseError(byte[] utf8)
    {
        try
        {
            using JsonDocument unused = JsonDocument.Parse(utf8);
        }
        catch (JsonException e)
        {
            return e;
        }

        throw new InvalidOperationException("expected a parse error");
    }
}
