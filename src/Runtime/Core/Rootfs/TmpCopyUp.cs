using Runc.Sharp.Runtime.Sys;
using static Runc.Sharp.Runtime.Rootfs.MountFlags;

namespace Runc.Sharp.Runtime.Rootfs;

/// <summary>
/// The "tmpcopyup" extension: a tmpfs that starts with a copy of what the image had at the
/// destination. Staged on a private directory of our own mount namespace, then moved.
/// </summary>
public static class TmpCopyUp
{
    public static void Mount(string source, Fd target, ulong flags, string? data, string destination)
    {
        var staging = Directory.CreateTempSubdirectory("runcs-tmpcopyup-").FullName;
        try
        {
            Syscalls.Mount(source, staging, "tmpfs", flags & ~MS_RDONLY, data, destination);
            CopyTree(target.ProcPath, staging);
            Syscalls.Mount(staging, target.ProcPath, null, MS_MOVE, null, destination);
            if ((flags & MS_RDONLY) != 0)
                Syscalls.Mount(null, target.ProcPath, null, MS_REMOUNT | MS_BIND | MS_RDONLY, null, destination);
        }
        finally
        {
            LibC.umount2(staging, MNT_DETACH);
            Directory.Delete(staging);
        }
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var dest = Path.Combine(to, entry.Name);
            var st = Syscalls.Stat(entry.FullName, follow: false);
            switch (st.Mode & LibC.S_IFMT)
            {
                case LibC.S_IFDIR:
                    Directory.CreateDirectory(dest);
                    CopyTree(entry.FullName, dest);
                    break;
                case LibC.S_IFLNK:
                    File.CreateSymbolicLink(dest, entry.LinkTarget ?? "");
                    break;
                case LibC.S_IFREG:
                    File.Copy(entry.FullName, dest);
                    break;
                default:
                    continue; // device nodes and sockets are not copied up
            }
            LibC.fchownat(LibC.AT_FDCWD, dest, st.Uid, st.Gid, LibC.AT_SYMLINK_NOFOLLOW);
            if ((st.Mode & LibC.S_IFMT) != LibC.S_IFLNK)
                File.SetUnixFileMode(dest, (UnixFileMode)(st.Mode & 0xFFF));
        }
        var self = Syscalls.Stat(from);
        LibC.fchownat(LibC.AT_FDCWD, to, self.Uid, self.Gid, 0);
        File.SetUnixFileMode(to, (UnixFileMode)(self.Mode & 0xFFF));
    }
}
