using System.Security.Cryptography;
using System.Text;
using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Security.Seccomp;

/// <summary>
/// Compiled seccomp programs by content: Docker and podman send the same profile for nearly every
/// container, and libseccomp takes tens of milliseconds to compile one. Kept in a root-only
/// directory on /run (gone at reboot); the key covers the profile's compiled parts, libseccomp's
/// version and the runcs binary itself, so an upgrade of either compiles afresh. A directory that
/// is not a root-owned 0700 directory, or an entry that is not a whole BPF program, is never
/// trusted: the program is then compiled as if there were no cache.
/// </summary>
public static class SeccompCache
{
    public const string DirEnvVar = "RUNCS_SECCOMP_CACHE";
    private const string DefaultDir = "/run/runcs-seccomp";
    private const int MaxEntries = 256;
    private const int FormatVersion = 1;

    public static string Dir => Environment.GetEnvironmentVariable(DirEnvVar) is { Length: > 0 } d ? d : DefaultDir;

    public static byte[] GetOrAdd(string key, Func<byte[]> compile) => GetOrAdd(Dir, key, compile);

    internal static byte[] GetOrAdd(string dir, string key, Func<byte[]> compile)
    {
        if (dir == "off" || !UsableDir(dir))
            return compile();
        var path = Path.Combine(dir, Hash(key) + ".bpf");
        if (TryRead(path) is { } cached)
        {
            PhaseTrace.Mark("seccomp: cached program");
            return cached;
        }
        var program = compile();
        TryWrite(dir, path, program);
        return program;
    }

    private static string Hash(string key)
    {
        var exe = Environment.ProcessPath is { } p && File.Exists(p) ? new FileInfo(p) : null;
        var material = $"{FormatVersion}|{exe?.Length}|{exe?.LastWriteTimeUtc.Ticks}|{key}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }

    private static bool UsableDir(string dir)
    {
        if (Sys.LibC.geteuid() != 0)
            return false; // a root-only cache: a rootless runtime compiles every time
        try
        {
            if (!Directory.Exists(dir))
                Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var st = Sys.Syscalls.Stat(dir, follow: false);
            const uint typeMask = 0xF000, directory = 0x4000;
            return (st.Mode & typeMask) == directory && (st.Mode & 0xFFF) == 0x1C0 /* 0700 */ && st.Uid == 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Sys.SyscallException)
        {
            return false;
        }
    }

    private static byte[]? TryRead(string path)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            var instructions = bytes.Length / SockFilter.Size;
            var whole = bytes.Length % SockFilter.Size == 0 && instructions is > 0 and <= SeccompCompiler.MaxInstructions;
            return whole ? bytes : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryWrite(string dir, string path, byte[] program)
    {
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            if (Directory.EnumerateFiles(dir).Take(MaxEntries + 1).Count() > MaxEntries)
                foreach (var old in Directory.EnumerateFiles(dir))
                    File.Delete(old);
            File.WriteAllBytes(temp, program);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Debug($"seccomp cache: {e.Message}");
            try { File.Delete(temp); } catch (Exception again) when (again is IOException or UnauthorizedAccessException) { }
        }
    }
}
