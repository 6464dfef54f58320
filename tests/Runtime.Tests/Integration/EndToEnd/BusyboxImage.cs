using Runc.Sharp.Runtime.Tests.Integration.Support;

namespace Runc.Sharp.Runtime.Tests.Integration.EndToEnd;

/// <summary>
/// The busybox image every client runs, made here from busybox-static (no registry): the same
/// rootfs as the integration bundles (busybox, its applet links, /etc/passwd and group), as a
/// plain tarball (for `podman import` and `docker import`) or as an OCI image archive built
/// with umoci (for `ctr image import`).
/// </summary>
public static class BusyboxImage
{
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>A tar of the rootfs, in the world's directory.</summary>
    public static string RootfsTarball(E2eWorld world)
    {
        var rootfs = Rootfs(world);
        var tar = world.Path("busybox-rootfs.tar");
        world.Tools.Run("tar", "-C", rootfs, "-cf", tar, ".").ShouldSucceed();
        return tar;
    }

    /// <summary>An OCI image archive (an image layout, tarred) whose index names the image `tag`.</summary>
    public static string OciArchive(E2eWorld world, string tag)
    {
        var rootfs = Rootfs(world);
        var layout = world.Path("busybox-oci");
        var umoci = ClientTools.Require("umoci");
        var image = $"{layout}:{tag}";
        world.Tools.Run(umoci, "init", "--layout", layout).ShouldSucceed();
        world.Tools.Run(umoci, "new", "--image", image).ShouldSucceed();
        world.Tools.Run(umoci, "insert", "--image", image, rootfs, "/").ShouldSucceed();
        world.Tools.Run(umoci, "config", "--image", image, "--config.cmd", "sh", "--config.env", "PATH=" + DefaultPath).ShouldSucceed();
        var archive = world.Path("busybox-oci.tar");
        world.Tools.Run("tar", "-C", layout, "-cf", archive, ".").ShouldSucceed();
        return archive;
    }

    private static string Rootfs(E2eWorld world)
    {
        var dir = world.Path("image-src");
        if (!Directory.Exists(dir))
            Bundle.Create(dir);
        return System.IO.Path.Combine(dir, "rootfs");
    }
}
