using Runc.Sharp.Spec.Paths;
using System.Runtime.InteropServices;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Cgroups;

/// <summary>
/// Creates cgroup directories and remembers which ones it created, so that Destroy removes those
/// and nothing that existed before. Also moves processes in and lists them.
/// </summary>
internal sealed class CgroupDirs
{
    private readonly List<string> _created = [];
    private readonly object _gate = new();
    private readonly Func<string, int>? _mkdirFault;

    /// <param name="mkdirFault">Tests: the errno the mkdir of a path fails with (0: make it), for refusals a temp dir cannot give root.</param>
    public CgroupDirs(IEnumerable<string>? owned = null, Func<string, int>? mkdirFault = null)
    {
        if (owned is not null)
            _created.AddRange(owned);
        _mkdirFault = mkdirFault;
    }

    /// <summary>Directories this instance created (or was told it owns), outermost first.</summary>
    public IReadOnlyList<string> Created
    {
        get
        {
            lock (_gate)
                return _created.ToList();
        }
    }

    public bool WasCreated(string dir)
    {
        lock (_gate)
            return _created.Contains(LexicalPath.Clean(dir));
    }

    /// <summary>Creates dir and its missing parents below mountPoint; returns the ones it made, outermost first.</summary>
    public List<string> Ensure(string mountPoint, string dir)
    {
        var rel = LexicalPath.RelativeUnder(mountPoint, dir)
            ?? throw new RuntimeException($"cgroup path {dir} is outside its hierarchy {mountPoint}");
        var made = new List<string>();
        if (rel == ".")
            return made;
        var current = LexicalPath.Clean(mountPoint);
        foreach (var part in rel.Split('/'))
        {
            current = LexicalPath.Join(current, part);
            if (_mkdirFault?.Invoke(current) is { } injected and not 0)
                throw new CgroupFileException("mkdir", current, injected);
            if (LibC.mkdirat(LibC.AT_FDCWD, current, 0x1ed /* 0755 */) == 0)
            {
                made.Add(current);
                lock (_gate)
                    _created.Add(current);
                continue;
            }
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EEXIST)
                throw new CgroupFileException("mkdir", current, errno);
        }
        return made;
    }

    /// <summary>Puts pid into dir/cgroup.procs; -1 means "create only". Retries EINVAL (a task still being born).</summary>
    public static void AddProcess(CgroupFiles files, string dir, int pid)
    {
        if (pid == -1)
            return;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                files.Write(dir, "cgroup.procs", pid.ToString());
                return;
            }
            catch (CgroupFileException e) when (e.Errno == Errno.EINVAL && attempt < 5)
            {
                Thread.Sleep(30);
            }
        }
    }

    /// <summary>
    /// Removes the directories this instance created, innermost first. A leaf (the container's own
    /// cgroup) goes with any sub-cgroups made inside it, busy ones retried briefly; a created parent
    /// is only removed while empty, since other cgroups may have been made in it since.
    /// </summary>
    public void RemoveCreated(IReadOnlyCollection<string> leaves)
    {
        List<string> dirs;
        lock (_gate)
            dirs = _created.OrderByDescending(d => d.Length).ToList();
        var failures = new List<string>();
        foreach (var dir in dirs)
        {
            try
            {
                if (leaves.Contains(dir))
                    RemoveTree(dir);
                else if (Rmdir(dir, retry: false) is not (0 or Errno.ENOENT))
                    continue;
                lock (_gate)
                    _created.Remove(dir);
            }
            catch (CgroupFileException e)
            {
                failures.Add(e.Message);
            }
        }
        if (failures.Count > 0)
            throw new RuntimeException("failed to remove cgroup paths: " + string.Join("; ", failures));
    }

    /// <summary>runc's RemovePath: rmdir, else remove sub-cgroups then rmdir again with EBUSY retries.</summary>
    public static void RemoveTree(string dir)
    {
        if (Rmdir(dir, retry: false) is 0 or Errno.ENOENT)
            return;
        if (!Directory.Exists(dir))
            return;
        foreach (var sub in Directory.GetDirectories(dir))
            RemoveTree(sub);
        var errno = Rmdir(dir, retry: true);
        if (errno is not (0 or Errno.ENOENT))
            throw new CgroupFileException("rmdir", dir, errno);
    }

    private static int Rmdir(string dir, bool retry)
    {
        var delay = 1;
        for (var tries = 0; ; tries++)
        {
            if (LibC.unlinkat(LibC.AT_FDCWD, dir, LibC.AT_REMOVEDIR) == 0)
                return 0;
            var errno = Marshal.GetLastPInvokeError();
            if (errno == Errno.EINTR)
                continue;
            if (errno != Errno.EBUSY || !retry || tries >= 10)
                return errno;
            Thread.Sleep(delay);
            delay = Math.Min(delay * 2, 200);
        }
    }

    /// <summary>Every pid in dir and its sub-cgroups.</summary>
    public static List<int> PidsRecursive(CgroupFiles files, string dir)
    {
        var result = new List<int>();
        if (!Directory.Exists(dir))
            return result;
        Collect(files, dir, result);
        return result;
    }

    private static void Collect(CgroupFiles files, string dir, List<int> into)
    {
        // A threaded cgroup refuses to list cgroup.procs; its threads are what it has.
        string? text;
        try
        {
            text = files.TryRead(dir, "cgroup.procs");
        }
        catch (RuntimeException)
        {
            text = files.TryRead(dir, "cgroup.threads");
        }
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            if (int.TryParse(line.Trim(), out var pid) && !into.Contains(pid))
                into.Add(pid);
        IEnumerable<string> subs;
        try
        {
            subs = Directory.GetDirectories(dir);
        }
        catch (DirectoryNotFoundException)
        {
            return;
        }
        foreach (var sub in subs)
            Collect(files, sub, into);
    }
}
