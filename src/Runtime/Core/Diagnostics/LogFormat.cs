namespace Runc.Sharp.Runtime.Diagnostics;

public enum LogFormat
{
    Text,
    Json,
}
