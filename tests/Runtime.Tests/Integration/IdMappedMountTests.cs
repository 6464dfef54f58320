using System.Text.Json.Nodes;
using FluentAssertions;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>
/// "idmap" and "ridmap" bind mounts: with the container's user namespace (container 0 = host
/// 200000), files the host's root owns show as the container's root through an idmapped
/// mount and as nobody through a plain one, and what the container creates lands as host root.
/// </summary>
public sealed class IdMappedMountTests
{
    private const int HostBase = 200000;

    [RootFact]
    public void Host_root_files_belong_to_the_container_root_through_an_idmapped_mount()
    {
        using var rc = new RuncsSandbox();
        var shared = Directory.CreateDirectory(rc.NewPath("shared")).FullName;
        File.WriteAllText(Path.Combine(shared, "owned"), "host data");
        var b = UserNamespaceBundle(rc, "sh", "-c",
            "stat -c %u /plain/owned /mapped/owned; touch /mapped/created && echo created; touch /plain/refused 2>/dev/null || echo refused")
            .WithMount("/plain", "bind", shared, "bind")
            .WithMount("/mapped", "bind", shared, "bind", "idmap");

        var r = rc.Run("run", "--bundle", b.Dir, "idmap").ShouldSucceed();

        r.Stdout.Should().Be("65534\n0\ncreated\nrefused\n", "host uid 0 is unmapped in the container except through the idmapped mount");
        Syscalls.Stat(Path.Combine(shared, "created")).Uid.Should().Be(0, "container root writes as host root through the idmapped mount");
        File.Exists(Path.Combine(shared, "refused")).Should().BeFalse();
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Ridmap_idmaps_a_recursive_bind_of_a_tmpfs_and_mapped_ro_stays_read_only()
    {
        using var rc = new RuncsSandbox();
        // /dev/shm is a tmpfs, which supports idmapped mounts since Linux 6.3.
        var shared = Directory.CreateDirectory(Path.Combine("/dev/shm", "runcs-it-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        try
        {
            File.WriteAllText(Path.Combine(shared, "f"), "x");
            var b = UserNamespaceBundle(rc, "sh", "-c", "stat -c %u /mapped/f; touch /mapped/g 2>/dev/null || echo read-only")
                .WithMount("/mapped", "bind", shared, "rbind", "ridmap", "ro");

            rc.Run("run", "--bundle", b.Dir, "ridmap").ShouldSucceed().Stdout.Should().Be("0\nread-only\n");
            rc.AssertNoLeftovers();
        }
        finally
        {
            Directory.Delete(shared, recursive: true);
        }
    }

    [RootFact]
    public void A_filesystem_without_idmap_support_is_refused_clearly_and_nothing_is_left()
    {
        using var rc = new RuncsSandbox();
        var b = UserNamespaceBundle(rc, "true").WithMount("/mapped", "bind", "/sys", "bind", "idmap");

        rc.Run("run", "--bundle", b.Dir, "sysfs").ShouldFailWith("mount /mapped: the filesystem of /sys does not support idmapped mounts");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Idmapped_mounts_without_a_user_namespace_are_refused_before_anything_is_made()
    {
        using var rc = new RuncsSandbox();
        var shared = Directory.CreateDirectory(rc.NewPath("shared")).FullName;
        var b = rc.NewBundle("true").WithMount("/mapped", "bind", shared, "bind", "idmap").Edit(c =>
        {
            var mount = c["mounts"]!.AsArray().Last()!.AsObject();
            mount["uidMappings"] = Mapping(300000);
            mount["gidMappings"] = Mapping(300000);
        });

        rc.Run("run", "--bundle", b.Dir, "nouserns").ShouldFailWith("idmapped mounts without a container user namespace are not supported");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Mount_mappings_other_than_the_containers_are_refused_before_anything_is_made()
    {
        using var rc = new RuncsSandbox();
        var shared = Directory.CreateDirectory(rc.NewPath("shared")).FullName;
        var b = UserNamespaceBundle(rc, "true").WithMount("/mapped", "bind", shared, "bind", "idmap").Edit(c =>
        {
            var mount = c["mounts"]!.AsArray().Last()!.AsObject();
            mount["uidMappings"] = Mapping(300000);
            mount["gidMappings"] = Mapping(300000);
        });

        rc.Run("run", "--bundle", b.Dir, "othermap").ShouldFailWith("uidMappings that differ from the container's user namespace are not supported");
        rc.AssertNoLeftovers();
    }

    /// <summary>A bundle with a user namespace; the mount points exist, since the container's root cannot create them in the host-owned rootfs.</summary>
    private static Bundle UserNamespaceBundle(RuncsSandbox rc, params string[] args)
    {
        var b = rc.NewBundle(args);
        foreach (var dir in new[] { "plain", "mapped" })
            Directory.CreateDirectory(Path.Combine(b.Rootfs, dir));
        return b.Edit(c =>
        {
            b.Linux["namespaces"]!.AsArray().Add(new JsonObject { ["type"] = "user" });
            b.Linux["uidMappings"] = Mapping(HostBase);
            b.Linux["gidMappings"] = Mapping(HostBase);
        });
    }

    private static JsonArray Mapping(int hostId) =>
        new(new JsonObject { ["containerID"] = 0, ["hostID"] = hostId, ["size"] = 65536 });
}
