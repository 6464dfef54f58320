using FluentAssertions;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Protocol;
using Runc.Sharp.Runtime.Rootfs;
using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Runtime.Terminal;
using Runc.Sharp.Spec.Model;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Unit;

public sealed class IdMappedSourcesTests
{
    private static List<IdMapping> Map(uint host) => [new IdMapping { ContainerId = 0, HostId = host, Size = 65536 }];

    private static RuntimeConfig Config(bool userns, params Mount[] mounts) => new()
    {
        Mounts = mounts.ToList(),
        Linux = new LinuxConfig
        {
            Namespaces = userns ? [new LinuxNamespace { Type = "user" }, new LinuxNamespace { Type = "mount" }] : [new LinuxNamespace { Type = "mount" }],
            UidMappings = Map(100000),
            GidMappings = Map(100000),
        },
    };

    private static Mount Bind(params string[] options) => new() { Destination = "/m", Type = "bind", Source = "/s", Options = options.ToList() };

    [Fact]
    public void Only_idmap_and_ridmap_mounts_are_made_by_the_runtime()
    {
        var config = Config(true, Bind("bind"), Bind("bind", "idmap"), Bind("rbind", "ridmap"),
            new Mount { Destination = "/sys/fs/cgroup", Type = "cgroup", Options = ["idmap"] });

        IdMappedSources.Of(config).Select(m => string.Join(',', m.Options!)).Should().Equal("bind,idmap", "rbind,ridmap");
    }

    [Fact]
    public void The_containers_own_mappings_are_accepted()
    {
        var mount = Bind("bind", "idmap");
        mount.UidMappings = Map(100000);
        mount.GidMappings = Map(100000);

        FluentActions.Invoking(() => IdMappedSources.Check(Config(true, mount, Bind("bind", "ridmap")))).Should().NotThrow();
    }

    [Fact]
    public void Without_a_user_namespace_an_idmap_mount_is_refused() =>
        FluentActions.Invoking(() => IdMappedSources.Check(Config(false, Bind("bind", "idmap"))))
            .Should().Throw<RuntimeException>().WithMessage("mount /m: idmapped mounts without a container user namespace are not supported by runcs yet");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Mappings_other_than_the_containers_are_refused(bool uid)
    {
        var mount = Bind("bind", "idmap");
        mount.UidMappings = uid ? Map(200000) : Map(100000);
        mount.GidMappings = uid ? Map(100000) : Map(200000);

        FluentActions.Invoking(() => IdMappedSources.Check(Config(true, mount)))
            .Should().Throw<RuntimeException>().WithMessage($"mount /m: {(uid ? "uid" : "gid")}Mappings that differ from the container's user namespace*");
    }

    [Fact]
    public void An_idmap_mount_that_is_not_a_bind_is_refused() =>
        FluentActions.Invoking(() => IdMappedSources.Check(Config(true, new Mount { Destination = "/m", Type = "tmpfs", Source = "tmpfs", Options = ["idmap"] })))
            .Should().Throw<RuntimeException>().WithMessage("*need the \"bind\" or \"rbind\" option");
}

public sealed class FdPassingTests
{
    [Fact]
    public void Several_fds_travel_in_one_message_between_framed_messages()
    {
        var (a, b) = Syscalls.SocketPair();
        using var left = new MessageChannel(a);
        using var right = new MessageChannel(b);
        using var f1 = Fd.Open("/", LibC.O_PATH | LibC.O_DIRECTORY);
        using var f2 = Fd.Open("/proc", LibC.O_PATH | LibC.O_DIRECTORY);

        left.SendMessage(InitMessage.Of(InitMessage.Ready));
        FdPassing.SendMany(left.Fd, [f1.Value, f2.Value], "test fds");
        left.SendMessage(InitMessage.Of(InitMessage.HooksDone));

        right.ReceiveMessage()!.Type.Should().Be(InitMessage.Ready);
        var fds = FdPassing.ReceiveMany(right.Fd, 2, "test fds");
        right.ReceiveMessage()!.Type.Should().Be(InitMessage.HooksDone, "the fd message is read exactly");
        try
        {
            fds.Select(fd => Syscalls.FStat(fd).Ino).Should().Equal(Syscalls.FStat(f1.Value).Ino, Syscalls.FStat(f2.Value).Ino);
        }
        finally
        {
            foreach (var fd in fds)
                LibC.close(fd);
        }
    }

    [Fact]
    public void A_message_with_fewer_fds_than_announced_is_an_error()
    {
        var (a, b) = Syscalls.SocketPair();
        using var left = new MessageChannel(a);
        using var right = new MessageChannel(b);
        using var f1 = Fd.Open("/", LibC.O_PATH | LibC.O_DIRECTORY);

        FdPassing.SendMany(left.Fd, [f1.Value], "test fds");

        FluentActions.Invoking(() => FdPassing.ReceiveMany(right.Fd, 2, "test fds"))
            .Should().Throw<SyscallException>().WithMessage("receive test fds (expected 2 fds, got 1)*");
    }
}
