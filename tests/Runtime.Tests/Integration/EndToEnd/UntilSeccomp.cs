namespace Runc.Sharp.Runtime.Tests.Integration.EndToEnd;

/// <summary>
/// runcs refuses a config with linux.seccomp until it implements seccomp, and podman and Docker
/// put their default profile in every config. Until then their tests run containers with these
/// options, one per client, passed nowhere else: delete them when runcs applies seccomp filters.
/// (ctr adds no seccomp profile unless asked with --seccomp.)
/// </summary>
public static class UntilSeccomp
{
    public static readonly string[] Podman = ["--security-opt", "seccomp=unconfined"];

    public static readonly string[] Docker = ["--security-opt", "seccomp=unconfined"];
}
