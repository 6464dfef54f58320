using FluentAssertions;
using Runc.Sharp.Spec.Validation.Semantic;
using Xunit;

namespace Runc.Sharp.Spec.Tests.Semantic;

/// <summary>The numbers a list names (what the runtime turns into an affinity mask).</summary>
public sealed class CpuListTests
{
    [Theory]
    [InlineData("0", 7, new[] { 0 })]
    [InlineData("0-3,7", 7, new[] { 0, 1, 2, 3, 7 })]
    [InlineData("7,1,1-2", 7, new[] { 1, 2, 7 })]
    [InlineData("0-7:2/4", 7, new[] { 0, 1, 4, 5 })]
    [InlineData("0-N", 3, new[] { 0, 1, 2, 3 })]
    [InlineData("N", 5, new[] { 5 })]
    public void Expands_to_the_named_numbers(string list, int last, int[] expected)
    {
        var cpus = CpuList.TryExpand(list, last, out var error);
        error.Should().BeEmpty();
        cpus.Should().Equal(expected);
    }

    [Theory]
    [InlineData("8", 7, "\"8\" goes beyond the last possible number, 7")]
    [InlineData("0-9", 7, "goes beyond the last possible number")]
    [InlineData("3-1", 7, "\"3-1\" is not a valid range")]
    [InlineData("a", 7, "\"a\" is not a number or range")]
    [InlineData("0-7:3/2", 7, "has an invalid stride")]
    [InlineData("", 7, "empty")]
    public void Malformed_or_out_of_range_lists_are_refused(string list, int last, string fragment)
    {
        CpuList.TryExpand(list, last, out var error).Should().BeNull();
        error.Should().Contain(fragment);
    }

    [Fact]
    public void Validity_does_not_depend_on_the_machine() =>
        CpuList.IsValid("0-4095").Should().BeTrue("the validator checks syntax; the runtime checks the CPUs exist");
}
