using FluentAssertions;
using Runc.Sharp.Runtime.Containers;
using Runc.Sharp.Runtime.Security.Seccomp;
using Runc.Sharp.Runtime.Tests.Unit.Seccomp;
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
        F.Annotations.Should().Contain(new Dictionary<string, string>
        {
            ["io.github.runc-sharp.version"] = "1.2.3",
            ["io.github.runc-sharp.commit"] = "abcdef",
        });
        F.PotentiallyUnsafeConfigAnnotations.Should().Equal("bundle");
    }

    [LibseccompFact]
    public void Seccomp_is_declared_with_what_runcs_and_this_host_support()
    {
        var s = F.Linux!.Seccomp!;
        s.Enabled.Should().BeTrue();
        s.Actions.Should().Equal("SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS",
            "SCMP_ACT_KILL_THREAD", "SCMP_ACT_LOG", "SCMP_ACT_NOTIFY", "SCMP_ACT_TRACE", "SCMP_ACT_TRAP");
        s.Operators.Should().Equal("SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_LE", "SCMP_CMP_LT",
            "SCMP_CMP_MASKED_EQ", "SCMP_CMP_NE");
        s.Archs.Should().Contain(["SCMP_ARCH_AARCH64", "SCMP_ARCH_X32", "SCMP_ARCH_X86", "SCMP_ARCH_X86_64"]).And.BeInAscendingOrder(StringComparer.Ordinal);
        s.Archs!.Should().OnlyContain(a => LibSeccomp.ArchResolveName(SeccompConstants.ArchitectureOf(a)!.LibseccompName) != 0,
            "only architectures the installed libseccomp can filter");
        s.KnownFlags.Should().Equal("SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
            "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV");
        s.SupportedFlags.Should().Contain(["SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG"]).And.BeSubsetOf(s.KnownFlags!);
        F.Annotations!["io.github.seccomp.libseccomp.version"].Should().MatchRegex(@"^2\.\d+\.\d+$");
    }

    [Fact]
    public void Round_trips_through_the_spec_serializer()
    {
        var back = SpecJson.ReadFeatures(SpecJson.WriteFeatures(F));

        back.Should().BeEquivalentTo(F);
    }
}
