using System.Text;
using System.Text.Json;
using FluentAssertions;
using Runc.Sharp.Spec.Model;
using Runc.Sharp.Spec.Serialization;
using Xunit;

namespace Runc.Sharp.Spec.Tests.Model;

public class AbsentFieldTests
{
    private static List<string> MemberNames(byte[] json, params string[] path)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement e = doc.RootElement;
        foreach (string p in path)
        {
            e = e.GetProperty(p);
        }

        return e.EnumerateObject().Select(m => m.Name).ToList();
    }

    [Fact]
    public void Minimal_config_writes_only_what_was_read()
    {
        byte[] output = SpecJson.WriteConfig(SpecJson.ReadConfig("""{"ociVersion":"1.0.0","root":{"path":"rootfs"}}"""u8));

        MemberNames(output).Should().Equal("ociVersion", "root");
        MemberNames(output, "root").Should().Equal("path");
    }

    [Fact]
    public void Optional_members_that_are_absent_are_null_in_the_model()
    {
        RuntimeConfig config = SpecJson.ReadConfig("""{"ociVersion":"1.0.0","process":{"cwd":"/","user":{}},"linux":{"resources":{"memory":{}}}}"""u8);

        config.Root.Should().BeNull();
        config.Hostname.Should().BeNull();
        config.Mounts.Should().BeNull();
        config.Annotations.Should().BeNull();
        config.Windows.Should().BeNull();
        config.Process!.Terminal.Should().BeNull();
        config.Process.Args.Should().BeNull();
        config.Process.OomScoreAdj.Should().BeNull();
        config.Process.User!.Uid.Should().BeNull();
        config.Process.User.Umask.Should().BeNull();
        config.Linux!.Resources!.Memory!.Limit.Should().BeNull();
        config.Linux.Resources.Memory.DisableOomKiller.Should().BeNull();
        config.Linux.Namespaces.Should().BeNull();
    }

    [Fact]
    public void Empty_objects_and_empty_arrays_stay_distinct_from_absent()
    {
        byte[] input = """{"ociVersion":"1.0.0","process":{"cwd":"/","user":{},"args":[],"env":[]},"mounts":[],"annotations":{},"linux":{"resources":{},"maskedPaths":[]}}"""u8.ToArray();

        byte[] output = SpecJson.WriteConfig(SpecJson.ReadConfig(input));

        JsonTree.AssertEquivalent(input, output);
        MemberNames(output, "process", "user").Should().BeEmpty();
        MemberNames(output, "linux", "resources").Should().BeEmpty();
    }

    [Fact]
    public void Explicit_false_and_zero_are_kept_while_absent_booleans_are_not_invented()
    {
        byte[] input = """{"ociVersion":"1.0.0","process":{"cwd":"/","terminal":false,"noNewPrivileges":false,"oomScoreAdj":0},"root":{"path":"r","readonly":false}}"""u8.ToArray();

        RuntimeConfig config = SpecJson.ReadConfig(input);
        config.Process!.Terminal.Should().BeFalse();
        config.Process.OomScoreAdj.Should().Be(0);

        byte[] output = SpecJson.WriteConfig(config);
        JsonTree.AssertEquivalent(input, output);

        byte[] withoutFlags = SpecJson.WriteConfig(SpecJson.ReadConfig("""{"ociVersion":"1.0.0","process":{"cwd":"/"}}"""u8));
        MemberNames(withoutFlags, "process").Should().Equal("cwd");
    }

    [Fact]
    public void A_model_built_in_code_omits_unset_members()
    {
        var process = new Process { Cwd = "/work", Args = ["true"] };

        Encoding.UTF8.GetString(SpecJson.WriteProcess(process, indent: null)).Should().Be("""{"args":["true"],"cwd":"/work"}""");
    }
}
