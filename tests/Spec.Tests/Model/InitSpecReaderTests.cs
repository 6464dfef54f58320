using System.Text.Json;
using FluentAssertions;
using Runc.Sharp.Spec.Model;
using Runc.Sharp.Spec.Serialization;
using Xunit;

namespace Runc.Sharp.Spec.Tests.Model;

/// <summary>
/// InitSpecReader must read every part of a config that init uses exactly as the serializer does
/// (unknown fields aside, which init never looks at).
/// </summary>
public class InitSpecReaderTests
{
    public static IEnumerable<object[]> Configs() =>
        TestFiles.FixtureNames("config")
            .Select(r => new object[] { Path.Combine(TestFiles.FixturesRoot, "config", "good", (string)r[0]) })
            .Append([Path.Combine(TestFiles.ExpectedRoot, "runc-spec.json")])
            .Append([Path.Combine(TestFiles.ExpectedRoot, "runc-spec-rootless-1000-1001.json")])
            .Append([Path.Combine(AppContext.BaseDirectory, "TestData", "Semantic", "full-config.json")]);

    [Theory]
    [MemberData(nameof(Configs))]
    public void Reads_what_init_uses_as_the_serializer_does(string path)
    {
        var json = File.ReadAllBytes(path);
        var full = SpecJson.ReadConfig(json);

        var lean = InitSpecReader.ReadConfig(json);

        lean.Should().BeEquivalentTo(InitPart(full), o => o.Excluding(m => m.Name == "Extra"));
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void Reads_a_whole_process_as_the_serializer_does(string path)
    {
        var process = SpecJson.ReadConfig(File.ReadAllBytes(path)).Process;
        if (process is null)
            return; // a config without a process has none to compare (minimal.json)

        var lean = InitSpecReader.ReadProcess(SpecJson.WriteProcess(process));

        lean.Should().BeEquivalentTo(process, o => o.Excluding(m => m.Name == "Extra"));
    }

    [Fact]
    public void The_full_fixture_sets_every_part_init_uses()
    {
        var lean = InitSpecReader.ReadConfig(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "Semantic", "full-config.json")));
        var linux = lean.Linux!;
        new object?[] { lean.Root, lean.Hostname, lean.Mounts, lean.Hooks?.CreateRuntime, lean.Annotations, lean.Process, linux.UidMappings,
                linux.Sysctl, linux.Namespaces, linux.Devices, linux.MaskedPaths, linux.ReadonlyPaths, linux.Personality }
            .Should().NotContainNulls("a comparison with nulls on both sides would prove nothing");
    }

    [Fact]
    public void A_document_read_from_disk_may_start_with_a_byte_order_mark()
    {
        InitSpecReader.ReadConfig([0xEF, 0xBB, 0xBF, .. """{"hostname": "h"}"""u8]).Hostname.Should().Be("h");
    }

    [Theory]
    [InlineData("""{"hostname": 5}""", "hostname")]
    [InlineData("""{"mounts": {}}""", "mounts")]
    [InlineData("""{"linux": {"devices": [{"path": "/dev/x", "type": "c", "major": "1"}]}}""", "major")]
    [InlineData("""{"linux": {"uidMappings": [{"containerID": -1, "hostID": 0, "size": 1}]}}""", "containerID")]
    [InlineData("""{"annotations": {"a": 1}}""", "annotations")]
    [InlineData("""[]""", "object")]
    [InlineData("""{"hostname": """, "")]
    public void Wrong_json_is_a_json_error_naming_the_member(string json, string named)
    {
        var act = () => InitSpecReader.ReadConfig(System.Text.Encoding.UTF8.GetBytes(json));

        act.Should().Throw<JsonException>().Where(e => e.Message.Contains(named));
    }

    private static RuntimeConfig InitPart(RuntimeConfig c) => new()
    {
        Root = c.Root,
        Hostname = c.Hostname,
        Domainname = c.Domainname,
        Mounts = c.Mounts,
        Hooks = c.Hooks,
        Annotations = c.Annotations,
        Process = c.Process,
        Linux = c.Linux is not { } l ? null : new LinuxConfig
        {
            UidMappings = l.UidMappings,
            GidMappings = l.GidMappings,
            Sysctl = l.Sysctl,
            Namespaces = l.Namespaces,
            Devices = l.Devices,
            RootfsPropagation = l.RootfsPropagation,
            MaskedPaths = l.MaskedPaths,
            ReadonlyPaths = l.ReadonlyPaths,
            MountLabel = l.MountLabel,
            Personality = l.Personality,
            Resources = l.Resources is not { } r ? null : new LinuxResources
            {
                Cpu = r.Cpu is not { } cpu ? null : new LinuxCpu { Cpus = cpu.Cpus, Mems = cpu.Mems },
            },
        },
    };
}
