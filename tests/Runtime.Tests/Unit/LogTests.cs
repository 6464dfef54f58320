using System.Text.Json;
using FluentAssertions;
using Runc.Sharp.Runtime.Diagnostics;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Unit;

public class LogFormatTests
{
    private static readonly DateTimeOffset Utc = new(2024, 5, 6, 7, 8, 9, 123, TimeSpan.Zero);

    [Fact]
    public void Json_line_has_logrus_shape()
    {
        Log.JsonLine("error", "container not found", Utc)
            .Should().Be("{\"level\":\"error\",\"msg\":\"container not found\",\"time\":\"2024-05-06T07:08:09Z\"}\n");
    }

    [Theory]
    [InlineData("say \"hi\"", "say \\\"hi\\\"")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("two\nlines", "two\\nlines")]
    [InlineData("cr\rtab\t", "cr\\rtab\\t")]
    [InlineData("bell\u0007esc\u001bnul\0", "bell\\u0007esc\\u001bnul\\u0000")]
    [InlineData("\u001f", "\\u001f")]
    [InlineData("unicode é ✓ and / slash", "unicode é ✓ and / slash")]
    public void Json_line_escapes_the_message(string message, string escaped)
    {
        Log.JsonLine("warning", message, Utc)
            .Should().Be($"{{\"level\":\"warning\",\"msg\":\"{escaped}\",\"time\":\"2024-05-06T07:08:09Z\"}}\n");
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("quote \" backslash \\ newline \n cr \r tab \t")]
    [InlineData("controls \u0001\u0002\u0003\u001f\u007f")]
    [InlineData("{\"nested\":\"json\"}")]
    public void Json_line_parses_back_to_the_message(string message)
    {
        var line = Log.JsonLine("error", message, Utc);

        line.Should().EndWith("\n");
        line.TrimEnd('\n').Should().NotContain("\n");
        using var doc = JsonDocument.Parse(line);
        doc.RootElement.GetProperty("level").GetString().Should().Be("error");
        doc.RootElement.GetProperty("msg").GetString().Should().Be(message);
        doc.RootElement.GetProperty("time").GetString().Should().Be("2024-05-06T07:08:09Z");
        doc.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("level", "msg", "time");
    }

    [Fact]
    public void Text_line_has_logfmt_shape()
    {
        Log.TextLine("info", "hello \"world\"", Utc)
            .Should().Be("time=\"2024-05-06T07:08:09Z\" level=info msg=\"hello \\\"world\\\"\"\n");
    }

    [Fact]
    public void Text_line_is_one_line()
    {
        Log.TextLine("error", "a\nb", Utc).Should().Be("time=\"2024-05-06T07:08:09Z\" level=error msg=\"a\\nb\"\n");
    }

    [Theory]
    [InlineData(0, 0, "2024-05-06T07:08:09Z")]
    [InlineData(2, 0, "2024-05-06T07:08:09+02:00")]
    [InlineData(5, 30, "2024-05-06T07:08:09+05:30")]
    [InlineData(-3, -30, "2024-05-06T07:08:09-03:30")]
    [InlineData(-10, 0, "2024-05-06T07:08:09-10:00")]
    [InlineData(14, 0, "2024-05-06T07:08:09+14:00")]
    public void Rfc3339_has_seconds_precision_and_Z_or_offset(int hours, int minutes, string expected)
    {
        var t = new DateTimeOffset(2024, 5, 6, 7, 8, 9, 999, new TimeSpan(hours, minutes, 0));

        Log.Rfc3339(t).Should().Be(expected);
    }

    [Fact]
    public void Quote_is_a_json_string_literal()
    {
        JsonText.Quote("a\"b").Should().Be("\"a\\\"b\"");
        JsonText.Quote("").Should().Be("\"\"");
        JsonSerializer.Deserialize<string>(JsonText.Quote("x\u0001\n\\y")).Should().Be("x\u0001\n\\y");
    }
}

[Collection(ProcessStateCollection.Name)]
public sealed class LogFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose()
    {
        Log.Configure(null, LogFormat.Text, debug: false);
        _dir.Dispose();
    }

    [Fact]
    public void Json_writes_append_one_parseable_line_each()
    {
        var path = _dir.Combine("log.json");
        Log.Configure(path, LogFormat.Json, debug: false);

        Log.Error("first \"failure\"");
        Log.Warning("second\nline");

        var lines = File.ReadAllText(path).Split('\n');
        lines.Should().HaveCount(3);
        lines[2].Should().BeEmpty("the file ends with a newline");
        using var first = JsonDocument.Parse(lines[0]);
        first.RootElement.GetProperty("level").GetString().Should().Be("error");
        first.RootElement.GetProperty("msg").GetString().Should().Be("first \"failure\"");
        DateTimeOffset.Parse(first.RootElement.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeCloseTo(DateTimeOffset.Now, TimeSpan.FromMinutes(5));
        using var second = JsonDocument.Parse(lines[1]);
        second.RootElement.GetProperty("level").GetString().Should().Be("warning");
        second.RootElement.GetProperty("msg").GetString().Should().Be("second\nline");
    }

    [Fact]
    public void Writes_append_to_existing_content()
    {
        var path = _dir.WriteFile("log.json", "{\"level\":\"info\",\"msg\":\"old\",\"time\":\"2020-01-01T00:00:00Z\"}\n");
        Log.Configure(path, LogFormat.Json, debug: false);

        Log.Info("new");

        var lines = File.ReadAllLines(path);
        lines.Should().HaveCount(2);
        lines[0].Should().Contain("\"old\"");
        JsonDocument.Parse(lines[1]).RootElement.GetProperty("msg").GetString().Should().Be("new");
    }

    [Fact]
    public void Debug_is_written_only_when_enabled()
    {
        var path = _dir.Combine("debug.log");

        Log.Configure(path, LogFormat.Json, debug: false);
        Log.IsDebug.Should().BeFalse();
        Log.Debug("hidden");
        File.Exists(path).Should().BeFalse();

        Log.Configure(path, LogFormat.Json, debug: true);
        Log.IsDebug.Should().BeTrue();
        Log.Debug("shown");
        File.ReadAllLines(path).Should().ContainSingle().Which.Should().StartWith("{\"level\":\"debug\",\"msg\":\"shown\",");
    }

    [Fact]
    public void Text_format_writes_logfmt_lines()
    {
        var path = _dir.Combine("log.txt");
        Log.Configure(path, LogFormat.Text, debug: false);

        Log.Error("boom");

        File.ReadAllText(path).Should().MatchRegex("^time=\"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})\" level=error msg=\"boom\"\n$");
    }

    [Fact]
    public void Empty_path_means_stderr()
    {
        Log.Configure("", LogFormat.Json, debug: false);
        Log.ToStderr.Should().BeTrue();

        Log.Configure(_dir.Combine("x.log"), LogFormat.Json, debug: false);
        Log.ToStderr.Should().BeFalse();
    }

    [Fact]
    public void Unwritable_log_path_does_not_throw()
    {
        Log.Configure(_dir.Combine("no", "such", "dir", "log"), LogFormat.Json, debug: false);

        var act = () => Log.Error("lost");

        act.Should().NotThrow();
    }

    [Fact]
    public void Format_follows_the_configured_format()
    {
        var t = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Log.Configure(null, LogFormat.Json, debug: false);
        Log.Format("info", "m", t).Should().Be(Log.JsonLine("info", "m", t));
        Log.Configure(null, LogFormat.Text, debug: false);
        Log.Format("info", "m", t).Should().Be(Log.TextLine("info", "m", t));
    }
}
