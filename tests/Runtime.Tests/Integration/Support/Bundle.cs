using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Runc.Sharp.Runtime.Tests.Integration.Support;

/// <summary>
/// An OCI bundle for a test: rootfs/ with a static busybox, its applet links and /etc/passwd,
/// and config.json as `runcs spec` writes it, edited with JsonNode (terminal off, args, env,
/// hooks, mounts...). Every edit is saved at once.
/// </summary>
public sealed class Bundle
{
    private static readonly Lazy<string[]> Applets = new(ListApplets);
    private static readonly Lazy<string> SpecTemplate = new(GenerateSpec);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string Dir { get; }
    public string Rootfs => Path.Combine(Dir, "rootfs");
    public string ConfigPath => Path.Combine(Dir, "config.json");
    public JsonObject Config { get; private set; }

    private Bundle(string dir, JsonObject config)
    {
        Dir = dir;
        Config = config;
    }

    /// <summary>A new bundle in dir (which must not exist yet) running args (default: sh).</summary>
    public static Bundle Create(string dir, params string[] args)
    {
        if (Directory.Exists(dir))
            throw new InvalidOperationException($"bundle directory {dir} already exists");
        var rootfs = Path.Combine(dir, "rootfs");
        foreach (var sub in new[] { "bin", "etc", "tmp", "root", "proc", "dev", "sys" })
            Directory.CreateDirectory(Path.Combine(rootfs, sub));
        File.Copy(IntegrationRequirements.Busybox, Path.Combine(rootfs, "bin", "busybox"));
        foreach (var applet in Applets.Value)
        {
            var link = Path.Combine(rootfs, "bin", applet);
            if (!File.Exists(link))
                File.CreateSymbolicLink(link, "busybox");
        }
        File.WriteAllText(Path.Combine(rootfs, "etc", "passwd"),
            "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
        File.WriteAllText(Path.Combine(rootfs, "etc", "group"), "root:x:0:\nnobody:x:65534:\n");

        var config = JsonNode.Parse(SpecTemplate.Value)!.AsObject();
        var bundle = new Bundle(dir, config);
        bundle.Process["terminal"] = false;
        bundle.Process["args"] = Strings(args.Length == 0 ? ["sh"] : args);
        bundle.Save();
        return bundle;
    }

    public JsonObject Process => Config["process"]!.AsObject();
    public JsonObject Linux => Config["linux"]!.AsObject();

    public void Save() => File.WriteAllText(ConfigPath, Config.ToJsonString(Indented));

    public Bundle Edit(Action<JsonObject> edit)
    {
        edit(Config);
        Save();
        return this;
    }

    public Bundle WithArgs(params string[] args) => Edit(_ => Process["args"] = Strings(args));

    public Bundle WithEnv(params string[] env) => Edit(_ =>
    {
        var list = Process["env"] as JsonArray ?? [];
        foreach (var e in env)
            list.Add(e);
        Process["env"] = list.DeepClone();
    });

    public Bundle WithHostname(string hostname) => Edit(c => c["hostname"] = hostname);

    public Bundle WithReadonlyRoot(bool readOnly) => Edit(c => c["root"]!["readonly"] = readOnly);

    public Bundle WithMount(string destination, string type, string source, params string[] options) => Edit(c =>
    {
        var mounts = c["mounts"] as JsonArray ?? [];
        var m = new JsonObject { ["destination"] = destination, ["type"] = type, ["source"] = source };
        if (options.Length > 0)
            m["options"] = Strings(options);
        mounts.Add(m);
        c["mounts"] = mounts.DeepClone();
    });

    public Bundle WithHook(string phase, string path, params string[] args) => Edit(c =>
    {
        var hooks = c["hooks"] as JsonObject ?? new JsonObject();
        var list = hooks[phase] as JsonArray ?? [];
        var hook = new JsonObject { ["path"] = path };
        if (args.Length > 0)
            hook["args"] = Strings(args);
        list.Add(hook);
        hooks[phase] = list.DeepClone();
        c["hooks"] = hooks.DeepClone();
    });

    /// <summary>Writes a file inside the rootfs (path is container-absolute).</summary>
    public string WriteRootfsFile(string path, string content, UnixFileMode? mode = null)
    {
        var host = Path.Combine(Rootfs, path.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(host)!);
        File.WriteAllText(host, content);
        if (mode is { } m)
            File.SetUnixFileMode(host, m);
        return host;
    }

    /// <summary>The bounding set of process.capabilities as config.json has it.</summary>
    public List<string> BoundingCapabilities() =>
        (Process["capabilities"]?["bounding"] as JsonArray ?? []).Select(n => n!.GetValue<string>()).ToList();

    public static JsonArray Strings(IEnumerable<string> items) => new(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());

    private static string[] ListApplets()
    {
        var psi = new ProcessStartInfo(IntegrationRequirements.Busybox, "--list") { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = System.Diagnostics.Process.Start(psi)!;
        var list = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        p.WaitForExit();
        return list;
    }

    /// <summary>What `runcs spec` writes, produced once per test run by the binary under test.</summary>
    private static string GenerateSpec()
    {
        var dir = Path.Combine(Path.GetTempPath(), "runcs-it-spec-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            var psi = new ProcessStartInfo(RuncsBinary.Require()) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            psi.ArgumentList.Add("spec");
            psi.ArgumentList.Add("--bundle");
            psi.ArgumentList.Add(dir);
            using var p = System.Diagnostics.Process.Start(psi)!;
            var err = p.StandardError.ReadToEnd();
            p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(20_000) || p.ExitCode != 0)
                throw new InvalidOperationException($"runcs spec failed: {err}");
            return File.ReadAllText(Path.Combine(dir, "config.json"), Encoding.UTF8);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
