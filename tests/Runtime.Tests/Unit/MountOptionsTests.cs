using FluentAssertions;
using Runc.Sharp.Runtime.Rootfs;
using Xunit;
using static Runc.Sharp.Runtime.Rootfs.MountFlags;

namespace Runc.Sharp.Runtime.Tests.Unit;

public class MountOptionsTests
{
    /// <summary>Every flag option of runc's mountFlags table: the flag and whether the option clears it.</summary>
    public static TheoryData<string, bool, ulong> FlagOptions() => new()
    {
        { "acl", false, MS_POSIXACL }, { "noacl", true, MS_POSIXACL },
        { "async", true, MS_SYNCHRONOUS }, { "sync", false, MS_SYNCHRONOUS },
        { "atime", true, MS_NOATIME }, { "noatime", false, MS_NOATIME },
        { "dev", true, MS_NODEV }, { "nodev", false, MS_NODEV },
        { "diratime", true, MS_NODIRATIME }, { "nodiratime", false, MS_NODIRATIME },
        { "dirsync", false, MS_DIRSYNC },
        { "exec", true, MS_NOEXEC }, { "noexec", false, MS_NOEXEC },
        { "iversion", false, MS_I_VERSION }, { "noiversion", true, MS_I_VERSION },
        { "lazytime", false, MS_LAZYTIME }, { "nolazytime", true, MS_LAZYTIME },
        { "loud", true, MS_SILENT }, { "silent", false, MS_SILENT },
        { "mand", false, MS_MANDLOCK }, { "nomand", true, MS_MANDLOCK },
        { "relatime", false, MS_RELATIME }, { "norelatime", true, MS_RELATIME },
        { "strictatime", false, MS_STRICTATIME }, { "nostrictatime", true, MS_STRICTATIME },
        { "suid", true, MS_NOSUID }, { "nosuid", false, MS_NOSUID },
        { "symfollow", true, MS_NOSYMFOLLOW }, { "nosymfollow", false, MS_NOSYMFOLLOW },
        { "ro", false, MS_RDONLY }, { "rw", true, MS_RDONLY },
        { "remount", false, MS_REMOUNT },
        { "bind", false, MS_BIND }, { "rbind", false, MS_BIND | MS_REC },
    };

    [Theory]
    [MemberData(nameof(FlagOptions))]
    public void Flag_option_sets_or_clears_its_flag(string option, bool clears, ulong flag)
    {
        var o = MountOptions.Parse([option]);

        o.Flags.Should().Be(clears ? 0 : flag);
        o.ClearedFlags.Should().Be(clears ? flag : 0);
        o.Data.Should().BeEmpty();
        o.Propagation.Should().BeEmpty();
        o.RecursiveSet.Should().Be(0);
        o.RecursiveClear.Should().Be(0);
    }

    [Theory]
    [InlineData("ro", "rw", MS_RDONLY)]
    [InlineData("nosuid", "suid", MS_NOSUID)]
    [InlineData("nodev", "dev", MS_NODEV)]
    [InlineData("noexec", "exec", MS_NOEXEC)]
    [InlineData("noatime", "atime", MS_NOATIME)]
    [InlineData("acl", "noacl", MS_POSIXACL)]
    [InlineData("sync", "async", MS_SYNCHRONOUS)]
    [InlineData("silent", "loud", MS_SILENT)]
    public void Later_option_overrides_earlier(string set, string clear, ulong flag)
    {
        var cleared = MountOptions.Parse([set, clear]);
        cleared.Flags.Should().Be(0);
        cleared.ClearedFlags.Should().Be(flag);

        var setAgain = MountOptions.Parse([clear, set]);
        setAgain.Flags.Should().Be(flag);
        setAgain.ClearedFlags.Should().Be(0);
    }

    [Fact]
    public void Ro_then_rw_is_read_write_and_other_flags_survive()
    {
        var o = MountOptions.Parse(["nosuid", "ro", "nodev", "rw", "noexec"]);

        o.Flags.Should().Be(MS_NOSUID | MS_NODEV | MS_NOEXEC);
        o.ClearedFlags.Should().Be(MS_RDONLY);
    }

    [Fact]
    public void Defaults_sets_nothing()
    {
        var o = MountOptions.Parse(["defaults"]);

        o.Flags.Should().Be(0);
        o.ClearedFlags.Should().Be(0);
        o.Data.Should().BeEmpty();
    }

    [Fact]
    public void Null_or_empty_options_give_an_empty_result()
    {
        foreach (var o in new[] { MountOptions.Parse(null), MountOptions.Parse([]), MountOptions.Parse([""]) })
        {
            o.Flags.Should().Be(0);
            o.ClearedFlags.Should().Be(0);
            o.Propagation.Should().BeEmpty();
            o.RecursiveSet.Should().Be(0);
            o.RecursiveClear.Should().Be(0);
            o.TmpCopyUp.Should().BeFalse();
            o.IdMap.Should().BeFalse();
            o.RecursiveIdMap.Should().BeFalse();
            o.Data.Should().BeEmpty();
            o.IsBind.Should().BeFalse();
        }
    }

    [Fact]
    public void Bind_is_not_recursive_and_rbind_is()
    {
        var bind = MountOptions.Parse(["bind"]);
        bind.IsBind.Should().BeTrue();
        bind.IsRecursiveBind.Should().BeFalse();

        var rbind = MountOptions.Parse(["rbind"]);
        rbind.IsBind.Should().BeTrue();
        rbind.IsRecursiveBind.Should().BeTrue();
        rbind.Flags.Should().Be(MS_BIND | MS_REC);
    }

    [Fact]
    public void Type_bind_makes_a_bind_mount_without_options()
    {
        var o = MountOptions.Parse(["ro"], "bind");

        o.IsBind.Should().BeTrue();
        o.IsRecursiveBind.Should().BeFalse();
        o.Flags.Should().Be(MS_BIND | MS_RDONLY);
    }

    [Fact]
    public void Type_rbind_makes_a_recursive_bind_mount()
    {
        var o = MountOptions.Parse([], "rbind");

        o.IsRecursiveBind.Should().BeTrue();
    }

    [Fact]
    public void Type_bind_with_option_rbind_stays_recursive()
    {
        MountOptions.Parse(["rbind"], "bind").IsRecursiveBind.Should().BeTrue();
    }

    [Theory]
    [InlineData("tmpfs")]
    [InlineData("proc")]
    [InlineData(null)]
    public void Other_types_are_not_bind_mounts(string? type)
    {
        MountOptions.Parse(["nosuid"], type).IsBind.Should().BeFalse();
    }

    [Fact]
    public void Propagation_options_are_kept_in_order_and_leave_flags_alone()
    {
        var o = MountOptions.Parse(["rprivate", "shared", "ro", "rslave", "unbindable", "slave", "rshared", "private", "runbindable"]);

        o.Propagation.Should().Equal(
            MS_PRIVATE | MS_REC, MS_SHARED, MS_SLAVE | MS_REC, MS_UNBINDABLE, MS_SLAVE, MS_SHARED | MS_REC, MS_PRIVATE,
            MS_UNBINDABLE | MS_REC);
        o.Flags.Should().Be(MS_RDONLY);
        o.Data.Should().BeEmpty();
    }

    [Fact]
    public void Repeated_propagation_options_are_all_kept()
    {
        MountOptions.Parse(["rprivate", "rprivate"]).Propagation.Should().Equal(MS_PRIVATE | MS_REC, MS_PRIVATE | MS_REC);
    }

    /// <summary>Recursive attributes that are bits (not the atime enum): set form and clear form.</summary>
    [Theory]
    [InlineData("rro", false, MOUNT_ATTR_RDONLY)]
    [InlineData("rrw", true, MOUNT_ATTR_RDONLY)]
    [InlineData("rnosuid", false, MOUNT_ATTR_NOSUID)]
    [InlineData("rsuid", true, MOUNT_ATTR_NOSUID)]
    [InlineData("rnodev", false, MOUNT_ATTR_NODEV)]
    [InlineData("rdev", true, MOUNT_ATTR_NODEV)]
    [InlineData("rnoexec", false, MOUNT_ATTR_NOEXEC)]
    [InlineData("rexec", true, MOUNT_ATTR_NOEXEC)]
    [InlineData("rnodiratime", false, MOUNT_ATTR_NODIRATIME)]
    [InlineData("rdiratime", true, MOUNT_ATTR_NODIRATIME)]
    [InlineData("rnosymfollow", false, MOUNT_ATTR_NOSYMFOLLOW)]
    [InlineData("rsymfollow", true, MOUNT_ATTR_NOSYMFOLLOW)]
    public void Recursive_attribute_sets_or_clears(string option, bool clears, ulong attr)
    {
        var o = MountOptions.Parse([option]);

        o.RecursiveSet.Should().Be(clears ? 0 : attr);
        o.RecursiveClear.Should().Be(clears ? attr : 0);
        o.Flags.Should().Be(0, "recursive attributes go to mount_setattr, not mount flags");
        o.ClearedFlags.Should().Be(0);
        o.Data.Should().BeEmpty();
    }

    /// <summary>
    /// The atime mode is an enum in mount_setattr(2): setting one needs MOUNT_ATTR__ATIME in attr_clr
    /// (runc adds it too), and MOUNT_ATTR_RELATIME is 0, so rrelatime is only visible through the clear mask.
    /// </summary>
    [Theory]
    [InlineData("rnoatime", MOUNT_ATTR_NOATIME)]
    [InlineData("rstrictatime", MOUNT_ATTR_STRICTATIME)]
    [InlineData("rrelatime", MOUNT_ATTR_RELATIME)]
    [InlineData("ratime", MOUNT_ATTR_RELATIME)]
    [InlineData("rnorelatime", MOUNT_ATTR_RELATIME)]
    [InlineData("rnostrictatime", MOUNT_ATTR_RELATIME)]
    public void Recursive_atime_option_selects_one_atime_mode(string option, ulong mode)
    {
        var o = MountOptions.Parse([option]);

        (o.RecursiveSet & MOUNT_ATTR__ATIME).Should().Be(mode);
        o.RecursiveClear.Should().Be(MOUNT_ATTR__ATIME);
    }

    [Fact]
    public void Later_recursive_atime_option_replaces_the_earlier_mode()
    {
        var o = MountOptions.Parse(["rnoatime", "rstrictatime"]);
        o.RecursiveSet.Should().Be(MOUNT_ATTR_STRICTATIME, "two atime modes at once are EINVAL for mount_setattr");
        o.RecursiveClear.Should().Be(MOUNT_ATTR__ATIME);

        var relatime = MountOptions.Parse(["rnoatime", "rrelatime"]);
        relatime.RecursiveSet.Should().Be(MOUNT_ATTR_RELATIME);
        relatime.RecursiveClear.Should().Be(MOUNT_ATTR__ATIME);
    }

    [Fact]
    public void Later_recursive_option_overrides_earlier()
    {
        var rw = MountOptions.Parse(["rro", "rrw"]);
        rw.RecursiveSet.Should().Be(0);
        rw.RecursiveClear.Should().Be(MOUNT_ATTR_RDONLY);

        var ro = MountOptions.Parse(["rrw", "rro"]);
        ro.RecursiveSet.Should().Be(MOUNT_ATTR_RDONLY);
        ro.RecursiveClear.Should().Be(0);
    }

    [Fact]
    public void Recursive_attributes_combine()
    {
        var o = MountOptions.Parse(["rro", "rnosuid", "rdev", "rnoatime"]);

        o.RecursiveSet.Should().Be(MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOATIME);
        o.RecursiveClear.Should().Be(MOUNT_ATTR_NODEV | MOUNT_ATTR__ATIME);
    }

    [Fact]
    public void Tmpcopyup_is_an_extension_not_data()
    {
        var o = MountOptions.Parse(["tmpcopyup", "mode=755"]);

        o.TmpCopyUp.Should().BeTrue();
        o.IdMap.Should().BeFalse();
        o.Data.Should().Be("mode=755");
    }

    [Fact]
    public void Idmap_is_not_recursive_and_ridmap_is()
    {
        var idmap = MountOptions.Parse(["idmap"]);
        idmap.IdMap.Should().BeTrue();
        idmap.RecursiveIdMap.Should().BeFalse();
        idmap.Data.Should().BeEmpty();

        var ridmap = MountOptions.Parse(["ridmap"]);
        ridmap.IdMap.Should().BeTrue();
        ridmap.RecursiveIdMap.Should().BeTrue();
        ridmap.Data.Should().BeEmpty();
    }

    [Fact]
    public void Data_options_are_kept_in_order_and_comma_joined()
    {
        var o = MountOptions.Parse(["size=65536k", "nosuid", "mode=755", "", "rprivate", "nr_inodes=1k", "uid=0", "rro"]);

        o.Data.Should().Be("size=65536k,mode=755,nr_inodes=1k,uid=0");
        o.Flags.Should().Be(MS_NOSUID);
        o.Propagation.Should().Equal(MS_PRIVATE | MS_REC);
        o.RecursiveSet.Should().Be(MOUNT_ATTR_RDONLY);
    }

    [Fact]
    public void Unknown_words_and_case_variants_are_data()
    {
        MountOptions.Parse(["RO", "newinstance", "ptmxmode=0666"]).Data.Should().Be("RO,newinstance,ptmxmode=0666");
        MountOptions.Parse(["RO"]).Flags.Should().Be(0);
    }

    [Fact]
    public void Known_names_cover_every_interpreted_option_in_ordinal_order()
    {
        var names = MountOptions.KnownNames.ToList();

        names.Should().HaveCount(35 + 8 + 18 + 3).And.OnlyHaveUniqueItems();
        names.Should().BeInAscendingOrder(StringComparer.Ordinal);
        names.Should().Contain(["rbind", "rro", "rnoatime", "rprivate", "tmpcopyup", "idmap", "ridmap", "nosymfollow"]);
        foreach (var name in names)
            MountOptions.Parse([name]).Data.Should().BeEmpty($"{name} is interpreted, not passed to the filesystem");
    }
}
