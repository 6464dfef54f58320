using System.Text.Json;
using FluentAssertions;
using Runc.Sharp.Spec.Validation;
using Runc.Sharp.Spec.Validation.Schema;
using Xunit;

namespace Runc.Sharp.Spec.Tests.Schema;

/// <summary>
/// The runtime-spec's own fixtures (TestData/oci-fixtures/{config,state,features}/{good,bad}/*.json):
/// every good one validates against its schema, every bad one fails (invalid JSON counts as failing).
/// </summary>
public sealed class OciFixtureTests
{
    private static string FixturesRoot => TestData.Path("oci-fixtures");

    public static IEnumerable<object[]> Fixtures =>
        Directory.GetFiles(FixturesRoot, "*.json", SearchOption.AllDirectories)
            .Select(file => TestData.Relative(FixturesRoot, file))
            .Order(StringComparer.Ordinal)
            .Select(relative => new object[] { new SuiteCase(relative) });

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_validates_as_its_folder_says(SuiteCase testCase)
    {
        string fixture = testCase.Name;
        string[] parts = fixture.Split('/');
        string kind = parts[0];
        bool good = parts[1] switch
        {
            "good" => true,
            "bad" => false,
            _ => throw new InvalidOperationException($"unexpected fixture folder {fixture}"),
        };

        IReadOnlyList<ValidationError> errors = Validate(kind, File.ReadAllBytes(Path.Combine(FixturesRoot, fixture)));

        if (good)
        {
            errors.Should().BeEmpty();
        }
        else
        {
            errors.Should().NotBeEmpty();
        }
    }

    [Fact]
    public void Every_kind_has_good_and_bad_fixtures()
    {
        var folders = Fixtures.Select(row => string.Join('/', ((SuiteCase)row[0]).Name.Split('/')[..2])).Distinct();
        folders.Should().BeEquivalentTo(
            "config/good", "config/bad", "state/good", "state/bad", "features/good", "features/bad");
    }

    [Theory]
    [InlineData("config/bad/linux-hugepage.json", "$.linux.resources.hugepageLimits[0].pageSize", "pattern")]
    [InlineData("config/bad/linux-netdevice.json", "$.linux.netDevices.eth0.name", "expected type string, got number")]
    [InlineData("config/bad/linux-rdma.json", "$.linux.resources.rdma.mlx5_1.hcaHandles", "expected type integer, got string")]
    [InlineData("config/bad/freebsd-vnet-disable.json", "$.freebsd.jail.vnet", "is not one of")]
    [InlineData("features/bad/missing-ociVersionMax.json", "$", "missing required property \"ociVersionMax\"")]
    public void Bad_fixture_reports_the_offending_value(string fixture, string path, string messagePart)
    {
        string kind = fixture.Split('/')[0];

        IReadOnlyList<ValidationError> errors = Validate(kind, File.ReadAllBytes(Path.Combine(FixturesRoot, fixture)));

        errors.Should().Contain(e => e.Path == path && e.Message.Contains(messagePart), "errors were: {0}", string.Join("; ", errors));
    }

    internal static IReadOnlyList<ValidationError> Validate(string kind, byte[] utf8)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(utf8);
            return kind switch
            {
                "config" => OciSchemas.ValidateConfig(document.RootElement),
                "state" => OciSchemas.ValidateState(document.RootElement),
                "features" => OciSchemas.ValidateFeatures(document.RootElement),
                _ => throw new InvalidOperationException($"unknown fixture kind {kind}"),
            };
        }
        catch (JsonException e)
        {
            return [new ValidationError(Runc.Sharp.Spec.Json.JsonPath.Root, $"invalid JSON: {e.Message}")];
        }
    }
}
