using FluentAssertions;
using Runc.Sharp.Runtime.Containers;
using Runc.Sharp.Spec.Model;
using Runc.Sharp.Spec.Serialization;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Unit;

public class FeatureSetTests
{
    private static readonly Features F = FeatureSet.Build("1.2.3", "abcdef");

    /// <summary>The mountOptions of `runc features` (runc 1.2): runcs interprets exactly these.</summary>
    private static readonly string[] RuncMountOptions =
    [
        "acl", "async", "atime", "bind", "defaults", "dev", "diratime", "dirsync", "exec", "iversion", "lazytime",
        "loud", "mand", "noacl", "noatime", "nodev", "nodiratime", "noexec", "noiversion", "nolazytime", "nomand",
        "norelatime", "nostrictatime", "nosuid", "nosymfollow", "private", "ratime", "rbind", "rdev", "rdiratime",
        "relatime", "remount", "rexec", "rnoatime", "rnodev", "rnodiratime", "rnoexec", "rnorelatime",
        "rnostrictatime", "rnosuid", "rnosymfollow", "ro", "rprivate", "rrelatime", "rro", "rrw", "rshared",
        "rslave", "rstrictatime", "rsuid", "rsymfollow", "runbindable", "rw", "shared", "silent", "slave",
        "strictatime", "suid", "symfollow", "sync", "tmpcopyup", "unbindable",
    ];

    [Fact]
    public void Oci_version_range()
    {
        F.OciVersionMin.Should().Be("1.0.0");
        F.OciVersionMax.Should().Be(SpecVersion.Current);
    }

    [Fact]
    public void Hooks_are_the_six_oci_hooks()
    {
        F.Hooks.Should().Equal("prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop");
    }

    [Fact]
    public void Mount_options_include_rro_and_idmap_is_a_mount_extension()
    {
        F.MountOptions.Should().Contain(["rro", "rbind", "tmpcopyup", "rnoatime", "rprivate"]);
        F.MountOptions.Should().NotContain("idmap", "runc lists idmap and ridmap under mountExtensions only").And.NotContain("ridmap");
        F.Linux!.MountExtensions!.Idmap!.Enabled.Should().BeTrue();
    }

    [Fact]
    public void Mount_options_are_runcs_list_sorted()
    {
        F.MountOptions.Should().Equal(RuncMountOptions);
    }

    [Fact]
    public void All_eight_namespaces()
    {
        F.Linux!.Namespaces.Should().BeEquivalentTo(["cgroup", "ipc", "mount", "network", "pid", "user", "uts", "time"]);
    }

    [Fact]
    public void Capabilities_are_the_41_known_names()
    {
        F.Linux!.Capabilities.Should().HaveCount(41).And.StartWith("CAP_CHOWN").And.EndWith("CAP_CHECKPOINT_RESTORE");
    }

    [Fact]
    public void Unsupported_features_are_declared_off()
    {
        var l = F.Linux!;
        l.Seccomp!.Enabled.Should().BeFalse();
        l.Apparmor!.Enabled.Should().BeFalse();
        l.Selinux!.Enabled.Should().BeFalse();
        l.IntelRdt!.Enabled.Should().BeFalse();
        l.Cgroup!.Systemd.Should().BeFalse();
        l.Cgroup.SystemdUser.Should().BeFalse();
    }

    [Fact]
    public void Both_cgroup_versions_are_declared_supported()
    {
        F.Linux!.Cgroup!.V1.Should().BeTrue();
        F.Linux.Cgroup.V2.Should().BeTrue();
    }

    [Fact]
    public void Annotations_carry_version_and_commit()
    {
        F.Annotations.Should().Equal(new Dictionary<string, string>
        {
            ["io.github.runc-sharp.version"] = "1.2.3",
            ["io.github.runc-sharp.commit"] = "abcdef",
        });
        F.PotentiallyUnsafeConfigAnnotations.Should().Equal("bundle");
    }

    [Fact]
    public void Round_trips_through_the_spec_serializer()
    {
        var back = SpecJson.ReadFeatures(SpecJson.WriteFeatures(F));

        back.Should().BeEquivalentTo(F);
    }
}
