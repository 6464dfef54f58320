using System.Text.Json.Nodes;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration.Support;

/// <summary>
/// An unprivileged user that runs runcs in a sandbox: uid and gid 47001 (no passwd entry
/// needed), switched to with setpriv. It gets what such a user needs: a copy of the binary it
/// may execute wherever the repository lives, the sandbox's state root and an
/// XDG_RUNTIME_DIR of its own, and bundles from `runcs spec --rootless` run as itself.
/// </summary>
public sealed class RootlessUser
{
    public const uint Id = 47001;
    private readonly RuncsSandbox _sandbox;
    private readonly Lazy<JsonObject> _rootlessSpec;

    private RootlessUser(RuncsSandbox sandbox)
    {
        _sandbox = sandbox;
        // Whatever the test runner's umask, the user must reach the sandbox (not write it).
        foreach (var dir in new[] { sandbox.Dir, sandbox.NewPath("bundles") })
            File.SetUnixFileMode(dir, File.GetUnixFileMode(dir) | ReadableByAll);
        var home = sandbox.NewPath("rootless");
        Directory.CreateDirectory(home);
        File.SetUnixFileMode(home, (UnixFileMode)0b111_101_101);
        Binary = Path.Combine(home, "runcs");
        File.Copy(sandbox.Binary, Binary);
        File.SetUnixFileMode(Binary, (UnixFileMode)0b111_101_101);
        XdgRuntimeDir = Path.Combine(home, "xdg");
        OwnedDir(XdgRuntimeDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        OwnedDir(sandbox.Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _rootlessSpec = new(GenerateSpec);
    }

    public uint Uid => Id;
    public uint Gid => Id;
    public string Binary { get; }
    public string XdgRuntimeDir { get; }

    public static RootlessUser In(RuncsSandbox sandbox) => new(sandbox);

    /// <summary>The program and arguments that run what follows as this user, without any capability.</summary>
    public IReadOnlyList<string> Launcher() => [SetprivPath!, $"--reuid={Uid}", $"--regid={Gid}", "--clear-groups"];

    /// <summary>runcs as this user, with its XDG_RUNTIME_DIR; the sandbox's --root unless noRoot.</summary>
    public RuncsResult Run(params string[] args) => Run(noRoot: false, args);

    public RuncsResult Run(bool noRoot, params string[] args) => _sandbox.Run(new RunOptions
    {
        AsUser = this,
        NoRoot = noRoot,
        Environment = new Dictionary<string, string?> { ["XDG_RUNTIME_DIR"] = XdgRuntimeDir, ["USER"] = null },
    }, args);

    /// <summary>A busybox bundle whose config.json is what `runcs spec --rootless` writes for this user, terminal off.</summary>
    public Bundle NewBundle(params string[] args)
    {
        var bundle = _sandbox.NewBundle(args);
        MakeReadable(bundle.Dir);
        var spec = _rootlessSpec.Value;
        return bundle.Edit(c =>
        {
            c.Clear();
            foreach (var (key, value) in spec)
                c[key] = value?.DeepClone();
        }).Edit(_ =>
        {
            bundle.Process["terminal"] = false;
            bundle.Process["args"] = Bundle.Strings(args.Length == 0 ? ["sh"] : args);
        });
    }

    private const UnixFileMode ReadableByAll = UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead |
        UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static void MakeReadable(string dir)
    {
        File.SetUnixFileMode(dir, File.GetUnixFileMode(dir) | ReadableByAll);
        foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            if (entry.LinkTarget is not null)
                continue;
            var add = entry is DirectoryInfo || (entry.UnixFileMode & UnixFileMode.UserExecute) != 0
                ? ReadableByAll
                : UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            entry.UnixFileMode |= add;
        }
    }

    private JsonObject GenerateSpec()
    {
        var dir = _sandbox.NewPath("rootless-spec");
        OwnedDir(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Run(noRoot: true, "spec", "--rootless", "--bundle", dir).ShouldSucceed();
        return JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "config.json")))!.AsObject();
    }

    private void OwnedDir(string path, UnixFileMode mode)
    {
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, mode);
        if (Native.lchown(path, Uid, Gid) != 0)
            throw new InvalidOperationException($"chown {path}: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
    }

    private static readonly string? SetprivPath = new[] { "/usr/bin/setpriv", "/bin/setpriv" }.FirstOrDefault(File.Exists);

    private static readonly Lazy<string?> Missing = new(() =>
    {
        if (IntegrationRequirements.SkipReason is { } reason)
            return reason;
        if (ReadSysctl("kernel/unprivileged_userns_clone") == "0")
            return "the kernel forbids unprivileged user namespaces (kernel.unprivileged_userns_clone = 0)";
        if (ReadSysctl("user/max_user_namespaces") == "0")
            return "the kernel forbids user namespaces (user.max_user_namespaces = 0)";
        if (ReadSysctl("kernel/apparmor_restrict_unprivileged_userns") == "1")
            return "AppArmor forbids unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns = 1)";
        if (SetprivPath is null)
            return "setpriv (util-linux) is missing: cannot switch to an unprivileged user";
        return null;
    });

    /// <summary>Why runcs cannot be run rootless here, or null.</summary>
    public static string? SkipReason => Missing.Value;

    private static string? ReadSysctl(string name)
    {
        try
        {
            return File.ReadAllText("/proc/sys/" + name).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>A root theory that runs runcs as an unprivileged user; skipped with the reason where the kernel forbids that.</summary>
public sealed class RootlessTheoryAttribute : TheoryAttribute
{
    public RootlessTheoryAttribute()
    {
        if (RootlessUser.SkipReason is { } reason)
            Skip = reason;
    }
}

/// <summary>A root fact that runs runcs as an unprivileged user; skipped with the reason where the kernel forbids that.</summary>
public sealed class RootlessFactAttribute : FactAttribute
{
    public RootlessFactAttribute()
    {
        if (RootlessUser.SkipReason is { } reason)
            Skip = reason;
    }
}
