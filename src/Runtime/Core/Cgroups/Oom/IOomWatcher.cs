namespace Runc.Sharp.Runtime.Cgroups.Oom;

/// <summary>What a watcher saw since the last read.</summary>
/// <param name="Ooms">OOM notifications to report (one event line each).</param>
/// <param name="Ended">The cgroup is empty or gone: no more can come.</param>
public readonly record struct OomNews(int Ooms, bool Ended);

/// <summary>
/// Notices OOM kills in a container's cgroup (and its sub-cgroups). <see cref="Fd"/> becomes
/// readable when something may have happened; <see cref="Read"/> never blocks, so it can also
/// be called once more at the end to pick up a kill that raced with the container's exit.
/// </summary>
public interface IOomWatcher : IDisposable
{
    int Fd { get; }

    OomNews Read();
}
