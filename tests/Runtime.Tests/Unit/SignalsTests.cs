using FluentAssertions;
using Runc.Sharp.Runtime.Containers;
using Runc.Sharp.Runtime.Diagnostics;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Unit;

public class SignalsTests
{
    [Theory]
    [InlineData("KILL", 9)]
    [InlineData("SIGKILL", 9)]
    [InlineData("kill", 9)]
    [InlineData("sigkill", 9)]
    [InlineData("SigTerm", 15)]
    [InlineData("TERM", 15)]
    [InlineData("HUP", 1)]
    [InlineData("INT", 2)]
    [InlineData("QUIT", 3)]
    [InlineData("ABRT", 6)]
    [InlineData("IOT", 6)]
    [InlineData("BUS", 7)]
    [InlineData("USR1", 10)]
    [InlineData("SEGV", 11)]
    [InlineData("USR2", 12)]
    [InlineData("PIPE", 13)]
    [InlineData("ALRM", 14)]
    [InlineData("STKFLT", 16)]
    [InlineData("CHLD", 17)]
    [InlineData("CLD", 17)]
    [InlineData("CONT", 18)]
    [InlineData("STOP", 19)]
    [InlineData("TSTP", 20)]
    [InlineData("WINCH", 28)]
    [InlineData("IO", 29)]
    [InlineData("POLL", 29)]
    [InlineData("PWR", 30)]
    [InlineData("SYS", 31)]
    public void Names_with_or_without_SIG_in_any_case(string name, int number)
    {
        Signals.Parse(name).Should().Be(number);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("9", 9)]
    [InlineData("15", 15)]
    [InlineData("34", 34)]
    [InlineData("64", 64)]
    public void Numbers_in_range(string text, int number)
    {
        Signals.Parse(text).Should().Be(number);
    }

    [Theory]
    [InlineData("RTMIN", 34)]
    [InlineData("SIGRTMIN", 34)]
    [InlineData("rtmin", 34)]
    [InlineData("RTMIN+1", 35)]
    [InlineData("SIGRTMIN+15", 49)]
    [InlineData("RTMAX", 64)]
    [InlineData("SIGRTMAX", 64)]
    [InlineData("RTMAX-1", 63)]
    [InlineData("sigrtmax-14", 50)]
    [InlineData("RTMIN+30", 64)]
    [InlineData("RTMAX-30", 34)]
    public void Realtime_signals(string text, int number)
    {
        Signals.Parse(text).Should().Be(number);
    }

    [Theory]
    [InlineData("")]
    [InlineData("SIG")]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("-9")]
    [InlineData("FOO")]
    [InlineData("SIGFOO")]
    [InlineData("SIGSIGKILL")]
    [InlineData("KILL9")]
    [InlineData("RTMIN+x")]
    [InlineData("RTMAX+1")]
    [InlineData("RTMIN-1")]
    [InlineData("RTMIN+31")]
    [InlineData("RTMAX-31")]
    public void Unknown_signals_are_errors(string text)
    {
        var act = () => Signals.Parse(text);

        act.Should().Throw<RuntimeException>().WithMessage($"unknown signal \"{text}\"");
    }

    [Fact]
    public void Named_constants_match_the_table()
    {
        Signals.Parse("KILL").Should().Be(Signals.SIGKILL);
        Signals.Parse("TERM").Should().Be(Signals.SIGTERM);
    }
}

public class ContainerIdTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("ABC-def_012")]
    [InlineData("a.b")]
    [InlineData("a+b")]
    [InlineData("...")]
    [InlineData(".hidden")]
    [InlineData("-")]
    [InlineData("0")]
    [InlineData("4f6a1c2b9e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b")]
    public void Valid_ids(string id)
    {
        ContainerId.IsValid(id).Should().BeTrue();
        ContainerId.Validate(id).Should().Be(id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("/abs")]
    [InlineData("../x")]
    [InlineData("a b")]
    [InlineData("a:b")]
    [InlineData("a\nb")]
    [InlineData("a\0b")]
    [InlineData("café")]
    [InlineData("١٢٣")] // non-ASCII digits
    [InlineData("a*")]
    public void Invalid_ids(string? id)
    {
        ContainerId.IsValid(id).Should().BeFalse();
        var act = () => ContainerId.Validate(id);
        act.Should().Throw<RuntimeException>().WithMessage($"invalid container id format: {id}");
    }
}

public class TimestampsTests
{
    private static readonly DateTime Base = new(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Fact]
    public void Whole_seconds_have_no_fraction()
    {
        Timestamps.Rfc3339Nano(Base).Should().Be("2024-01-02T03:04:05Z");
    }

    [Theory]
    [InlineData(1_234_567, "2024-01-02T03:04:05.1234567Z")]
    [InlineData(1_234_500, "2024-01-02T03:04:05.12345Z")]
    [InlineData(5_000_000, "2024-01-02T03:04:05.5Z")]
    [InlineData(1, "2024-01-02T03:04:05.0000001Z")]
    [InlineData(100, "2024-01-02T03:04:05.00001Z")]
    public void Trailing_zeros_of_the_fraction_are_trimmed(long ticks, string expected)
    {
        Timestamps.Rfc3339Nano(Base.AddTicks(ticks)).Should().Be(expected);
    }

    [Fact]
    public void Zero_seconds_keep_their_digits()
    {
        Timestamps.Rfc3339Nano(new DateTime(2030, 12, 31, 23, 50, 0, DateTimeKind.Utc)).Should().Be("2030-12-31T23:50:00Z");
    }

    [Fact]
    public void Output_round_trips_through_the_parser()
    {
        var t = Base.AddTicks(9_876_543);
        var text = Timestamps.Rfc3339Nano(t);

        DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.Should().Be(t);
    }
}
