namespace Runc.Sharp.Runtime.SdNotify;

/// <summary>
/// NOTIFY_SOCKET, the address of the sd_notify socket runcs was started with (usually by
/// systemd). Taken out of runcs's own environment when read, so nothing runcs starts (hooks,
/// which get the runtime's environment) can notify the host in the container's place.
/// </summary>
public static class NotifySocketVariable
{
    public const string Name = "NOTIFY_SOCKET";

    /// <summary>The host's socket address, or null when the variable is unset or empty.</summary>
    public static string? Take()
    {
        var value = Environment.GetEnvironmentVariable(Name);
        Environment.SetEnvironmentVariable(Name, null);
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
