using Runc.Sharp.Runtime.Tests.Integration.Support;

namespace Runc.Sharp.Runtime.Tests.Integration.EndToEnd;

/// <summary>
/// The runtime binary handed to containerd, podman and Docker: bin/runcs itself or, as a
/// debugging aid when RUNCS_E2E_ARGV_LOG names a file, a wrapper script in the world that
/// appends each call's working directory and argv to that file, then execs bin/runcs
/// (`RUNCS_E2E_ARGV_LOG=/tmp/argv.log dotnet test --filter FullyQualifiedName~EndToEnd` shows
/// exactly what each client passes).
/// </summary>
public static class ClientRuntime
{
    public const string ArgvLogVariable = "RUNCS_E2E_ARGV_LOG";

    public static string For(E2eWorld world)
    {
        var runcs = RuncsBinary.Require();
        var log = Environment.GetEnvironmentVariable(ArgvLogVariable);
        if (string.IsNullOrEmpty(log))
            return runcs;
        var wrapper = world.Path("runcs-argv-logger");
        File.WriteAllText(wrapper, $$"""
            #!/bin/sh
            {
              printf '%s cwd=%s:' "$(date +%T.%N)" "$PWD"
              for a in "$@"; do printf ' [%s]' "$a"; done
              echo
            } >> '{{log.Replace("'", "'\\''")}}'
            exec '{{runcs.Replace("'", "'\\''")}}' "$@"

            """);
        File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);
        return wrapper;
    }
}
