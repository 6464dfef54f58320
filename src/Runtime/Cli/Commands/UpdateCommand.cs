using System.Text.Json;
using CommandLine;
using Runc.Sharp.Cli.Parsing;
using Runc.Sharp.Runtime.Containers;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Model;
using Runc.Sharp.Spec.Serialization;

namespace Runc.Sharp.Cli.Commands;

/// <summary>runc update: --resources FILE|- (a LinuxResources JSON, which wins), or the single flags.</summary>
public sealed class UpdateCommand : GlobalOptions, ICommand
{
    [Option('r', "resources", HelpText = "path to a file containing the resources to update or '-' to read from the standard input")] public string? Resources { get; set; }
    [Option("blkio-weight")] public ushort? BlkioWeight { get; set; }
    [Option("cpu-period")] public string? CpuPeriod { get; set; }
    [Option("cpu-quota")] public string? CpuQuota { get; set; }
    [Option("cpu-burst")] public string? CpuBurst { get; set; }
    [Option("cpu-share")] public string? CpuShare { get; set; }
    [Option("cpu-rt-period")] public string? CpuRtPeriod { get; set; }
    [Option("cpu-rt-runtime")] public string? CpuRtRuntime { get; set; }
    [Option("cpuset-cpus")] public string? CpusetCpus { get; set; }
    [Option("cpuset-mems")] public string? CpusetMems { get; set; }
    [Option("cpu-idle")] public string? CpuIdle { get; set; }
    [Option("memory")] public string? Memory { get; set; }
    [Option("memory-reservation")] public string? MemoryReservation { get; set; }
    [Option("memory-swap")] public string? MemorySwap { get; set; }
    [Option("pids-limit")] public long? PidsLimit { get; set; }
    [Option("kernel-memory", Hidden = true)] public string? KernelMemory { get; set; }
    [Option("kernel-memory-tcp", Hidden = true)] public string? KernelMemoryTcp { get; set; }
    [Option("l3-cache-schema")] public string? L3CacheSchema { get; set; }
    [Option("mem-bw-schema")] public string? MemBwSchema { get; set; }
    [Value(0, MetaName = "container-id")] public IEnumerable<string> Positionals { get; set; } = [];

    public int Run(CliContext context)
    {
        var args = Positionals.ToList();
        // go-runc v1.0 passes `--resources - <id>` as two arguments; a bare "-" also means stdin.
        if (Resources is null && args.Count == 2 && args[0] == "-")
        {
            Resources = "-";
            args.RemoveAt(0);
        }
        CliContext.RequireArgs("update", args.Count, 1, 1);
        if (L3CacheSchema is not null || MemBwSchema is not null)
            throw new RuntimeException("intel RDT is not supported by runcs");
        if (KernelMemory is not null || KernelMemoryTcp is not null)
            Log.Warning("kernel memory settings are ignored (deprecated in the kernel)");
        ContainerResources.Update(new StateStore(context.Root), args[0], Resources is not null ? ReadResources(Resources) : FromFlags());
        return 0;
    }

    private static LinuxResources ReadResources(string source)
    {
        try
        {
            var bytes = source == "-" ? ReadStdin() : File.ReadAllBytes(source);
            return SpecJson.ReadResources(bytes);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"read resources from {source}: {e.Message}");
        }
    }

    private static byte[] ReadStdin()
    {
        using var stdin = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(0, ownsHandle: false), FileAccess.Read);
        using var ms = new MemoryStream();
        stdin.CopyTo(ms);
        return ms.ToArray();
    }

    private LinuxResources FromFlags()
    {
        var r = new LinuxResources();
        if (Memory is not null || MemoryReservation is not null || MemorySwap is not null)
            r.Memory = new LinuxMemory { Limit = Size(Memory, "memory"), Reservation = Size(MemoryReservation, "memory-reservation"), Swap = Size(MemorySwap, "memory-swap") };
        if (new[] { CpuPeriod, CpuQuota, CpuBurst, CpuShare, CpuRtPeriod, CpuRtRuntime, CpusetCpus, CpusetMems, CpuIdle }.Any(v => v is not null))
            r.Cpu = new LinuxCpu
            {
                Period = U64(CpuPeriod, "cpu-period"), Quota = I64(CpuQuota, "cpu-quota"), Burst = U64(CpuBurst, "cpu-burst"),
                Shares = U64(CpuShare, "cpu-share"), RealtimePeriod = U64(CpuRtPeriod, "cpu-rt-period"),
                RealtimeRuntime = I64(CpuRtRuntime, "cpu-rt-runtime"), Cpus = CpusetCpus, Mems = CpusetMems, Idle = I64(CpuIdle, "cpu-idle"),
            };
        if (PidsLimit is { } pids)
            r.Pids = new LinuxPids { Limit = pids };
        if (BlkioWeight is { } w)
            r.BlockIO = new LinuxBlockIO { Weight = w };
        return r;
    }

    private static ulong? U64(string? v, string flag) =>
        v is null ? null : ulong.TryParse(v, out var x) ? x : throw new RuntimeException($"invalid value for {flag}: {v}");

    private static long? I64(string? v, string flag) =>
        v is null ? null : long.TryParse(v, out var x) ? x : throw new RuntimeException($"invalid value for {flag}: {v}");

    /// <summary>Docker-style sizes as runc's units.RAMInBytes reads them: 512, 64k, 256m, 1g; -1 is unlimited.</summary>
    private static long? Size(string? v, string flag)
    {
        if (v is null)
            return null;
        if (v == "-1")
            return -1;
        var s = v.Trim().ToLowerInvariant().TrimEnd('b');
        long unit = 1;
        if (s.Length > 0 && "kmgtp".Contains(s[^1]))
        {
            unit = s[^1] switch { 'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, 't' => 1L << 40, _ => 1L << 50 };
            s = s[..^1];
        }
        return decimal.TryParse(s, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 0
            ? (long)(n * unit)
            : throw new RuntimeException($"invalid value for {flag}: {v}");
    }
}
