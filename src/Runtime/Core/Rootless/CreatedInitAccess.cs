using Runc.Sharp.Runtime.Containers;
using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Runtime.Namespaces;
using Runc.Sharp.Runtime.Sys;

namespace Runc.Sharp.Runtime.Rootless;

/// <summary>
/// A container's init stays non-dumpable until its user program starts (CVE-2016-9962), so a
/// runtime without root may not open its /proc/PID/ns files before then: `exec` into a created
/// container is refused up front with the reason, rather than failing inside the shim.
/// </summary>
public static class CreatedInitAccess
{
    public static void CheckExec(ContainerRecord record, LifecycleStatus status)
    {
        if (status != LifecycleStatus.Created || LibC.geteuid() == 0 || record.Namespaces.Count == 0)
            return;
        var path = $"/proc/{record.InitPid}/ns/{NamespaceKinds.ProcName(record.Namespaces[0])}";
        try
        {
            using var ns = Fd.Open(path, LibC.O_RDONLY);
        }
        catch (SyscallException e) when (e.Errno is Errno.EACCES or Errno.EPERM)
        {
            throw new RuntimeException("cannot exec in a created container without root: its init cannot be entered before `start` " +
                "(it stays non-dumpable until the container's process runs)", e);
        }
    }
}
