using System.Text.Json;
using FluentAssertions;
using Runc.Sharp.Spec.Validation.Semantic;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class FullConfigTests
{
    public static string FullConfigJson => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Semantic", "full-config.json"));

    [Fact]
    public void Runc_spec_defaults_plus_extras_have_no_findings() => ValidateRaw(FullConfigJson).ShouldBeClean();

    [Fact]
    public void Full_config_is_clean_with_the_systemd_driver_when_the_path_is_a_unit()
    {
        var json = FullConfigJson.Replace("\"/runc-sharp/full-config\"", "\"system.slice:runc:full-config\"");
        ValidateRaw(json, new SemanticOptions { SystemdCgroup = true }).ShouldBeClean();
    }

    [Fact]
    public void Non_object_roots_yield_nothing()
    {
        foreach (var json in new[] { "[]", "null", "42", "\"config\"", "true" })
        {
            ValidateRaw(json).Should().BeEmpty(json);
        }

        SemanticValidator.Validate(default(JsonElement)).Should().BeEmpty();
    }

    [Fact]
    public void Messages_are_single_lower_case_lines_with_json_paths()
    {
        const string broken = """
            {
              "ociVersion": "2.0",
              "hostname": "h\nx",
              "process": {"cwd": "rel", "args": [], "env": ["X"], "oomScoreAdj": 5000,
                          "capabilities": {"bounding": ["CAP_NOPE"], "effective": ["CAP_KILL"]},
                          "rlimits": [{"type": "RLIMIT_X", "soft": 2, "hard": 1}],
                          "scheduler": {"policy": "SCHED_FIFO"}, "ioPriority": {"class": "X", "priority": 9}},
              "mounts": [{"destination": "rel\ttab", "type": "bind", "options": ["idmap", "bogus"]}],
              "linux": {
                "namespaces": [{"type": "pid"}, {"type": "pid"}, {"type": "bogus", "path": "x"}],
                "uidMappings": [{"containerID": 0, "hostID": 0, "size": 0}],
                "sysctl": {"vm.swappiness": "1", "net.ipv4.ip_forward": "1", "a..b": "1"},
                "resources": {"memory": {"limit": 10, "swap": 5}, "cpu": {"cpus": "x", "quota": 1}, "devices": [{"allow": true}]},
                "seccomp": {"defaultAction": "SCMP_ACT_NOTIFY", "syscalls": [{"names": ["write"], "action": "SCMP_ACT_NOTIFY"}]},
                "maskedPaths": ["rel"], "rootfsPropagation": "x", "timeOffsets": {"x": {}}
              },
              "hooks": {"prestart": [{"path": "rel", "timeout": 0}]},
              "annotations": {"": "x"}
            }
            """;
        var findings = ValidateRaw(broken);

        findings.Should().HaveCountGreaterThan(30);
        findings.Should().OnlyContain(f => f.Path.StartsWith('$'));
        findings.Should().OnlyContain(f => !f.Message.Contains('\n') && !f.Message.Contains('\r'));
        findings.Should().OnlyContain(f => !char.IsUpper(f.Message[0]), Dump(findings));
        findings.Should().NotContain(f => f.Message.Contains("internal error"));
    }
}
