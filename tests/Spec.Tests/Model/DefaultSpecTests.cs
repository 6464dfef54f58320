using System.Text;
using System.Text.Json;
using FluentAssertions;
using Runc.Sharp.Spec.Defaults;
using Runc.Sharp.Spec.Model;
using Runc.Sharp.Spec.Serialization;
using Xunit;

namespace Runc.Sharp.Spec.Tests.Model;

public class DefaultSpecTests
{
    private static readonly DefaultSpecOptions RootfulV2 = new() { Rootless = false, CgroupNamespace = true };

    private static readonly DefaultSpecOptions Rootless1000 = new() { Rootless = true, CgroupNamespace = true, HostUid = 1000, HostGid = 1001 };

    [Fact]
    public void Default_spec_equals_runc_spec_output()
    {
        byte[] expected = TestFiles.Expected("runc-spec.json");

        byte[] actual = SpecJson.WriteConfig(DefaultSpec.Create(RootfulV2));

        JsonTree.AssertEquivalent(expected, actual);
        Encoding.UTF8.GetString(actual).Should().Be(Encoding.UTF8.GetString(expected), "runc spec writes tab-indented JSON in Go field order without a trailing newline");
    }

    [Fact]
    public void Rootless_default_spec_equals_runc_spec_rootless_output()
    {
        byte[] expected = TestFiles.Expected("runc-spec-rootless-1000-1001.json");

        byte[] actual = SpecJson.WriteConfig(DefaultSpec.Create(Rootless1000));

        JsonTree.AssertEquivalent(expected, actual);
        Encoding.UTF8.GetString(actual).Should().Be(Encoding.UTF8.GetString(expected));
    }

    [Fact]
    public void Top_level_keys_follow_runc_order()
    {
        using JsonDocument doc = JsonDocument.Parse(SpecJson.WriteConfig(DefaultSpec.Create(RootfulV2)));

        doc.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("ociVersion", "process", "root", "hostname", "mounts", "linux");
        doc.RootElement.GetProperty("linux").EnumerateObject().Select(p => p.Name).Should().Equal("resources", "namespaces", "maskedPaths", "readonlyPaths");
    }

    [Fact]
    public void Default_spec_uses_the_compiled_spec_version()
    {
        DefaultSpec.Create(RootfulV2).OciVersion.Should().Be(SpecVersion.Current).And.Be("1.3.0");
    }

    [Fact]
    public void Without_cgroup_v2_there_is_no_cgroup_namespace()
    {
        RuntimeConfig config = DefaultSpec.Create(new DefaultSpecOptions { CgroupNamespace = false });

        config.Linux!.Namespaces!.Select(n => n.Type).Should().Equal("pid", "network", "ipc", "uts", "mount");

        RuntimeConfig rootless = DefaultSpec.Create(new DefaultSpecOptions { Rootless = true, CgroupNamespace = false, HostUid = 5, HostGid = 6 });
        rootless.Linux!.Namespaces!.Select(n => n.Type).Should().Equal("pid", "ipc", "uts", "mount", "user");
    }

    [Fact]
    public void Rootless_transformation_details_match_runc()
    {
        RuntimeConfig config = DefaultSpec.Create(Rootless1000);

        config.Linux!.Resources.Should().BeNull("ToRootless removes cgroup settings");
        config.Linux.UidMappings.Should().ContainSingle().Which.Should().BeEquivalentTo(new { ContainerId = 0u, HostId = 1000u, Size = 1u });
        config.Linux.GidMappings.Should().ContainSingle().Which.Should().BeEquivalentTo(new { ContainerId = 0u, HostId = 1001u, Size = 1u });
        config.Mounts!.Select(m => m.Destination).Should().Equal("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/sys/fs/cgroup");
        config.Mounts!.Single(m => m.Destination == "/dev/pts").Options.Should().NotContain(o => o.StartsWith("gid=", StringComparison.Ordinal));
        config.Mounts!.Single(m => m.Destination == "/sys").Should().BeEquivalentTo(new
        {
            Type = "none",
            Source = "/sys",
            Options = new[] { "rbind", "nosuid", "noexec", "nodev", "ro" },
        });
        config.Mounts![0].Options.Should().BeNull("/proc has no options in runc's template");
    }

    [Fact]
    public void ToRootless_cleans_sys_destinations_strips_uid_options_and_drops_user_network_namespaces()
    {
        var config = new RuntimeConfig
        {
            OciVersion = "1.3.0",
            Mounts =
            [
                new Mount { Destination = "/sys/", Type = "sysfs", Source = "sysfs" },
                new Mount { Destination = "/data", Type = "tmpfs", Source = "tmpfs", Options = ["uid=1", "gid=2"] },
                new Mount { Destination = "/run", Type = "tmpfs", Source = "tmpfs", Options = ["uid=1", "mode=755"] },
            ],
            Linux = new LinuxConfig
            {
                Namespaces = [new() { Type = "user", Path = "/proc/1/ns/user" }, new() { Type = "network" }, new() { Type = "pid" }],
                Resources = new LinuxResources { Pids = new LinuxPids { Limit = 10 } },
            },
        };

        DefaultSpec.ToRootless(config, 7, 8);

        config.Mounts![0].Type.Should().Be("none");
        config.Mounts[0].Destination.Should().Be("/sys");
        config.Mounts[1].Options.Should().BeNull("a filtered-out option list is nil in Go and therefore omitted");
        config.Mounts[2].Options.Should().Equal("mode=755");
        config.Linux.Namespaces!.Select(n => (n.Type, n.Path)).Should().Equal(("pid", null), ("user", null));
        config.Linux.Resources.Should().BeNull();
    }

    [Fact]
    public void Host_aware_overload_uses_this_process_and_this_host()
    {
        RuntimeConfig rootless = DefaultSpec.Create(rootless: true);
        RuntimeConfig rootful = DefaultSpec.Create(rootless: false);

        string[] status = File.ReadAllLines("/proc/self/status");
        uint euid = uint.Parse(status.First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[2]);
        uint egid = uint.Parse(status.First(l => l.StartsWith("Gid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[2]);
        rootless.Linux!.UidMappings![0].HostId.Should().Be(euid);
        rootless.Linux.GidMappings![0].HostId.Should().Be(egid);
        rootful.Linux!.UidMappings.Should().BeNull();

        bool cgroup2 = File.Exists("/sys/fs/cgroup/cgroup.controllers");
        rootful.Linux.Namespaces!.Any(n => n.Type == "cgroup").Should().Be(cgroup2);
        rootless.Linux.Namespaces!.Any(n => n.Type == "cgroup").Should().Be(cgroup2);
    }

    [Fact]
    public void Each_call_returns_an_independent_instance()
    {
        RuntimeConfig a = DefaultSpec.Create(RootfulV2);
        RuntimeConfig b = DefaultSpec.Create(RootfulV2);

        a.Process!.Capabilities!.Bounding!.Add("CAP_SYS_ADMIN");
        a.Linux!.MaskedPaths!.Clear();

        b.Process!.Capabilities!.Bounding.Should().HaveCount(3);
        b.Linux!.MaskedPaths.Should().HaveCount(10);
        b.Process.Capabilities.Effective.Should().HaveCount(3);
    }
}
