using FluentAssertions;
using Runc.Sharp.Spec.Json;
using Xunit;

namespace Runc.Sharp.Spec.Tests.Schema;

public sealed class JsonPathTests
{
    [Theory]
    [InlineData("destination", "$.destination")]
    [InlineData("_private1", "$._private1")]
    [InlineData("org.opencontainers.image.os", "$['org.opencontainers.image.os']")]
    [InlineData("with space", "$['with space']")]
    [InlineData("1st", "$['1st']")]
    [InlineData("", "$['']")]
    [InlineData("it's", "$['it\\'s']")]
    [InlineData("back\\slash", "$['back\\\\slash']")]
    [InlineData("caf\u00e9", "$['caf\u00e9']")]
    [InlineData("$ref", "$['$ref']")]
    public void Property_uses_dot_form_only_for_plain_identifiers(string name, string expected)
    {
        JsonPath.Property(JsonPath.Root, name).Should().Be(expected);
    }

    [Fact]
    public void Paths_compose()
    {
        string path = JsonPath.Property(JsonPath.Index(JsonPath.Property("$", "mounts"), 2), "destination");

        path.Should().Be("$.mounts[2].destination");
    }

    [Theory]
    [InlineData("$.mounts[2].destination", "$.mounts[2]")]
    [InlineData("$.mounts[2]", "$.mounts")]
    [InlineData("$.mounts", "$")]
    [InlineData("$['a.b'].c", "$['a.b']")]
    [InlineData("$['a.b']", "$")]
    [InlineData("$['x\\'].y[1]']", "$")]
    [InlineData("$[0][1]", "$[0]")]
    public void TryGetParent_strips_the_last_segment(string path, string parent)
    {
        JsonPath.TryGetParent(path, out string actual).Should().BeTrue();
        actual.Should().Be(parent);
    }

    [Theory]
    [InlineData("$")]
    [InlineData("")]
    [InlineData("mounts")]
    [InlineData("$[1")]
    public void TryGetParent_fails_for_root_and_malformed_paths(string path)
    {
        JsonPath.TryGetParent(path, out _).Should().BeFalse();
    }
}
