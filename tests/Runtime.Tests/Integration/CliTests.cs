using System.Text.Json.Nodes;
using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>The command line as callers write it: Go flag spellings, flag order, usage errors, version, spec, features.</summary>
public sealed class CliTests
{
    private static string OneLine(RuncsResult r)
    {
        var lines = r.Stderr.TrimEnd('\n').Split('\n');
        lines.Should().ContainSingle("errors are one line:" + r.Describe());
        return lines[0];
    }

    [RootTheory]
    [InlineData("--version")]
    [InlineData("-v")]
    [InlineData("-version")]
    public void Version_first_line_names_runcs_and_its_version(string flag)
    {
        using var rc = new RuncsSandbox();
        var r = rc.Run(new RunOptions { NoRoot = true }, flag).ShouldSucceed();
        var lines = r.Stdout.TrimEnd('\n').Split('\n');
        lines[0].Should().MatchRegex(@"^runcs version \d+\.\d+\.\d+\S*$");
        lines.Should().Contain(l => l.StartsWith("spec: "));
        lines.Skip(1).Should().NotContain(l => l.Contains("version"), "Docker takes any line with \"version\" as a name/version pair");
        r.Stderr.Should().BeEmpty();
    }

    [RootFact]
    public void Spec_writes_a_config_and_refuses_to_overwrite_one()
    {
        using var rc = new RuncsSandbox();
        var dir = rc.NewPath("specdir");
        Directory.CreateDirectory(dir);
        rc.Run(new RunOptions { NoRoot = true }, "spec", "--bundle", dir).ShouldSucceed().Stdout.Should().BeEmpty();
        var text = File.ReadAllText(Path.Combine(dir, "config.json"));
        text.Should().Contain("\n\t\"ociVersion\"", "runc's spec is tab-indented");
        var config = JsonNode.Parse(text)!.AsObject();
        config["process"]!["args"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("sh");
        config["root"]!["path"]!.GetValue<string>().Should().Be("rootfs");

        File.WriteAllText(Path.Combine(dir, "config.json"), "keep me");
        rc.Run(new RunOptions { NoRoot = true }, "spec", "--bundle", dir).ShouldFailWith("File config.json exists. Remove it first");
        rc.Run(new RunOptions { NoRoot = true, WorkingDirectory = dir }, "spec").ShouldFailWith("File config.json exists. Remove it first");
        File.ReadAllText(Path.Combine(dir, "config.json")).Should().Be("keep me");
    }

    [RootFact]
    public void Features_is_json_with_the_spec_versions_and_hooks()
    {
        using var rc = new RuncsSandbox();
        var r = rc.Run(new RunOptions { NoRoot = true }, "features").ShouldSucceed();
        r.Stderr.Should().BeEmpty();
        r.Stdout.Should().StartWith("{\n    \"").And.EndWith("}\n", "4-space indent and a trailing newline, as runc");
        var features = JsonNode.Parse(r.Stdout)!.AsObject();
        features["ociVersionMin"]!.GetValue<string>().Should().Be("1.0.0");
        var max = features["ociVersionMax"]!.GetValue<string>();
        max.Should().MatchRegex(@"^\d+\.\d+\.\d+");
        var version = rc.Run(new RunOptions { NoRoot = true }, "--version").ShouldSucceed().Stdout;
        version.Should().Contain($"\nspec: {max}\n", "features and --version report the same spec version");
        features["hooks"]!.AsArray().Select(n => n!.GetValue<string>())
            .Should().BeEquivalentTo(["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"]);
        features["linux"]!["namespaces"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Contain(["pid", "mount", "uts", "ipc", "network"]);
    }

    [RootFact]
    public void Unknown_command_fails_with_one_line_like_runc()
    {
        using var rc = new RuncsSandbox();
        var r = rc.Run("frobnicate");
        r.ExitCode.Should().Be(3, "urfave/cli's code for an unknown command, as runc" + r.Describe());
        r.ShouldHaveNoStackTrace();
        OneLine(r).Should().Contain("No help topic for 'frobnicate'");
        r.Stdout.Should().BeEmpty();
    }

    [RootTheory]
    [InlineData("checkpoint")]
    [InlineData("restore")]
    public void Checkpoint_and_restore_fail_clearly_into_the_json_log(string verb)
    {
        using var rc = new RuncsSandbox();
        var log = rc.NewPath("log.json");
        // As containerd's shim calls it: its criu options must not turn this into a usage error.
        var r = rc.Run("--log", log, "--log-format", "json", verb, "--image-path", rc.NewPath("img"), "--work-path", rc.NewPath("work"), "--leave-running", "c1");
        r.ShouldFailWith($"{verb} is not supported by runcs yet", 1);
        r.Stdout.Should().BeEmpty();
        var records = LogFile.ReadJson(log);
        records.Should().ContainSingle().Which.Level.Should().Be("error");
        records[0].Msg.Should().Contain("not supported");
    }

    [RootTheory]
    [InlineData("--bogus", "list")]
    [InlineData("-bogus", "list")]
    [InlineData("state", "--bogus")]
    [InlineData("delete", "--bogus")]
    [InlineData("exec", "--bogus")]
    public void Unknown_flag_fails_with_one_line(string first, string second)
    {
        using var rc = new RuncsSandbox();
        var args = first.StartsWith('-') ? new[] { first, second } : new[] { first, second, "someid" };
        var r = rc.Run(args);
        r.ExitCode.Should().Be(1, "a flag error comes before any action, even for exec (runc exits 1 too)" + r.Describe());
        r.ShouldHaveNoStackTrace();
        OneLine(r).Should().Contain("flag provided but not defined: -bogus");
    }

    [RootTheory]
    [InlineData("state")]
    [InlineData("start")]
    [InlineData("delete")]
    [InlineData("kill")]
    [InlineData("create")]
    public void Missing_container_id_is_a_usage_error(string verb)
    {
        using var rc = new RuncsSandbox();
        var r = rc.Run(verb);
        r.ShouldFail(1).ShouldHaveNoStackTrace();
        r.Stdout.Should().StartWith("Incorrect Usage.", "runc prints usage to stdout");
        OneLine(r).Should().Contain($"\\\"{verb}\\\" requires");
    }

    [RootFact]
    public void Invalid_log_format_and_root_slash_are_refused()
    {
        using var rc = new RuncsSandbox();
        OneLine(rc.Run("--log-format", "xml", "list").ShouldFail(1)).Should().Contain("invalid log-format: xml");
        OneLine(rc.Run(new RunOptions { NoRoot = true }, "--root", "/", "list").ShouldFail(1))
            .Should().Contain("Option --root argument should not be set to /");
    }

    [RootFact]
    public void Go_style_single_dash_and_equals_flags()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        var log = rc.NewPath("log.json");
        var pidFile = rc.NewPath("p.pid");
        var noRoot = new RunOptions { NoRoot = true };
        rc.Run(noRoot, "-root", rc.Root, "-log", log, "-log-format", "json", "create", "-bundle", b.Dir, "-pid-file", pidFile, "dash").ShouldSucceed();
        rc.Run(noRoot, "--root=" + rc.Root, "start", "dash").ShouldSucceed();
        rc.Run(noRoot, "-root=" + rc.Root, "state", "dash").ShouldSucceed().Stdout.Should().Contain("\"status\": \"running\"");
        File.ReadAllText(pidFile).Should().Be(rc.State("dash")["pid"]!.GetValue<int>().ToString());
        rc.Run(noRoot, "-root", rc.Root, "-debug=false", "delete", "-force", "dash").ShouldSucceed();
        LogFile.ReadJson(log).Should().NotContain(r => r.Level == "error");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Boolean_flags_accept_equals_true_and_false()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        rc.Run("run", "--detach=true", "--bundle", b.Dir, "bools").ShouldSucceed();
        rc.Status("bools").Should().Be("running");
        rc.Run("delete", "--force=false", "bools").ShouldFailWith("that is not stopped: running");
        rc.Run("delete", "--force=true", "bools").ShouldSucceed();
        rc.Run("state", "bools").ShouldFailWith("container does not exist");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Flags_may_follow_the_container_id()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        var pidFile = rc.NewPath("after.pid");
        rc.Run("create", "after", "--bundle", b.Dir, "--pid-file", pidFile).ShouldSucceed();
        File.ReadAllText(pidFile).Should().Be(rc.State("after")["pid"]!.GetValue<int>().ToString());
        rc.Run("start", "after").ShouldSucceed();
        rc.Run("kill", "after", "KILL", "--all").ShouldSucceed();
        rc.WaitForStatus("after", "stopped");
        rc.Run("delete", "after", "--force").ShouldSucceed();
        rc.Run("list", "--format", "json").ShouldSucceed().Stdout.Should().Be("null\n");
        rc.AssertNoLeftovers();
    }

    [RootFact]
    public void Json_log_to_a_file_gets_exactly_the_error_and_stderr_the_plain_text()
    {
        using var rc = new RuncsSandbox();
        var log = rc.NewPath("log.json");
        File.WriteAllText(log, "{\"level\":\"info\",\"msg\":\"earlier\",\"time\":\"2026-01-01T00:00:00Z\"}\n");
        var r = rc.Run("--log", log, "--log-format", "json", "state", "ghost").ShouldFail(1);
        r.Stderr.Should().Be("container does not exist\n");
        r.Stdout.Should().BeEmpty();
        var records = LogFile.ReadJson(log);
        records.Should().HaveCount(2, "the log is appended to");
        records[0].Msg.Should().Be("earlier");
        records[1].Level.Should().Be("error");
        records[1].Msg.Should().Be("container does not exist");
        records[1].Time.Should().BeCloseTo(DateTimeOffset.Now, TimeSpan.FromMinutes(5));
        File.ReadAllLines(log)[1].Should().StartWith("{\"level\":\"error\",\"msg\":");
    }

    [RootFact]
    public void Text_log_to_a_file_is_logfmt_and_stderr_the_plain_text()
    {
        using var rc = new RuncsSandbox();
        var log = rc.NewPath("log.txt");
        var r = rc.Run("--log", log, "delete", "ghost").ShouldFail(1);
        r.Stderr.Should().Be("container does not exist\n");
        File.ReadAllText(log).Should().MatchRegex("^time=\"[^\"]+\" level=error msg=\"container does not exist\"\n$");
    }

    [RootFact]
    public void Json_log_of_a_whole_lifecycle_holds_only_json_and_no_error()
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("sleep", "30");
        var log = Path.Combine(b.Dir, "log.json");
        string[] G(params string[] a) => ["--log", log, "--log-format", "json", .. a];
        var create = rc.Run(G("create", "--bundle", b.Dir, "--pid-file", Path.Combine(b.Dir, "init.pid"), "lc")).ShouldSucceed();
        create.Stdout.Should().BeEmpty();
        create.Stderr.Should().BeEmpty();
        rc.Run(G("start", "lc")).ShouldSucceed().Stderr.Should().BeEmpty();
        rc.Run(G("state", "lc")).ShouldSucceed().Stderr.Should().BeEmpty();
        rc.Run(G("ps", "--format", "json", "lc")).ShouldSucceed().Stderr.Should().BeEmpty();
        rc.Run(G("exec", "lc", "true")).ShouldSucceed();
        rc.Run(G("kill", "lc", "9")).ShouldSucceed().Stderr.Should().BeEmpty();
        rc.WaitForStatus("lc", "stopped");
        rc.Run(G("kill", "--all", "lc", "9")).ShouldSucceed();
        rc.Run(G("delete", "lc")).ShouldSucceed().Stderr.Should().BeEmpty();
        LogFile.ReadJson(log).Should().NotContain(r => r.Level == "error");
        rc.AssertNoLeftovers();
    }
}
