using System.Runtime.InteropServices;
using System.Text.Json;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>
/// The state root: one directory per container holding state.json (replaced atomically) and,
/// between create and start, exec.fifo. A flock on the container directory serialises commands.
/// </summary>
public sealed class StateStore(string root)
{
    public const string StateFile = "state.json";
    public const string ExecFifo = "exec.fifo";

    public string Root { get; } = root;

    public string Dir(string id) => Path.Combine(Root, ContainerId.Validate(id));

    public bool Exists(string id) => Directory.Exists(Dir(id));

    /// <summary>Creates the container's directory; fails if the id is taken.</summary>
    public string CreateDir(string id)
    {
        Directory.CreateDirectory(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var dir = Dir(id);
        if (LibC.mkdirat(LibC.AT_FDCWD, dir, 0b111_001_001) < 0)
        {
            var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno == Errno.EEXIST)
                throw new RuntimeException("container with given ID already exists");
            throw new SyscallException("mkdir", errno, dir);
        }
        return dir;
    }

    public ContainerRecord? TryLoad(string id)
    {
        var path = Path.Combine(Dir(id), StateFile);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            throw new RuntimeException($"open {path}: permission denied");
        }
        try
        {
            return JsonSerializer.Deserialize(bytes, ContainersJsonContext.Default.ContainerRecord);
        }
        catch (JsonException e)
        {
            throw new RuntimeException($"read {path}: {e.Message}");
        }
    }

    public ContainerRecord Load(string id) =>
        TryLoad(id) ?? throw new RuntimeException("container does not exist");

    public void Save(ContainerRecord record)
    {
        var dir = Dir(record.Id);
        var tmp = Path.Combine(dir, $".state-{Environment.ProcessId}.json");
        var bytes = JsonSerializer.SerializeToUtf8Bytes(record, ContainersJsonContext.Default.ContainerRecord);
        using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            fs.Write(bytes);
        File.Move(tmp, Path.Combine(dir, StateFile), overwrite: true);
    }

    public void RemoveDir(string id)
    {
        var dir = Dir(id);
        if (RemoveUsualContent(dir))
            return;
        try
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new RuntimeException(e is UnauthorizedAccessException ? $"remove {dir}: permission denied" : e.Message);
        }
    }

    /// <summary>
    /// What a container's directory holds once it ran (the state, maybe the fifo), removed
    /// without walking the directory; false when something else is left for the full removal.
    /// </summary>
    private static bool RemoveUsualContent(string dir)
    {
        const int AT_REMOVEDIR = 0x200, AT_FDCWD = -100;
        foreach (var name in (ReadOnlySpan<string>)[StateFile, ExecFifo])
            LibC.unlinkat(AT_FDCWD, Path.Combine(dir, name), 0);
        return LibC.unlinkat(AT_FDCWD, dir, AT_REMOVEDIR) == 0 || Marshal.GetLastPInvokeError() == Errno.ENOENT;
    }

    public IEnumerable<string> Ids()
    {
        try
        {
            if (!Directory.Exists(Root))
                return [];
            return Directory.EnumerateDirectories(Root).Select(d => Path.GetFileName(d)).Where(ContainerId.IsValid)
                .Order(StringComparer.Ordinal).ToList();
        }
        catch (UnauthorizedAccessException)
        {
            throw new RuntimeException($"open {Root}: permission denied");
        }
    }

    /// <summary>An exclusive lock on the container's directory, held until disposed.</summary>
    public ContainerLock Lock(string id) => ContainerLock.Acquire(Dir(id));
}
