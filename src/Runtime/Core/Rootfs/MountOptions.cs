using static Runc.Sharp.Runtime.Rootfs.MountFlags;

namespace Runc.Sharp.Runtime.Rootfs;

/// <summary>
/// config.json mount options split the way the kernel wants them: flags to set and clear,
/// propagation changes, recursive attributes (mount_setattr), runtime extensions, and the
/// remaining filesystem data string.
/// </summary>
public sealed class MountOptions
{
    public ulong Flags { get; private set; }
    public ulong ClearedFlags { get; private set; }
    public List<ulong> Propagation { get; } = [];
    public ulong RecursiveSet { get; private set; }
    public ulong RecursiveClear { get; private set; }
    public bool TmpCopyUp { get; private set; }
    public bool IdMap { get; private set; }
    public bool RecursiveIdMap { get; private set; }
    public string Data { get; private set; } = "";

    public bool IsBind => (Flags & MS_BIND) != 0;
    public bool IsRecursiveBind => (Flags & (MS_BIND | MS_REC)) == (MS_BIND | MS_REC);

    private static readonly Dictionary<string, (bool Clear, ulong Flag)> FlagOptions = new()
    {
        ["acl"] = (false, MS_POSIXACL), ["async"] = (true, MS_SYNCHRONOUS), ["atime"] = (true, MS_NOATIME),
        ["bind"] = (false, MS_BIND), ["defaults"] = (false, 0), ["dev"] = (true, MS_NODEV),
        ["diratime"] = (true, MS_NODIRATIME), ["dirsync"] = (false, MS_DIRSYNC), ["exec"] = (true, MS_NOEXEC),
        ["iversion"] = (false, MS_I_VERSION), ["lazytime"] = (false, MS_LAZYTIME), ["loud"] = (true, MS_SILENT),
        ["mand"] = (false, MS_MANDLOCK), ["noacl"] = (true, MS_POSIXACL), ["noatime"] = (false, MS_NOATIME),
        ["nodev"] = (false, MS_NODEV), ["nodiratime"] = (false, MS_NODIRATIME), ["noexec"] = (false, MS_NOEXEC),
        ["noiversion"] = (true, MS_I_VERSION), ["nolazytime"] = (true, MS_LAZYTIME), ["nomand"] = (true, MS_MANDLOCK),
        ["norelatime"] = (true, MS_RELATIME), ["nostrictatime"] = (true, MS_STRICTATIME), ["nosuid"] = (false, MS_NOSUID),
        ["nosymfollow"] = (false, MS_NOSYMFOLLOW), ["rbind"] = (false, MS_BIND | MS_REC), ["relatime"] = (false, MS_RELATIME),
        ["remount"] = (false, MS_REMOUNT), ["ro"] = (false, MS_RDONLY), ["rw"] = (true, MS_RDONLY),
        ["silent"] = (false, MS_SILENT), ["strictatime"] = (false, MS_STRICTATIME), ["suid"] = (true, MS_NOSUID),
        ["symfollow"] = (true, MS_NOSYMFOLLOW), ["sync"] = (false, MS_SYNCHRONOUS),
    };

    private static readonly Dictionary<string, ulong> PropagationOptions = new()
    {
        ["private"] = MS_PRIVATE, ["rprivate"] = MS_PRIVATE | MS_REC, ["shared"] = MS_SHARED,
        ["rshared"] = MS_SHARED | MS_REC, ["slave"] = MS_SLAVE, ["rslave"] = MS_SLAVE | MS_REC,
        ["unbindable"] = MS_UNBINDABLE, ["runbindable"] = MS_UNBINDABLE | MS_REC,
    };

    private static readonly Dictionary<string, (bool Clear, ulong Attr)> RecursiveOptions = new()
    {
        ["rro"] = (false, MOUNT_ATTR_RDONLY), ["rrw"] = (true, MOUNT_ATTR_RDONLY),
        ["rnosuid"] = (false, MOUNT_ATTR_NOSUID), ["rsuid"] = (true, MOUNT_ATTR_NOSUID),
        ["rnodev"] = (false, MOUNT_ATTR_NODEV), ["rdev"] = (true, MOUNT_ATTR_NODEV),
        ["rnoexec"] = (false, MOUNT_ATTR_NOEXEC), ["rexec"] = (true, MOUNT_ATTR_NOEXEC),
        ["rnodiratime"] = (false, MOUNT_ATTR_NODIRATIME), ["rdiratime"] = (true, MOUNT_ATTR_NODIRATIME),
        ["rrelatime"] = (false, MOUNT_ATTR_RELATIME), ["rnorelatime"] = (true, MOUNT_ATTR__ATIME),
        ["rnoatime"] = (false, MOUNT_ATTR_NOATIME), ["ratime"] = (true, MOUNT_ATTR__ATIME),
        ["rstrictatime"] = (false, MOUNT_ATTR_STRICTATIME), ["rnostrictatime"] = (true, MOUNT_ATTR__ATIME),
        ["rnosymfollow"] = (false, MOUNT_ATTR_NOSYMFOLLOW), ["rsymfollow"] = (true, MOUNT_ATTR_NOSYMFOLLOW),
    };

    /// <summary>Every option name runcs interprets itself (features.json mountOptions).</summary>
    public static IEnumerable<string> KnownNames =>
        FlagOptions.Keys.Concat(PropagationOptions.Keys).Concat(RecursiveOptions.Keys)
            .Concat(["tmpcopyup", "idmap", "ridmap"]).Order(StringComparer.Ordinal);

    public static MountOptions Parse(IEnumerable<string>? options, string? type = null)
    {
        var result = new MountOptions();
        var data = new List<string>();
        foreach (var option in options ?? [])
        {
            if (FlagOptions.TryGetValue(option, out var f))
            {
                if (f.Clear)
                {
                    result.Flags &= ~f.Flag;
                    result.ClearedFlags |= f.Flag;
                }
                else
                {
                    result.Flags |= f.Flag;
                    result.ClearedFlags &= ~f.Flag;
                }
            }
            else if (PropagationOptions.TryGetValue(option, out var p))
                result.Propagation.Add(p);
            else if (RecursiveOptions.TryGetValue(option, out var r))
            {
                if ((r.Attr & MOUNT_ATTR__ATIME) == r.Attr)
                {
                    // The atime mode is an enum (MOUNT_ATTR_RELATIME is 0): the last option picks it,
                    // and mount_setattr only changes it with all of MOUNT_ATTR__ATIME in attr_clr.
                    result.RecursiveSet = (result.RecursiveSet & ~MOUNT_ATTR__ATIME) | (r.Clear ? MOUNT_ATTR_RELATIME : r.Attr);
                    result.RecursiveClear |= MOUNT_ATTR__ATIME;
                }
                else if (r.Clear)
                {
                    result.RecursiveClear |= r.Attr;
                    result.RecursiveSet &= ~r.Attr;
                }
                else
                {
                    result.RecursiveSet |= r.Attr;
                    result.RecursiveClear &= ~r.Attr;
                }
            }
            else if (option == "tmpcopyup")
                result.TmpCopyUp = true;
            else if (option == "idmap")
                result.IdMap = true;
            else if (option == "ridmap")
                result.IdMap = result.RecursiveIdMap = true;
            else if (option.Length > 0)
                data.Add(option);
        }
        if (type is "bind" or "rbind")
            result.Flags |= type == "rbind" ? MS_BIND | MS_REC : MS_BIND;
        result.Data = string.Join(',', data);
        return result;
    }
}
