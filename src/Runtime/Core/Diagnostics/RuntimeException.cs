namespace Runc.Sharp.Runtime.Diagnostics;

/// <summary>
/// Base of every error the runtime reports to its user: the message is the one line printed
/// or logged, so it must say what failed and on what.
/// </summary>
public class RuntimeException : Exception
{
    public RuntimeException(string message) : base(message) { }
    public RuntimeException(string message, Exception inner) : base(message, inner) { }
}
