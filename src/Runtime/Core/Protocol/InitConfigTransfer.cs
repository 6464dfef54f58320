using Runc.Sharp.Runtime.Sys;
using Runc.Sharp.Spec.Serialization;

namespace Runc.Sharp.Runtime.Protocol;

/// <summary>
/// Sends an <see cref="InitConfig"/> as three frames: its own small fields, then the config and the
/// process as spec documents written with the same serialiser that read config.json. Each
/// System.Text.Json context builds its metadata for the whole config type graph on first use,
/// which costs milliseconds in a fresh process; this way the runtime builds it once, not twice,
/// and init only for the spec context.
/// </summary>
public static class InitConfigTransfer
{
    public static void Send(MessageChannel channel, InitConfig config)
    {
        channel.Send(config, ProtocolJsonContext.Default.InitConfig);
        channel.SendBytes(SpecJson.WriteConfig(config.Config, SpecJson.ConfigIndent));
        channel.SendBytes(SpecJson.WriteProcess(config.Process, SpecJson.ConfigIndent));
    }

    /// <summary>The config, or null when the runtime went away before sending it.</summary>
    public static InitConfig? Receive(MessageChannel channel)
    {
        var config = channel.Receive(ProtocolJsonContext.Default.InitConfig);
        if (config is null)
            return null;
        config.Config = SpecJson.ReadConfig(channel.ReceiveBytes() ?? throw Truncated());
        config.Process = SpecJson.ReadProcess(channel.ReceiveBytes() ?? throw Truncated());
        return config;
    }

    private static SyscallException Truncated() => new("read init config", Errno.EPIPE);
}
