using System.Text;
using System.Text.Json;
using FluentAssertions;
using Runc.Sharp.Spec.Model;
using Runc.Sharp.Spec.Serialization;
using Xunit;

namespace Runc.Sharp.Spec.Tests.Model;

public class UnknownFieldTests
{
    private const string ConfigWithExtensions = """
        {
          "ociVersion": "1.3.0",
          "x-top": {"nested": [1, "two", {"three": 3}], "n": null},
          "process": {
            "cwd": "/",
            "x-process": true,
            "user": {"uid": 1, "gid": 2, "x-user": "u"},
            "capabilities": {"bounding": ["CAP_KILL"], "x-caps": []},
            "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1, "soft": 1, "x-rlimit": 1.5}]
          },
          "root": {"path": "rootfs", "x-root": {"deep": {"deeper": {"deepest": [[]]}}}},
          "mounts": [{"destination": "/tmp", "x-mount": "m", "uidMappings": [{"containerID": 0, "hostID": 1, "size": 2, "x-map": 0}]}],
          "hooks": {"x-hooks": 7, "prestart": [{"path": "/bin/true", "x-hook": "h"}], "futureHook": [{"path": "/x"}]},
          "linux": {
            "x-linux": "l",
            "resources": {
              "x-res": {},
              "memory": {"limit": 1, "x-mem": "m"},
              "blockIO": {"weightDevice": [{"major": 8, "minor": 0, "x-wd": 1}]}
            },
            "seccomp": {
              "defaultAction": "SCMP_ACT_ERRNO",
              "x-seccomp": "s",
              "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ", "x-arg": [false]}]}]
            },
            "timeOffsets": {"boottime": {"secs": 1, "x-off": 2}, "realtime": {"secs": 3}}
          }
        }
        """;

    [Fact]
    public void Unknown_members_at_every_depth_survive_a_round_trip()
    {
        byte[] input = Encoding.UTF8.GetBytes(ConfigWithExtensions);

        byte[] output = SpecJson.WriteConfig(SpecJson.ReadConfig(input));

        JsonTree.AssertEquivalent(input, output);
    }

    [Fact]
    public void Unknown_members_land_in_Extra_of_the_object_that_holds_them()
    {
        RuntimeConfig config = SpecJson.ReadConfig(Encoding.UTF8.GetBytes(ConfigWithExtensions));

        config.Extra.Should().ContainKey("x-top");
        config.Extra!["x-top"].GetProperty("nested")[2].GetProperty("three").GetInt32().Should().Be(3);
        config.Extra["x-top"].GetProperty("n").ValueKind.Should().Be(JsonValueKind.Null);
        config.Process!.Extra.Should().ContainKey("x-process");
        config.Process.User!.Extra.Should().ContainKey("x-user");
        config.Process.Capabilities!.Extra.Should().ContainKey("x-caps");
        config.Process.Rlimits![0].Extra!["x-rlimit"].GetDouble().Should().Be(1.5);
        config.Root!.Extra!["x-root"].GetProperty("deep").GetProperty("deeper").GetProperty("deepest")[0].GetArrayLength().Should().Be(0);
        config.Mounts![0].Extra.Should().ContainKey("x-mount");
        config.Mounts[0].UidMappings![0].Extra.Should().ContainKey("x-map");
        config.Hooks!.Extra.Should().ContainKeys("x-hooks", "futureHook");
        config.Hooks.Prestart![0].Extra.Should().ContainKey("x-hook");
        config.Linux!.Extra.Should().ContainKey("x-linux");
        config.Linux.Resources!.Extra.Should().ContainKey("x-res");
        config.Linux.Resources.Memory!.Extra.Should().ContainKey("x-mem");
        config.Linux.Resources.BlockIO!.WeightDevice![0].Extra.Should().ContainKey("x-wd");
        config.Linux.Seccomp!.Extra.Should().ContainKey("x-seccomp");
        config.Linux.Seccomp.Syscalls![0].Args![0].Extra.Should().ContainKey("x-arg");
        config.Linux.TimeOffsets!["boottime"].Extra.Should().ContainKey("x-off");
        config.Linux.TimeOffsets.Should().ContainKey("realtime");
    }

    [Fact]
    public void Objects_without_unknown_members_have_no_Extra()
    {
        RuntimeConfig config = SpecJson.ReadConfig("""{"ociVersion":"1.3.0","process":{"cwd":"/"},"root":{"path":"r"}}"""u8);

        config.Extra.Should().BeNull();
        config.Process!.Extra.Should().BeNull();
        config.Root!.Extra.Should().BeNull();
    }

    [Fact]
    public void Unknown_members_of_state_features_process_and_resources_survive()
    {
        byte[] state = """{"ociVersion":"1.3.0","id":"c","status":"running","pid":1,"bundle":"/b","x-state":{"a":[1]}}"""u8.ToArray();
        byte[] features = """{"ociVersionMin":"1.0.0","ociVersionMax":"1.3.0","x-f":1,"linux":{"x-l":2,"cgroup":{"v2":true,"x-c":3},"mountExtensions":{"idmap":{"enabled":true,"x-i":4}}}}"""u8.ToArray();
        byte[] process = """{"cwd":"/","x-p":"p","scheduler":{"policy":"SCHED_OTHER","x-s":0}}"""u8.ToArray();
        byte[] resources = """{"pids":{"limit":5,"x-pids":1},"x-r":[true]}"""u8.ToArray();

        JsonTree.AssertEquivalent(state, SpecJson.WriteState(SpecJson.ReadState(state)));
        JsonTree.AssertEquivalent(features, SpecJson.WriteFeatures(SpecJson.ReadFeatures(features)));
        JsonTree.AssertEquivalent(process, SpecJson.WriteProcess(SpecJson.ReadProcess(process)));
        JsonTree.AssertEquivalent(resources, SpecJson.WriteResources(SpecJson.ReadResources(resources)));

        SpecJson.ReadFeatures(features).Linux!.MountExtensions!.Idmap!.Extra.Should().ContainKey("x-i");
    }
}
