using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>Bad bundles: one error line naming config.json:line:col and a JSON path, exit 1, nothing left behind.</summary>
public sealed class ConfigErrorTests
{
    private static readonly Regex Located = new(@"config\.json:(\d+):(\d+): (\$[^ :]*):");

    public static TheoryData<string> BadConfigs => new() { "invalid-json", "hostname-number", "args-string", "missing-process", "trailing-garbage" };

    /// <summary>Writes the broken config and returns (expected path, expected line or 0 when not checked).</summary>
    private static (string Path, int Line) Break(Bundle b, string kind)
    {
        switch (kind)
        {
            case "invalid-json":
                File.WriteAllText(b.ConfigPath, "{\n  \"ociVersion\": \"1.0.0\",\n  \"process\": }\n");
                return ("$", 3);
            case "trailing-garbage":
                File.WriteAllText(b.ConfigPath, File.ReadAllText(b.ConfigPath) + "\n}x");
                return ("$", File.ReadAllLines(b.ConfigPath).Length);
            case "hostname-number":
                b.Edit(c => c["hostname"] = 42);
                return ("$.hostname", LineOf(b, "\"hostname\": 42"));
            case "args-string":
                b.Edit(_ => b.Process["args"] = "sh");
                return ("$.process.args", LineOf(b, "\"args\": \"sh\""));
            case "missing-process":
                b.Edit(c => c.Remove("process"));
                return ("$.process", 0);
            default:
                throw new ArgumentException(kind);
        }
    }

    private static int LineOf(Bundle b, string text) =>
        Array.FindIndex(File.ReadAllLines(b.ConfigPath), l => l.Contains(text)) + 1;

    [RootTheory]
    [MemberData(nameof(BadConfigs))]
    public void Bad_config_gives_one_located_error_line(string kind)
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("true");
        var (path, line) = Break(b, kind);

        foreach (var verb in new[] { "create", "run" })
        {
            var r = rc.Run(verb, "--bundle", b.Dir, "bad");
            r.ShouldFail(1).ShouldHaveNoStackTrace();
            r.Stdout.Should().BeEmpty();
            var lines = r.Stderr.TrimEnd('\n').Split('\n');
            lines.Should().ContainSingle(r.Describe());
            var m = Located.Match(lines[0]);
            m.Success.Should().BeTrue(r.Describe());
            m.Groups[3].Value.Should().Be(path, r.Describe());
            int.Parse(m.Groups[2].Value).Should().BeGreaterThan(0);
            if (line > 0)
                int.Parse(m.Groups[1].Value).Should().Be(line, r.Describe());
        }
        rc.AssertNoLeftovers();
    }

    [RootTheory]
    [MemberData(nameof(BadConfigs))]
    public void Bad_config_with_a_json_log_writes_only_json_lines(string kind)
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("true");
        Break(b, kind);
        var log = rc.NewPath("log.json");

        var r = rc.Run("--log", log, "--log-format", "json", "create", "--bundle", b.Dir, "bad");
        r.ShouldFail(1).ShouldHaveNoStackTrace();
        var records = LogFile.ReadJson(log);
        records.Should().ContainSingle("podman json-decodes the whole file as one object").Which.Level.Should().Be("error");
        Located.IsMatch(records[0].Msg).Should().BeTrue(records[0].Msg);
        r.Stderr.Should().Be(records[0].Msg + "\n", "with a log file the plain error is echoed on stderr");
        r.Stdout.Should().BeEmpty();

        // Appended, never truncated: a second failure adds a second line.
        rc.Run("--log", log, "--log-format=json", "create", "--bundle", b.Dir, "bad").ShouldFail(1);
        LogFile.ReadJson(log).Should().HaveCount(2);
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Missing_executable_fails_at_create_and_leaves_nothing()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("no-such-binary", "arg");
        var log = rc.NewPath("log.json");
        var r = rc.Run("--log", log, "--log-format", "json", "create", "--bundle", b.Dir, "--pid-file", rc.NewPath("p"), "nobin");
        r.ShouldFailWith("exec: \"no-such-binary\": executable file not found in $PATH");
        r.Stderr.TrimEnd('\n').Should().NotContain("\n");
        LogFile.ReadJson(log).Should().ContainSingle().Which.Msg.Should().Contain("executable file not found in $PATH");
        File.Exists(rc.NewPath("p")).Should().BeFalse("no pid file for a failed create");
        if (Directory.Exists(rc.Root))
            Directory.EnumerateFileSystemEntries(rc.Root).Should().BeEmpty();
        rc.Run("state", "nobin").ShouldFailWith("container does not exist");

        b.WithArgs("/bin/missing");
        rc.Run("run", "--bundle", b.Dir, "nobin2").ShouldFailWith("no such file or directory");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Missing_config_and_missing_rootfs_fail_cleanly()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("true");
        File.Move(b.ConfigPath, b.ConfigPath + ".away");
        rc.Run("create", "--bundle", b.Dir, "nocfg").ShouldFailWith("config.json");
        File.Move(b.ConfigPath + ".away", b.ConfigPath);
        b.Edit(c => c["root"]!["path"] = "no-such-rootfs");
        rc.Run("create", "--bundle", b.Dir, "noroot").ShouldFailWith("no-such-rootfs");
        rc.Run("create", "--bundle", rc.NewPath("no-such-bundle"), "nobundle").ShouldFail(1).ShouldHaveNoStackTrace();
        rc.AssertNoLeftovers();
    }
}
