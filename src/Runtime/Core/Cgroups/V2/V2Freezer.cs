using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Cgroups.V2;

/// <summary>cgroup.freeze; "frozen 1" in cgroup.events confirms every task has stopped.</summary>
internal static class V2Freezer
{
    public static void Freeze(CgroupFiles files, string dir)
    {
        if (!files.Exists(dir, "cgroup.freeze"))
            throw new RuntimeException($"freezer not supported: {dir}/cgroup.freeze does not exist");
        try
        {
            files.Write(dir, "cgroup.freeze", "1");
            if (!WaitFrozen(files, dir))
                throw new RuntimeException($"timeout of 10s reached waiting for {dir} to freeze");
        }
        catch
        {
            try
            {
                files.Write(dir, "cgroup.freeze", "0");
            }
            catch (RuntimeException)
            {
            }
            throw;
        }
    }

    public static void Thaw(CgroupFiles files, string dir)
    {
        if (files.Exists(dir, "cgroup.freeze"))
            files.Write(dir, "cgroup.freeze", "0");
    }

    public static FreezerState State(CgroupFiles files, string dir) => files.TryReadTrimmed(dir, "cgroup.freeze") switch
    {
        null => FreezerState.Undefined,
        "0" => FreezerState.Thawed,
        "1" => WaitFrozen(files, dir) ? FreezerState.Frozen : FreezerState.Undefined,
        var other => throw new RuntimeException($"unknown cgroup.freeze state {other} in {dir}"),
    };

    private static bool WaitFrozen(CgroupFiles files, string dir)
    {
        for (var i = 0; i < 1000; i++)
        {
            var events = files.TryRead(dir, "cgroup.events");
            if (events is null)
                return false;
            if (events.Split('\n').Any(l => l.Trim() == "frozen 1"))
                return true;
            Thread.Sleep(10);
        }
        return false;
    }
}
