namespace Runc.Sharp.Runtime.Protocol;

/// <summary>
/// What init and the runtime say to each other after the shim:
///   init → runtime: runHooks (prestart, createRuntime), ready, error
///   runtime → init: config (first), hooksDone, error
/// </summary>
public sealed class InitMessage
{
    public const string Ready = "ready", Error = "error", RunHooks = "runHooks", HooksDone = "hooksDone";

    public string Type { get; set; } = "";
    public string? Message { get; set; }

    public static InitMessage Of(string type, string? message = null) => new() { Type = type, Message = message };
}
