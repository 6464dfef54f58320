using System.Diagnostics;

namespace Runc.Sharp.Runtime.Diagnostics;

/// <summary>
/// RUNCS_TRACE=1 prints, on stderr, how long each phase of a command took since the process
/// started, how much the process has allocated so far (each fresh page the GC hands out costs a
/// page fault) and how many garbage collections it has run: the tool behind the start-up
/// numbers in the benchmarks.
/// </summary>
public static class PhaseTrace
{
    public const string EnvVar = "RUNCS_TRACE";
    public static readonly bool Enabled = Environment.GetEnvironmentVariable(EnvVar) == "1";

    public static void Mark(string phase)
    {
        if (!Enabled)
            return;
        // CLOCK_MONOTONIC, comparable across the runtime and its init.
        var ms = Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency % 100_000;
        var allocatedKb = GC.GetTotalAllocatedBytes() / 1024;
        var gcs = GC.CollectionCount(0);
        Sys.StdStreams.Write(Sys.StdStreams.Err, $"[{Environment.ProcessId}] {ms,10:F2} ms {allocatedKb,7} KB {gcs,2} GC  {phase}\n");
    }
}
