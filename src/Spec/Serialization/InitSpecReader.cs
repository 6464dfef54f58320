using System.Text.Json;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Spec.Serialization;

/// <summary>
/// Reads, straight from the JSON document, what a container's init uses of a config (root,
/// hostname, domainname, mounts, hooks, annotations, and of linux: id mappings, sysctl,
/// namespaces, devices, rootfs propagation, masked and read-only paths, personality, cpuset
/// cpus) and a whole process, the config's own included (`exec` takes it as its template). Init runs in a fresh process on every `run`, where building
/// System.Text.Json's metadata for the config's type graph costs milliseconds; parsing into a
/// JsonDocument does not. Everything else of the config is left out. Throws JsonException on
/// malformed JSON or a value of the wrong JSON type, as <see cref="SpecJson"/> does.
/// </summary>
public static class InitSpecReader
{
    public static RuntimeConfig ReadConfig(ReadOnlySpan<byte> utf8Json)
    {
        using var doc = Parse(utf8Json);
        var c = doc.RootElement;
        return new RuntimeConfig
        {
            Root = c.Object("root", r => new Root { Path = r.String("path") ?? "", Readonly = r.Bool("readonly") }),
            Hostname = c.String("hostname"),
            Domainname = c.String("domainname"),
            Mounts = c.List("mounts", ReadMount),
            Hooks = c.Object("hooks", h => new Hooks
            {
                Prestart = h.List("prestart", ReadHook),
                CreateRuntime = h.List("createRuntime", ReadHook),
                CreateContainer = h.List("createContainer", ReadHook),
                StartContainer = h.List("startContainer", ReadHook),
                Poststart = h.List("poststart", ReadHook),
                Poststop = h.List("poststop", ReadHook),
            }),
            Annotations = c.StringMap("annotations"),
            Linux = c.Object("linux", ReadLinux),
            Process = c.Object("process", ReadProcess),
        };
    }

    public static Process ReadProcess(ReadOnlySpan<byte> utf8Json)
    {
        using var doc = Parse(utf8Json);
        return ReadProcess(doc.RootElement);
    }

    private static JsonDocument Parse(ReadOnlySpan<byte> utf8Json)
    {
        // config.json as read from the bundle may start with a UTF-8 byte order mark.
        if (utf8Json.StartsWith("\uFEFF"u8))
            utf8Json = utf8Json[3..];
        var reader = new Utf8JsonReader(utf8Json);
        var doc = JsonDocument.ParseValue(ref reader);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            throw new JsonException("expected a JSON object");
        }
        return doc;
    }

    private static LinuxConfig ReadLinux(JsonElement l) => new()
    {
        UidMappings = l.List("uidMappings", ReadIdMapping),
        GidMappings = l.List("gidMappings", ReadIdMapping),
        Sysctl = l.StringMap("sysctl"),
        Namespaces = l.List("namespaces", n => new LinuxNamespace { Type = n.String("type") ?? "", Path = n.String("path") }),
        Devices = l.List("devices", d => new LinuxDevice
        {
            Path = d.String("path") ?? "",
            Type = d.String("type") ?? "",
            Major = d.Int64("major"),
            Minor = d.Int64("minor"),
            FileMode = d.UInt32("fileMode"),
            Uid = d.UInt32("uid"),
            Gid = d.UInt32("gid"),
        }),
        RootfsPropagation = l.String("rootfsPropagation"),
        MaskedPaths = l.Strings("maskedPaths"),
        ReadonlyPaths = l.Strings("readonlyPaths"),
        MountLabel = l.String("mountLabel"),
        Personality = l.Object("personality", p => new LinuxPersonality { Domain = p.String("domain"), Flags = p.Strings("flags") }),
        Resources = l.Object("resources", r => new LinuxResources
        {
            Cpu = r.Object("cpu", cpu => new LinuxCpu { Cpus = cpu.String("cpus"), Mems = cpu.String("mems") }),
        }),
    };

    private static Mount ReadMount(JsonElement m) => new()
    {
        Destination = m.String("destination") ?? "",
        Type = m.String("type"),
        Source = m.String("source"),
        Options = m.Strings("options"),
        UidMappings = m.List("uidMappings", ReadIdMapping),
        GidMappings = m.List("gidMappings", ReadIdMapping),
    };

    private static IdMapping ReadIdMapping(JsonElement m) => new()
    {
        ContainerId = m.UInt32("containerID") ?? 0,
        HostId = m.UInt32("hostID") ?? 0,
        Size = m.UInt32("size") ?? 0,
    };

    private static Hook ReadHook(JsonElement h) => new()
    {
        Path = h.String("path") ?? "",
        Args = h.Strings("args"),
        Env = h.Strings("env"),
        Timeout = h.Int32("timeout"),
    };

    private static Process ReadProcess(JsonElement p) => new()
    {
        Terminal = p.Bool("terminal"),
        ConsoleSize = p.Object("consoleSize", s => new ConsoleSize { Height = s.UInt64("height") ?? 0, Width = s.UInt64("width") ?? 0 }),
        User = p.Object("user", u => new User
        {
            Uid = u.UInt32("uid"),
            Gid = u.UInt32("gid"),
            Umask = u.UInt32("umask"),
            AdditionalGids = u.List("additionalGids", g => g.GetUInt32()),
            Username = u.String("username"),
        }),
        Args = p.Strings("args"),
        CommandLine = p.String("commandLine"),
        Env = p.Strings("env"),
        Cwd = p.String("cwd") ?? "",
        Capabilities = p.Object("capabilities", c => new Capabilities
        {
            Bounding = c.Strings("bounding"),
            Effective = c.Strings("effective"),
            Inheritable = c.Strings("inheritable"),
            Permitted = c.Strings("permitted"),
            Ambient = c.Strings("ambient"),
        }),
        Rlimits = p.List("rlimits", r => new Rlimit { Type = r.String("type") ?? "", Hard = r.UInt64("hard") ?? 0, Soft = r.UInt64("soft") ?? 0 }),
        NoNewPrivileges = p.Bool("noNewPrivileges"),
        ApparmorProfile = p.String("apparmorProfile"),
        OomScoreAdj = p.Int32("oomScoreAdj"),
        Scheduler = p.Object("scheduler", s => new Scheduler
        {
            Policy = s.String("policy") ?? "",
            Nice = s.Int32("nice"),
            Priority = s.Int32("priority"),
            Flags = s.Strings("flags"),
            Runtime = s.UInt64("runtime"),
            Deadline = s.UInt64("deadline"),
            Period = s.UInt64("period"),
        }),
        SelinuxLabel = p.String("selinuxLabel"),
        IoPriority = p.Object("ioPriority", i => new IoPriority { Class = i.String("class") ?? "", Priority = i.Int32("priority") }),
        ExecCpuAffinity = p.Object("execCPUAffinity", a => new ExecCpuAffinity { Initial = a.String("initial"), Final = a.String("final") }),
    };
}
