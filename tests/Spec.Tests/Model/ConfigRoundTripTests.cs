using System.Text;
using FluentAssertions;
using Runc.Sharp.Spec.Model;
using Runc.Sharp.Spec.Serialization;
using Xunit;

namespace Runc.Sharp.Spec.Tests.Model;

public class ConfigRoundTripTests
{
    public static IEnumerable<object[]> GoodConfigs() => TestFiles.FixtureNames("config");

    [Fact]
    public void All_runtime_spec_good_configs_are_present()
    {
        GoodConfigs().Select(r => (string)r[0]).Should().BeEquivalentTo(
            "freebsd-example.json", "freebsd-minimal.json", "linux-netdevice.json", "linux-rdma.json",
            "minimal-for-start.json", "minimal.json", "spec-example.json", "zos-example.json", "zos-minimal.json");
    }

    [Theory]
    [MemberData(nameof(GoodConfigs))]
    public void Good_config_round_trips_to_an_equal_json_tree(string name)
    {
        byte[] input = TestFiles.Fixture("config", "good", name);

        RuntimeConfig config = SpecJson.ReadConfig(input);
        byte[] written = SpecJson.WriteConfig(config);

        JsonTree.AssertEquivalent(input, written);
    }

    [Theory]
    [MemberData(nameof(GoodConfigs))]
    public void Writing_a_reparsed_config_is_byte_stable(string name)
    {
        byte[] first = SpecJson.WriteConfig(SpecJson.ReadConfig(TestFiles.Fixture("config", "good", name)));
        byte[] second = SpecJson.WriteConfig(SpecJson.ReadConfig(first));

        Encoding.UTF8.GetString(second).Should().Be(Encoding.UTF8.GetString(first));
    }

    [Fact]
    public void Spec_example_is_mapped_onto_typed_members()
    {
        RuntimeConfig config = SpecJson.ReadConfig(TestFiles.Fixture("config", "good", "spec-example.json"));

        config.OciVersion.Should().Be("0.5.0-dev");
        config.Process!.User!.AdditionalGids.Should().Equal(5u, 6u);
        config.Process.Capabilities!.Ambient.Should().Equal("CAP_NET_BIND_SERVICE");
        config.Process.Rlimits!.Select(r => (r.Type, r.Hard, r.Soft)).Should().Equal(("RLIMIT_CORE", 1024UL, 1024UL), ("RLIMIT_NOFILE", 1024UL, 1024UL));
        config.Hooks!.Poststart![0].Timeout.Should().Be(5);
        config.Hooks.Prestart![1].Args.Should().BeNull();

        LinuxConfig linux = config.Linux!;
        linux.Devices![0].FileMode.Should().Be(438u);
        linux.UidMappings![0].HostId.Should().Be(1000u);
        linux.Sysctl.Should().ContainKey("net.core.somaxconn").WhoseValue.Should().Be("256");
        linux.Resources!.HugepageLimits![0].Limit.Should().Be(9223372036854772000UL);
        linux.Resources.Memory!.Kernel.Should().Be(-1);
        linux.Resources.Memory.DisableOomKiller.Should().BeFalse();
        linux.Resources.Cpu!.RealtimeRuntime.Should().Be(950000);
        linux.Resources.Network!.ClassId.Should().Be(1048577u);
        linux.Resources.BlockIO!.WeightDevice![1].LeafWeight.Should().BeNull();
        linux.Resources.BlockIO.ThrottleWriteIopsDevice![0].Rate.Should().Be(300UL);
        linux.Seccomp!.Syscalls![0].Names.Should().Equal("getcwd", "chmod");
        linux.TimeOffsets!.Keys.Should().Equal("monotonic", "boottime");
        linux.TimeOffsets["boottime"].Secs.Should().Be(604800);
        linux.Namespaces!.Select(n => n.Type).Should().Equal("pid", "network", "ipc", "uts", "mount", "user", "cgroup", "time");

        // "oomScoreAdj" is not a resources member in the schema: kept as an unknown field.
        linux.Resources.Extra.Should().ContainKey("oomScoreAdj").WhoseValue.GetInt32().Should().Be(100);
    }

    [Fact]
    public void Netdevices_rdma_and_platform_sections_are_kept()
    {
        RuntimeConfig netdev = SpecJson.ReadConfig(TestFiles.Fixture("config", "good", "linux-netdevice.json"));
        netdev.Linux!.NetDevices!.Keys.Should().Equal("eth0", "ens4", "ens5");
        netdev.Linux.NetDevices["eth0"].Name.Should().Be("container_eth0");
        netdev.Linux.NetDevices["ens4"].Name.Should().BeNull();

        RuntimeConfig rdma = SpecJson.ReadConfig(TestFiles.Fixture("config", "good", "linux-rdma.json"));
        rdma.Linux!.Resources!.Rdma!["mlx5_1"].HcaHandles.Should().Be(3u);
        rdma.Linux.Resources.Rdma["mlx4_0"].HcaHandles.Should().BeNull();

        RuntimeConfig freebsd = SpecJson.ReadConfig(TestFiles.Fixture("config", "good", "freebsd-example.json"));
        freebsd.FreeBsd.Should().NotBeNull();
        freebsd.FreeBsd!.Value.ValueKind.Should().Be(System.Text.Json.JsonValueKind.Object);
        freebsd.Linux.Should().BeNull();

        RuntimeConfig zos = SpecJson.ReadConfig(TestFiles.Fixture("config", "good", "zos-minimal.json"));
        zos.Zos!.Value.GetRawText().Should().Be("{}");
    }
}
