using System.Text.Json;
using FluentAssertions;
using Runc.Sharp.Runtime.Containers;
using Runc.Sharp.Runtime.Diagnostics;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Unit;

public sealed class PidFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Writes_the_decimal_pid_without_a_newline()
    {
        var path = _dir.Combine("pid");

        PidFile.Write(path, 12345);

        File.ReadAllBytes(path).Should().Equal("12345"u8.ToArray());
    }

    [Fact]
    public void Replaces_an_existing_file_and_leaves_no_temp_file()
    {
        var path = _dir.WriteFile("container.pid", "999999\nold contents\n");

        PidFile.Write(path, 42);

        File.ReadAllText(path).Should().Be("42");
        Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName).Should().Equal("container.pid");
    }

    [Fact]
    public void Goes_through_a_dot_temp_file_renamed_over_the_target()
    {
        // The temp name is runc's: "<dir>/.<name>", created exclusively. A directory squatting on it
        // makes the write fail, which proves the file is not written in place.
        var path = _dir.Combine("init.pid");
        Directory.CreateDirectory(_dir.Combine(".init.pid"));

        var act = () => PidFile.Write(path, 7);

        act.Should().Throw<IOException>();
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public void Fails_when_the_directory_does_not_exist()
    {
        var act = () => PidFile.Write(_dir.Combine("missing", "pid"), 1);

        act.Should().Throw<DirectoryNotFoundException>();
    }
}

public sealed class StateStoreTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private StateStore NewStore() => new(_dir.Combine("state", "nested"));

    private static ContainerRecord SampleRecord(string id) => new()
    {
        Id = id,
        InitPid = 4242,
        InitStartTime = 123456789,
        Created = "2024-01-02T03:04:05.1234567Z",
        Config = new RecordConfig { Rootfs = "/bundle/rootfs", Labels = ["bundle=/bundle", "a=b"], NoPivotRoot = true },
        CgroupPaths = new Dictionary<string, string> { [""] = "/sys/fs/cgroup/runcs/c1" },
        NamespacePaths = new Dictionary<string, string> { ["NEWPID"] = "/proc/4242/ns/pid", ["NEWNS"] = "/proc/4242/ns/mnt" },
        Bundle = "/bundle",
        Rootfs = "/bundle/rootfs",
        Annotations = new Dictionary<string, string> { ["org.example"] = "x" },
        Namespaces = ["pid", "mount"],
        Rootless = true,
        OwnerUid = 1000,
        PrivatePidNamespace = true,
    };

    [Fact]
    public void CreateDir_creates_the_root_and_the_container_directory()
    {
        var store = NewStore();

        var dir = store.CreateDir("c1");

        dir.Should().Be(Path.Combine(store.Root, "c1"));
        Directory.Exists(dir).Should().BeTrue();
        store.Exists("c1").Should().BeTrue();
        store.Exists("c2").Should().BeFalse();
        File.GetUnixFileMode(store.Root).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public void CreateDir_refuses_a_taken_id()
    {
        var store = NewStore();
        store.CreateDir("dup");

        var act = () => store.CreateDir("dup");

        act.Should().Throw<RuntimeException>().WithMessage("container with given ID already exists");
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Invalid_ids_never_reach_the_file_system(string id)
    {
        var store = NewStore();

        store.Invoking(s => s.CreateDir(id)).Should().Throw<RuntimeException>().WithMessage("invalid container id format*");
        store.Invoking(s => s.Dir(id)).Should().Throw<RuntimeException>();
        Directory.Exists(_dir.Combine("state", "escape")).Should().BeFalse();
    }

    [Fact]
    public void Save_then_Load_round_trips_the_record()
    {
        var store = NewStore();
        store.CreateDir("c1");
        var record = SampleRecord("c1");

        store.Save(record);
        var loaded = store.Load("c1");

        loaded.Should().BeEquivalentTo(record);
        Directory.GetFiles(store.Dir("c1")).Select(Path.GetFileName).Should().Equal(StateStore.StateFile);
    }

    [Fact]
    public void State_file_uses_runc_key_names()
    {
        var store = NewStore();
        store.CreateDir("c1");
        store.Save(SampleRecord("c1"));

        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(store.Dir("c1"), "state.json")));
        var root = doc.RootElement;

        root.GetProperty("id").GetString().Should().Be("c1");
        root.GetProperty("init_process_pid").GetInt32().Should().Be(4242);
        root.GetProperty("init_process_start").GetUInt64().Should().Be(123456789);
        root.GetProperty("created").GetString().Should().Be("2024-01-02T03:04:05.1234567Z");
        root.GetProperty("config").GetProperty("labels")[0].GetString().Should().Be("bundle=/bundle");
        root.GetProperty("config").GetProperty("rootfs").GetString().Should().Be("/bundle/rootfs");
        root.GetProperty("config").GetProperty("no_pivot_root").GetBoolean().Should().BeTrue();
        root.GetProperty("cgroup_paths").GetProperty("").GetString().Should().Be("/sys/fs/cgroup/runcs/c1");
        root.GetProperty("namespace_paths").GetProperty("NEWPID").GetString().Should().Be("/proc/4242/ns/pid");
        root.GetProperty("owner_uid").GetUInt32().Should().Be(1000);
        root.GetProperty("private_pid_namespace").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void Null_members_are_left_out_of_the_state_file()
    {
        var store = NewStore();
        store.CreateDir("c1");
        store.Save(new ContainerRecord { Id = "c1", InitPid = 1 });

        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(store.Dir("c1"), "state.json")));

        doc.RootElement.TryGetProperty("annotations", out _).Should().BeFalse();
        doc.RootElement.TryGetProperty("hooks", out _).Should().BeFalse();
        store.Load("c1").Annotations.Should().BeNull();
    }

    [Fact]
    public void Save_replaces_the_previous_state()
    {
        var store = NewStore();
        store.CreateDir("c1");
        store.Save(SampleRecord("c1"));
        var second = SampleRecord("c1");
        second.InitPid = 7;

        store.Save(second);

        store.Load("c1").InitPid.Should().Be(7);
    }

    [Fact]
    public void Missing_container_loads_as_null_or_fails_with_runc_wording()
    {
        var store = NewStore();
        store.CreateDir("empty");

        store.TryLoad("empty").Should().BeNull();
        store.TryLoad("nope").Should().BeNull();
        store.Invoking(s => s.Load("nope")).Should().Throw<RuntimeException>().WithMessage("container does not exist");
    }

    [Fact]
    public void Corrupt_state_is_an_error_naming_the_file()
    {
        var store = NewStore();
        var dir = store.CreateDir("bad");
        File.WriteAllText(Path.Combine(dir, "state.json"), "{not json");

        store.Invoking(s => s.TryLoad("bad")).Should().Throw<RuntimeException>()
            .Which.Message.Should().StartWith($"read {Path.Combine(dir, "state.json")}: ");
    }

    [Fact]
    public void Ids_are_sorted_ordinally_and_skip_invalid_names_and_files()
    {
        var store = NewStore();
        foreach (var id in new[] { "b", "B", "a-1", "a.2", "_x" })
            store.CreateDir(id);
        Directory.CreateDirectory(Path.Combine(store.Root, "has space"));
        Directory.CreateDirectory(Path.Combine(store.Root, "colon:name"));
        File.WriteAllText(Path.Combine(store.Root, "plainfile"), "");

        store.Ids().Should().Equal("B", "_x", "a-1", "a.2", "b");
    }

    [Fact]
    public void Ids_of_a_missing_root_are_empty()
    {
        NewStore().Ids().Should().BeEmpty();
    }

    [Fact]
    public void RemoveDir_deletes_the_directory_and_its_contents()
    {
        var store = NewStore();
        var dir = store.CreateDir("gone");
        store.Save(SampleRecord("gone"));
        File.WriteAllText(Path.Combine(dir, "extra"), "x");

        store.RemoveDir("gone");

        Directory.Exists(dir).Should().BeFalse();
        store.Ids().Should().BeEmpty();
        store.Invoking(s => s.RemoveDir("gone")).Should().NotThrow();
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void RemoveDir_removes_the_usual_files_and_falls_back_to_a_full_removal(bool fifo, bool subdirectory)
    {
        var store = NewStore();
        var dir = store.CreateDir("ran");
        store.Save(SampleRecord("ran"));
        if (fifo)
            File.WriteAllText(Path.Combine(dir, StateStore.ExecFifo), "");
        if (subdirectory)
            File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(dir, "notify")).FullName, "notify.sock"), "");

        store.RemoveDir("ran");

        Directory.Exists(dir).Should().BeFalse();
    }
}
