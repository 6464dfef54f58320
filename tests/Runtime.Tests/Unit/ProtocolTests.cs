using System.Buffers.Binary;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using FluentAssertions;
using Runc.Sharp.Runtime.Protocol;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Unit;

public class BootstrapMessageTests
{
    private static uint U32(byte[] b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));
    private static ushort U16(byte[] b, int at) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at));

    [Fact]
    public void Empty_message_is_the_header_alone()
    {
        var b = new BootstrapMessage().ToArray();

        b.Should().Equal(0x43, 0x4e, 0x55, 0x52, 8, 0, 0, 0);
        U32(b, 0).Should().Be(ShimProtocol.BootstrapMagic);
    }

    [Fact]
    public void U32_attribute_layout()
    {
        var b = new BootstrapMessage().U32(ShimProtocol.AttrCloneFlags, 0x7E020080).ToArray();

        b.Should().HaveCount(8 + 8 + 4);
        U32(b, 4).Should().Be(20);
        U16(b, 8).Should().Be(ShimProtocol.AttrCloneFlags);
        U16(b, 10).Should().Be(0, "the reserved field is zero");
        U32(b, 12).Should().Be(4);
        U32(b, 16).Should().Be(0x7E020080);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("a", 3)]
    [InlineData("ab", 2)]
    [InlineData("abc", 1)]
    [InlineData("abcd", 0)]
    [InlineData("0 1000 1\n", 3)]
    public void Text_attribute_is_padded_with_zeros_to_four_bytes(string text, int pad)
    {
        var b = new BootstrapMessage().Text(ShimProtocol.AttrUidMap, text).ToArray();

        b.Should().HaveCount(16 + text.Length + pad);
        U32(b, 4).Should().Be((uint)b.Length);
        U16(b, 8).Should().Be(ShimProtocol.AttrUidMap);
        U32(b, 12).Should().Be((uint)text.Length, "the length field counts the payload, not the padding");
        Encoding.UTF8.GetString(b, 16, text.Length).Should().Be(text);
        b.Skip(16 + text.Length).Should().Equal(new byte[pad]);
    }

    [Fact]
    public void Text_is_utf8()
    {
        var b = new BootstrapMessage().Text(ShimProtocol.AttrTimeOffsets, "é").ToArray();

        U32(b, 12).Should().Be(2);
        b.Skip(16).Take(2).Should().Equal(0xc3, 0xa9);
    }

    [Fact]
    public void Namespace_path_is_flag_then_path_without_nul()
    {
        const string path = "/proc/1/ns/net";
        var b = new BootstrapMessage().NamespacePath(0x40000000, path).ToArray();

        U16(b, 8).Should().Be(ShimProtocol.AttrNsPath);
        U32(b, 12).Should().Be((uint)(4 + path.Length));
        U32(b, 16).Should().Be(0x40000000);
        Encoding.ASCII.GetString(b, 20, path.Length).Should().Be(path);
        b.Should().HaveCount(8 + 8 + 20, "18 payload bytes padded to 20");
        b[^2..].Should().Equal(0, 0);
    }

    [Fact]
    public void Attributes_follow_each_other_in_call_order()
    {
        var b = new BootstrapMessage()
            .U32(ShimProtocol.AttrMode, ShimProtocol.ModeExec)
            .Text(ShimProtocol.AttrOomScoreAdj, "-500")
            .NamespacePath(0x20000, "/x")
            .U32(ShimProtocol.AttrSetgroupsDeny, 1)
            .ToArray();

        var seen = new List<(ushort Type, uint Len)>();
        var off = 8;
        while (off < b.Length)
        {
            var len = U32(b, off + 4);
            seen.Add((U16(b, off), len));
            off += 8 + (int)((len + 3) & ~3u);
        }
        off.Should().Be(b.Length);
        U32(b, 4).Should().Be((uint)b.Length);
        seen.Should().Equal(
            (ShimProtocol.AttrMode, 4u), (ShimProtocol.AttrOomScoreAdj, 4u), (ShimProtocol.AttrNsPath, 6u),
            (ShimProtocol.AttrSetgroupsDeny, 4u));
        b.Length.Should().Be(8 + 12 + 12 + 16 + 12);
    }

    /// <summary>The same bytes are parsed by golden_message_from_the_runtime in tests/NativeShim/test_bootstrap.c.</summary>
    [Fact]
    public void Golden_message_matches_the_c_test_vector()
    {
        var b = new BootstrapMessage()
            .U32(ShimProtocol.AttrCloneFlags, 0x20020000)
            .NamespacePath(0x40000000, "/proc/1/ns/net")
            .Text(ShimProtocol.AttrUidMap, "0 1000 1\n")
            .U32(ShimProtocol.AttrMode, ShimProtocol.ModeExec)
            .ToArray();

        byte[] golden =
        [
            0x43, 0x4e, 0x55, 0x52, 0x50, 0x00, 0x00, 0x00,
            0x01, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x20,
            0x02, 0x00, 0x00, 0x00, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40,
            .. "/proc/1/ns/net"u8, 0x00, 0x00,
            0x03, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00,
            .. "0 1000 1\n"u8, 0x00, 0x00, 0x00,
            0x08, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
        ];
        b.Should().Equal(golden);
    }

    [Fact]
    public void Message_over_the_maximum_is_refused()
    {
        var big = new string('x', ShimProtocol.BootstrapMax);

        var act = () => new BootstrapMessage().Text(ShimProtocol.AttrUidMap, big).ToArray();

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Message_of_exactly_the_maximum_is_allowed()
    {
        var text = new string('x', ShimProtocol.BootstrapMax - 16);

        new BootstrapMessage().Text(ShimProtocol.AttrUidMap, text).ToArray().Should().HaveCount(ShimProtocol.BootstrapMax);
    }
}

/// <summary>ShimProtocol.cs mirrors src/NativeShim/protocol.h; this keeps the two in step.</summary>
public class ShimProtocolHeaderTests
{
    private static readonly Regex Define = new(@"^\s*#\s*define\s+(RUNCS_\w+)(?:\s+(.*?))?\s*(?:/\*.*)?$", RegexOptions.Compiled);

    private static Dictionary<string, string> HeaderDefines()
    {
        var path = Path.Combine(RepoRoot.Find(), "src", "NativeShim", "protocol.h");
        var result = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(path))
        {
            var m = Define.Match(line);
            if (m.Success && m.Groups[2].Value.Length > 0)
                result.Add(m.Groups[1].Value, m.Groups[2].Value);
        }
        return result;
    }

    private static Dictionary<string, object> CSharpConstants() =>
        typeof(ShimProtocol).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => f.GetRawConstantValue()!);

    /// <summary>RUNCS_ATTR_CLONE_FLAGS → ATTRCLONEFLAGS, which matches AttrCloneFlags upper-cased.</summary>
    private static string Key(string cName) => cName["RUNCS_".Length..].Replace("_", "");

    private static object ParseValue(string text)
    {
        if (text.StartsWith('"'))
            return Regex.Unescape(text.Trim('"'));
        var m = Regex.Match(text, @"^(-?)(0x[0-9a-fA-F]+|[0-9]+)[uUlL]*$");
        m.Success.Should().BeTrue($"'{text}' should be a string or integer literal");
        var digits = m.Groups[2].Value;
        var value = digits.StartsWith("0x")
            ? long.Parse(digits[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : long.Parse(digits, CultureInfo.InvariantCulture);
        return m.Groups[1].Value == "-" ? -value : value;
    }

    [Fact]
    public void Header_is_found_and_has_constants()
    {
        var defines = HeaderDefines();

        defines.Should().ContainKeys("RUNCS_BOOTSTRAP_MAGIC", "RUNCS_ATTR_CLONE_FLAGS", "RUNCS_SYNC_CHILD_PID", "RUNCS_STAGE_NONE", "RUNCS_ENV_INITPIPE");
        defines.Should().NotContainKey("RUNCS_PROTOCOL_H", "the include guard has no value");
        defines.Count.Should().BeGreaterThan(15);
    }

    [Fact]
    public void Every_header_constant_has_an_equal_csharp_constant()
    {
        var cs = CSharpConstants().ToDictionary(kv => kv.Key.ToUpperInvariant(), kv => (kv.Key, kv.Value));
        var mismatches = new List<string>();

        foreach (var (name, text) in HeaderDefines())
        {
            if (!cs.TryGetValue(Key(name), out var c))
            {
                mismatches.Add($"{name} has no C# constant");
                continue;
            }
            var expected = ParseValue(text);
            var actual = c.Value is string s ? (object)s : Convert.ToInt64(c.Value, CultureInfo.InvariantCulture);
            if (!Equals(expected, actual))
                mismatches.Add($"{name} = {expected} but ShimProtocol.{c.Key} = {actual}");
        }

        mismatches.Should().BeEmpty();
    }

    [Fact]
    public void Every_csharp_constant_is_in_the_header()
    {
        var header = HeaderDefines().Keys.Select(Key).ToHashSet();

        CSharpConstants().Keys.Where(k => !header.Contains(k.ToUpperInvariant()))
            .Should().BeEmpty("every ShimProtocol constant must mirror a #define in protocol.h");
    }

    [Theory]
    [InlineData("RUNCS_ATTR_CLONE_FLAGS", nameof(ShimProtocol.AttrCloneFlags))]
    [InlineData("RUNCS_SYNC_CHILD_PID", nameof(ShimProtocol.SyncChildPid))]
    [InlineData("RUNCS_STAGE_NONE", nameof(ShimProtocol.StageNone))]
    [InlineData("RUNCS_ENV_INITPIPE", nameof(ShimProtocol.EnvInitPipe))]
    [InlineData("RUNCS_BOOTSTRAP_MAGIC", nameof(ShimProtocol.BootstrapMagic))]
    [InlineData("RUNCS_SYNC_MSG_MAX", nameof(ShimProtocol.SyncMsgMax))]
    public void Name_mapping(string cName, string csName)
    {
        Key(cName).Should().Be(csName.ToUpperInvariant());
        HeaderDefines().Should().ContainKey(cName);
    }

    [Fact]
    public void Spot_check_values()
    {
        var d = HeaderDefines();

        ParseValue(d["RUNCS_BOOTSTRAP_MAGIC"]).Should().Be(0x52554e43L);
        ParseValue(d["RUNCS_STAGE_NONE"]).Should().Be(-1L);
        ParseValue(d["RUNCS_ENV_INITPIPE"]).Should().Be("_RUNCS_INITPIPE");
        Encoding.ASCII.GetString(Enumerable.Reverse(BitConverter.GetBytes(ShimProtocol.BootstrapMagic)).ToArray()).Should().Be("RUNC");
    }
}

/// <summary>ShimReport.Read decodes what report.c's runcs_report writes: u32 type, s32 value, u32 len, text.</summary>
public class ShimReportTests
{
    private static byte[] Encode(uint type, int value, string text, uint? len = null)
    {
        var t = Encoding.UTF8.GetBytes(text);
        var b = new byte[12 + t.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(b, type);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(4), value);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), len ?? (uint)t.Length);
        t.CopyTo(b, 12);
        return b;
    }

    /// <summary>Feeds the bytes through a pipe, closes the write end, and reads reports until the end.</summary>
    private static List<ShimReport?> ReadAll(byte[] bytes, int count)
    {
        using var server = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.In);
        using (var client = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.Out, server.ClientSafePipeHandle))
            client.Write(bytes);
        server.DisposeLocalCopyOfClientHandle();
        var fd = (int)server.SafePipeHandle.DangerousGetHandle();
        var result = new List<ShimReport?>();
        for (var i = 0; i < count; i++)
            result.Add(ShimReport.Read(fd));
        return result;
    }

    [Fact]
    public void Reads_consecutive_reports_then_null_at_the_end()
    {
        var bytes = Encode(ShimProtocol.SyncChildPid, 4242, "").Concat(Encode(ShimProtocol.SyncError, 13, "open /proc/1/ns/net")).ToArray();

        var reports = ReadAll(bytes, 3);

        reports[0].Should().Be(new ShimReport(ShimProtocol.SyncChildPid, 4242, ""));
        reports[1].Should().Be(new ShimReport(ShimProtocol.SyncError, 13, "open /proc/1/ns/net"));
        reports[2].Should().BeNull();
    }

    [Fact]
    public void Negative_values_and_the_longest_text_survive()
    {
        var text = new string('e', ShimProtocol.SyncMsgMax);

        ReadAll(Encode(ShimProtocol.SyncError, -1, text), 1)[0].Should().Be(new ShimReport(ShimProtocol.SyncError, -1, text));
    }

    [Fact]
    public void Length_over_the_maximum_is_an_error()
    {
        var act = () => ReadAll(Encode(ShimProtocol.SyncError, 1, "", (uint)ShimProtocol.SyncMsgMax + 1), 1);

        act.Should().Throw<Runc.Sharp.Runtime.Sys.SyscallException>().Which.Errno.Should().Be(22);
    }

    [Fact]
    public void Header_cut_short_is_an_error()
    {
        var act = () => ReadAll(Encode(ShimProtocol.SyncChildPid, 1, "")[..6], 1);

        act.Should().Throw<Runc.Sharp.Runtime.Sys.SyscallException>().WithMessage("read (short message): *");
    }

    [Fact]
    public void Text_cut_short_is_an_error()
    {
        var act = () => ReadAll(Encode(ShimProtocol.SyncError, 2, "", len: 5), 1);

        act.Should().Throw<Runc.Sharp.Runtime.Sys.SyscallException>().WithMessage("read (short message): *");
    }

    [Fact]
    public void Text_cut_in_the_middle_is_an_error()
    {
        var act = () => ReadAll(Encode(ShimProtocol.SyncError, 2, "abc", len: 5), 1);

        act.Should().Throw<Runc.Sharp.Runtime.Sys.SyscallException>().WithMessage("read (short message): *");
    }
}
