using FluentAssertions;
using Runc.Sharp.Spec.Validation;
using Runc.Sharp.Spec.Validation.Schema;
using Xunit;

namespace Runc.Sharp.Spec.Tests.Schema;

/// <summary>Every case of the official draft4 test suite, one theory row each.</summary>
public sealed class Draft4SuiteTests
{
    public static IEnumerable<object[]> CaseNames => Draft4Suite.Cases.Keys.Select(name => new object[] { new SuiteCase(name) });

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Draft4(SuiteCase testCase)
    {
        Draft4Case c = Draft4Suite.Cases[testCase.Name];
        var registry = new SchemaRegistry(Draft4Suite.Remotes);
        var uri = new Uri($"http://json-schema-test-suite.invalid/draft4/{c.File}/{c.GroupIndex}.json");
        registry.Register(uri, c.Schema);
        JsonSchema schema = registry.GetSchema(uri);

        IReadOnlyList<ValidationError> errors = schema.Validate(c.Data);

        if (c.Valid)
        {
            errors.Should().BeEmpty("the data is valid against the schema");
        }
        else
        {
            errors.Should().NotBeEmpty("the data is invalid against the schema");
        }

        schema.IsValid(c.Data).Should().Be(c.Valid);
    }

    [Fact]
    public void Suite_has_all_draft4_files_and_cases()
    {
        Draft4Suite.Cases.Select(c => c.Value.File).Distinct().Should().HaveCount(30);
        Draft4Suite.Cases.Should().HaveCountGreaterThan(500);
    }
}
