using System.Text.Json;
using Runc.Sharp.Runtime.Security.Seccomp;
using Runc.Sharp.Spec.Serialization;

namespace Runc.Sharp.Runtime.Protocol;

/// <summary>
/// The JSON of the init protocol's own messages (the init config's header and
/// <see cref="InitMessage"/>), written and read by hand: init is a fresh process on every run,
/// and System.Text.Json's serializer costs it milliseconds of metadata before the first message.
/// </summary>
public static class InitWire
{
    public static byte[] Header(InitConfig c) => Write(w =>
    {
        w.WriteBoolean("isExec", c.IsExec);
        w.WriteString("containerId", c.ContainerId);
        w.WriteString("bundle", c.Bundle);
        w.WriteString("rootfs", c.Rootfs);
        w.WriteBoolean("noPivot", c.NoPivot);
        w.WriteBoolean("noNewKeyring", c.NoNewKeyring);
        w.WriteNumber("execFifoFd", c.ExecFifoFd);
        w.WriteNumber("consoleSocketFd", c.ConsoleSocketFd);
        w.WriteNumber("pidfdSocketFd", c.PidfdSocketFd);
        w.WriteNumber("preservedFds", c.PreservedFds);
        w.WriteStartArray("extraEnv");
        foreach (var e in c.ExtraEnv)
            w.WriteStringValue(e);
        w.WriteEndArray();
        w.WriteBoolean("inUserNamespace", c.InUserNamespace);
        w.WriteBoolean("newCgroupNamespace", c.NewCgroupNamespace);
        w.WriteNumber("idMappedSources", c.IdMappedSources);
        w.WriteNumber("notifyDirFd", c.NotifyDirFd);
        if (c.Seccomp is { } s)
        {
            w.WriteStartObject("seccomp");
            w.WriteBase64String("filter", s.Filter);
            w.WriteNumber("flags", s.Flags);
            if (s.ListenerPath is not null)
                w.WriteString("listenerPath", s.ListenerPath);
            if (s.ListenerMetadata is not null)
                w.WriteString("listenerMetadata", s.ListenerMetadata);
            w.WriteEndObject();
        }
    });

    /// <summary>The header's fields; Config and Process come in their own frames.</summary>
    public static InitConfig ReadHeader(byte[] json) => Read(json, h => new InitConfig
    {
        IsExec = h.Bool("isExec") ?? false,
        ContainerId = h.String("containerId") ?? "",
        Bundle = h.String("bundle") ?? "",
        Rootfs = h.String("rootfs") ?? "",
        NoPivot = h.Bool("noPivot") ?? false,
        NoNewKeyring = h.Bool("noNewKeyring") ?? false,
        ExecFifoFd = h.Int32("execFifoFd") ?? -1,
        ConsoleSocketFd = h.Int32("consoleSocketFd") ?? -1,
        PidfdSocketFd = h.Int32("pidfdSocketFd") ?? -1,
        PreservedFds = h.Int32("preservedFds") ?? 0,
        ExtraEnv = h.Strings("extraEnv") ?? [],
        InUserNamespace = h.Bool("inUserNamespace") ?? false,
        NewCgroupNamespace = h.Bool("newCgroupNamespace") ?? false,
        IdMappedSources = h.Int32("idMappedSources") ?? 0,
        NotifyDirFd = h.Int32("notifyDirFd") ?? -1,
        Seccomp = h.Object("seccomp", s => new SeccompProgram
        {
            Filter = s.TryGetProperty("filter", out var f) ? f.GetBytesFromBase64() : [],
            Flags = s.UInt32("flags") ?? 0,
            ListenerPath = s.String("listenerPath"),
            ListenerMetadata = s.String("listenerMetadata"),
        }),
    });

    public static byte[] Message(InitMessage m) => Write(w =>
    {
        w.WriteString("type", m.Type);
        if (m.Message is not null)
            w.WriteString("message", m.Message);
        if (m.Fd is { } fd)
            w.WriteNumber("fd", fd);
    });

    public static InitMessage ReadMessage(byte[] json) => Read(json, m => new InitMessage
    {
        Type = m.String("type") ?? "",
        Message = m.String("message"),
        Fd = m.Int32("fd"),
    });

    private static byte[] Write(Action<Utf8JsonWriter> members)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            members(w);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static T Read<T>(byte[] json, Func<JsonElement, T> read)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            throw new JsonException("expected a JSON object");
        return read(doc.RootElement);
    }
}
