using System.Text;
using FluentAssertions;
using Runc.Sharp.Spec.Model;
using Runc.Sharp.Spec.Serialization;
using Xunit;

namespace Runc.Sharp.Spec.Tests.Model;

public class FeaturesJsonTests
{
    public static IEnumerable<object[]> GoodFeatures() => TestFiles.FixtureNames("features");

    [Theory]
    [MemberData(nameof(GoodFeatures))]
    public void Good_features_documents_round_trip(string name)
    {
        byte[] input = TestFiles.Fixture("features", "good", name);

        JsonTree.AssertEquivalent(input, SpecJson.WriteFeatures(SpecJson.ReadFeatures(input)));
    }

    [Fact]
    public void Both_good_features_fixtures_are_present()
    {
        GoodFeatures().Select(r => (string)r[0]).Should().Equal("minimal.json", "runc.json");
    }

    [Fact]
    public void Runc_features_fixture_maps_onto_typed_members()
    {
        Features features = SpecJson.ReadFeatures(TestFiles.Fixture("features", "good", "runc.json"));

        features.OciVersionMin.Should().Be("1.0.0");
        features.OciVersionMax.Should().Be("1.0.2-dev");
        features.Hooks.Should().HaveCount(6).And.Contain("createRuntime");
        features.MountOptions.Should().Contain("rbind").And.HaveCount(62);
        features.Linux!.Namespaces.Should().HaveCount(7);
        features.Linux.Capabilities.Should().HaveCount(41);
        features.Linux.Cgroup!.SystemdUser.Should().BeTrue();
        features.Linux.Cgroup.Rdma.Should().BeNull();
        features.Linux.Seccomp!.Enabled.Should().BeTrue();
        features.Linux.Seccomp.SupportedFlags.Should().Equal("SECCOMP_FILTER_FLAG_LOG");
        features.Linux.Apparmor!.Enabled.Should().BeTrue();
        features.Linux.NetDevices!.Enabled.Should().BeTrue();
        features.Linux.IntelRdt.Should().BeNull();
        features.Annotations.Should().ContainKey("org.opencontainers.runc.version");
        features.Extra.Should().BeNull();
        features.Linux.Extra.Should().BeNull();
    }

    [Fact]
    public void Features_are_written_like_runc_features_four_spaces_and_a_trailing_newline()
    {
        var features = new Features
        {
            OciVersionMin = "1.0.0",
            OciVersionMax = SpecVersion.Current,
            Hooks = ["prestart"],
            Linux = new LinuxFeatures
            {
                Cgroup = new CgroupFeatures { V2 = true },
                MountExtensions = new MountExtensionsFeatures { Idmap = new FeatureToggle { Enabled = true } },
            },
            Annotations = new() { ["org.opencontainers.runc.version"] = "1.4.0" },
            PotentiallyUnsafeConfigAnnotations = ["bundle", "org.systemd.property."],
        };

        string text = Encoding.UTF8.GetString(SpecJson.WriteFeatures(features));

        text.Should().Be(
            "{\n" +
            "    \"ociVersionMin\": \"1.0.0\",\n" +
            "    \"ociVersionMax\": \"1.3.0\",\n" +
            "    \"hooks\": [\n" +
            "        \"prestart\"\n" +
            "    ],\n" +
            "    \"linux\": {\n" +
            "        \"cgroup\": {\n" +
            "            \"v2\": true\n" +
            "        },\n" +
            "        \"mountExtensions\": {\n" +
            "            \"idmap\": {\n" +
            "                \"enabled\": true\n" +
            "            }\n" +
            "        }\n" +
            "    },\n" +
            "    \"annotations\": {\n" +
            "        \"org.opencontainers.runc.version\": \"1.4.0\"\n" +
            "    },\n" +
            "    \"potentiallyUnsafeConfigAnnotations\": [\n" +
            "        \"bundle\",\n" +
            "        \"org.systemd.property.\"\n" +
            "    ]\n" +
            "}\n");
    }
}
