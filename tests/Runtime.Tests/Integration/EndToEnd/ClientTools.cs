using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration.EndToEnd;

/// <summary>Where the client programs (containerd, ctr, podman, dockerd, docker, umoci, script) are.</summary>
public static class ClientTools
{
    private static readonly string[] SearchPath =
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]).Distinct().ToArray();

    /// <summary>
    /// The absolute path of an executable, or null. The docker CLI is taken from the same package
    /// as dockerd when there is one (a newer CLI elsewhere on $PATH works too, through API
    /// negotiation, but the pair is what people run).
    /// </summary>
    public static string? Find(string name)
    {
        if (name == "docker" && IsExecutable("/usr/bin/docker") && IsExecutable("/usr/sbin/dockerd"))
            return "/usr/bin/docker";
        return SearchPath.Select(dir => Path.Combine(dir, name)).FirstOrDefault(IsExecutable);
    }

    public static string Require(string name) =>
        Find(name) ?? throw new InvalidOperationException($"{name} is not installed");

    /// <summary>The programs a client's tests run (tar and script build images and give a terminal).</summary>
    public static string[] Needs(Client client) => client switch
    {
        Client.Containerd => ["containerd", "ctr", "umoci", "tar", "script"],
        Client.Podman => ["podman", "conmon", "tar", "script"],
        Client.Docker => ["dockerd", "docker", "containerd", "ctr", "tar", "script"],
        _ => throw new ArgumentOutOfRangeException(nameof(client)),
    };

    /// <summary>Why a client's end-to-end tests cannot run here, or null when they can.</summary>
    public static string? SkipReason(Client client) => SkipReason(Needs(client));

    /// <summary>Why an end-to-end test with these tools cannot run here, or null when it can.</summary>
    public static string? SkipReason(IEnumerable<string> tools)
    {
        if (IntegrationRequirements.SkipReason is { } reason)
            return reason;
        var missing = tools.Where(t => Find(t) is null).ToList();
        return missing.Count == 0 ? null : $"{string.Join(", ", missing)} not installed (.ci/run installs them from apt)";
    }

    private static bool IsExecutable(string path)
    {
        var info = new FileInfo(path);
        return info.Exists && (info.UnixFileMode & UnixFileMode.UserExecute) != 0;
    }
}

/// <summary>The clients that drive runcs end to end.</summary>
public enum Client
{
    Containerd,
    Podman,
    Docker,
}

/// <summary>A root integration fact that also needs a client's programs; skipped, with the reason, without them.</summary>
public sealed class ClientFactAttribute : FactAttribute
{
    public ClientFactAttribute(Client client)
    {
        if (ClientTools.SkipReason(client) is { } reason)
            Skip = reason;
    }
}
