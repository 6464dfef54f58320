using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>
/// Regression tests for the runtime CVE classes: a malicious rootfs must not redirect mounts
/// onto the host (CVE-2021-30465 class), masks must not follow a symlink out of the root, and
/// the container must not be able to rewrite the runcs binary (CVE-2019-5736).
/// </summary>
public sealed class SecurityTests
{
    [RootFact]
    public void A_mount_through_a_symlink_to_slash_stays_inside_the_rootfs()
    {
        using var rc = new RuncsSandbox();
        var name = $"runcs-escape-{Guid.NewGuid():N}";
        var b = rc.NewBundle("sh", "-c", $"grep -c ' /tmp/{name} ' /proc/self/mountinfo");
        // /evil → / : followed naively, "/evil/tmp/NAME" would be the host's /tmp/NAME.
        File.CreateSymbolicLink(Path.Combine(b.Rootfs, "evil"), "/");
        b.Edit(c => c["mounts"]!.AsArray().Add(new JsonObject
        {
            ["destination"] = $"/evil/tmp/{name}",
            ["type"] = "tmpfs",
            ["source"] = "tmpfs",
            ["options"] = new JsonArray("nosuid", "size=1m"),
        }));
        var result = rc.Run("run", "--bundle", b.Dir, "escape").ShouldSucceed();
        result.Stdout.Trim().Should().Be("1", "the tmpfs is mounted at the path inside the container");
        Directory.Exists($"/tmp/{name}").Should().BeFalse("nothing may be created on the host");
        Directory.Exists(Path.Combine(b.Rootfs, "tmp", name)).Should().BeTrue("the destination was created inside the rootfs");
        File.ReadAllText("/proc/self/mountinfo").Should().NotContain(name);
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void A_masked_path_that_is_a_symlink_to_a_host_path_masks_only_inside()
    {
        using var rc = new RuncsSandbox();
        var secret = Path.Combine(rc.Dir, "host-secret");
        File.WriteAllText(secret, "host data");
        var b = rc.NewBundle("sh", "-c", "cat /masked-link 2>&1; echo; cat /inside-secret");
        File.WriteAllText(Path.Combine(b.Rootfs, "inside-secret"), "inside data");
        // An absolute link resolves against the container's root, never the host's.
        File.CreateSymbolicLink(Path.Combine(b.Rootfs, "masked-link"), "/inside-secret");
        b.Edit(c => c["linux"]!["maskedPaths"]!.AsArray().Add("/masked-link"));
        var result = rc.Run("run", "--bundle", b.Dir, "mask").ShouldSucceed();
        result.Stdout.Should().NotContain("inside data", "the masked file reads empty through /dev/null");
        File.ReadAllText(secret).Should().Be("host data");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void The_container_cannot_rewrite_the_runcs_binary()
    {
        using var rc = new RuncsSandbox();
        var before = SHA256.HashData(File.ReadAllBytes(rc.Binary));
        var b = rc.NewBundle("sleep", "30");
        rc.Run("create", "--bundle", b.Dir, "exe").ShouldSucceed();
        // While created, pid 1 of the container is `runcs init`: its /proc/1/exe is our binary.
        var attempt = rc.Run("exec", "exe", "sh", "-c",
            "readlink /proc/1/exe; echo overwritten >> /proc/1/exe && echo WROTE || echo refused");
        attempt.Stdout.Should().Contain("refused").And.NotContain("WROTE");
        SHA256.HashData(File.ReadAllBytes(rc.Binary)).Should().Equal(before);
        rc.Run("delete", "--force", "exe").ShouldSucceed();
        rc.AssertNoLeftovers();
    }
}
