using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Serialization;

namespace Runc.Sharp.Runtime.Protocol;

/// <summary>
/// Sends an <see cref="InitConfig"/> as three frames: its own small fields, then the config (the
/// bundle's config.json as it was read) and the process as spec documents. Init reads them
/// without System.Text.Json's serializer (<see cref="InitWire"/>, <see cref="InitSpecReader"/>):
/// its metadata for the config's type graph would cost a fresh init process milliseconds.
/// </summary>
public static class InitConfigTransfer
{
    /// <summary>configDocument is the config as a spec document (the bundle's config.json as read); config.Config is not sent.</summary>
    public static void Send(MessageChannel channel, InitConfig config, ReadOnlySpan<byte> configDocument)
    {
        channel.SendBytes(InitWire.Header(config));
        channel.SendBytes(configDocument.ToArray());
        channel.SendBytes(SpecJson.WriteProcess(config.Process, SpecJson.ConfigIndent));
    }

    /// <summary>The config, or null when the runtime went away before sending it.</summary>
    public static InitConfig? Receive(MessageChannel channel)
    {
        if (channel.ReceiveBytes() is not { } header)
            return null;
        var config = InitWire.ReadHeader(header);
        config.Config = InitSpecReader.ReadConfig(channel.ReceiveBytes() ?? throw Truncated());
        config.Process = InitSpecReader.ReadProcess(channel.ReceiveBytes() ?? throw Truncated());
        return config;
    }

    private static SyscallException Truncated() => new("read init config", Errno.EPIPE);
}
