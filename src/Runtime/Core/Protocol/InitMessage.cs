namespace Runc.Sharp.Runtime.Protocol;

/// <summary>
/// What init and the runtime say to each other after the shim:
///   init → runtime: runHooks (prestart, createRuntime), seccompListener (Fd: init's fd number
///                   of the notify listener, which the runtime copies with pidfd_getfd), ready, error
///   runtime → init: config (first), hooksDone, seccompDone, error
/// </summary>
public sealed class InitMessage
{
    public const string Ready = "ready", Error = "error", RunHooks = "runHooks", HooksDone = "hooksDone",
        SeccompListener = "seccompListener", SeccompDone = "seccompDone";

    public string Type { get; set; } = "";
    public string? Message { get; set; }
    public int? Fd { get; set; }

    public static InitMessage Of(string type, string? message = null) => new() { Type = type, Message = message };
}
