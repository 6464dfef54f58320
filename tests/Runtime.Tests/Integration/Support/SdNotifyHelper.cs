using System.Diagnostics;
using Xunit;
using Xunit.Sdk;

namespace Runc.Sharp.Runtime.Tests.Integration.Support;

/// <summary>
/// `sdnotify MESSAGE...` for inside a container (busybox has no unix-datagram client): each
/// argument is one datagram to $NOTIFY_SOCKET. Built from TestData/sdnotify.c with gcc -static
/// next to the test assembly, once, and copied into a bundle's /bin.
/// </summary>
public static class SdNotifyHelper
{
    private static readonly string Source = Path.Combine(AppContext.BaseDirectory, "TestData", "sdnotify.c");
    private static readonly string Binary = Path.Combine(AppContext.BaseDirectory, "sdnotify");
    private static readonly Lazy<string?> Missing = new(FindMissing);
    private static readonly Lazy<string> Built = new(Build);

    /// <summary>Why the helper cannot be built here, or null.</summary>
    public static string? SkipReason => Missing.Value;

    public static Bundle InstallInto(Bundle bundle)
    {
        var target = Path.Combine(bundle.Rootfs, "bin", "sdnotify");
        File.Copy(Built.Value, target, overwrite: true);
        File.SetUnixFileMode(target, (UnixFileMode)0b111_101_101);
        return bundle;
    }

    private static string? FindMissing()
    {
        if (!File.Exists(Source))
            return $"{Source} is missing";
        var (code, output) = Gcc("-print-file-name=libc.a");
        if (code != 0)
            return "gcc is missing (apt-get install gcc)";
        return Path.IsPathRooted(output.Trim()) && File.Exists(output.Trim())
            ? null
            : "the static C library is missing (apt-get install libc6-dev)";
    }

    private static string Build()
    {
        if (File.Exists(Binary) && File.GetLastWriteTimeUtc(Binary) >= File.GetLastWriteTimeUtc(Source))
            return Binary;
        var temp = $"{Binary}.{Environment.ProcessId}.tmp";
        var (code, output) = Gcc("-static", "-O2", "-Wall", "-Werror", "-o", temp, Source);
        if (code != 0)
            throw new XunitException($"gcc -static sdnotify.c failed: {output}");
        File.Move(temp, Binary, overwrite: true);
        return Binary;
    }

    private static (int Code, string Output) Gcc(params string[] args)
    {
        var psi = new ProcessStartInfo("gcc") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, stdout.Result + stderr);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}

/// <summary>A root fact that also needs the sdnotify helper (gcc and a static libc to build it).</summary>
public sealed class SdNotifyFactAttribute : FactAttribute
{
    public SdNotifyFactAttribute()
    {
        if ((IntegrationRequirements.SkipReason ?? SdNotifyHelper.SkipReason) is { } reason)
            Skip = reason;
    }
}
