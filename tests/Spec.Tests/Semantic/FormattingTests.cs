using FluentAssertions;
using Runc.Sharp.Spec.Validation.Semantic;
using Xunit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class FormattingTests
{
    [Theory]
    [InlineData("mounts", "$.mounts")]
    [InlineData("_x9", "$._x9")]
    [InlineData("net.ipv4.ip_forward", "$['net.ipv4.ip_forward']")]
    [InlineData("", "$['']")]
    [InlineData("it's", "$['it\\'s']")]
    [InlineData("a\\b", "$['a\\\\b']")]
    [InlineData("9lives", "$['9lives']")]
    [InlineData("a\nb", "$['a\\u000ab']")]
    public void Json_path_uses_brackets_for_non_identifiers(string key, string expected) =>
        JsonPath.Root.Dot(key).Should().Be(expected);

    [Fact]
    public void Json_path_indexes() => "$.mounts".At(2).Dot("destination").Should().Be("$.mounts[2].destination");

    [Theory]
    [InlineData("tmp", "\"tmp\"")]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData("line\nbreak", "\"line\\nbreak\"")]
    [InlineData("nul\0", "\"nul\\u0000\"")]
    [InlineData("pair\ud83d\ude00", "\"pair\ud83d\ude00\"")]
    public void Quoting_escapes_control_characters(string value, string expected) => Text.Q(value).Should().Be(expected);

    [Fact]
    public void Quoting_escapes_lone_surrogates() => Text.Q("lone" + (char)0xD800).Should().Be("\"lone\\ud800\"");

    [Fact]
    public void Quoting_truncates_long_values() => Text.Q(new string('x', 5000)).Should().HaveLength(120 + 5);
}
