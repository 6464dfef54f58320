using Runc.Sharp.Runtime.Diagnostics;

namespace Runc.Sharp.Runtime.Cgroups.V1;

/// <summary>freezer.state. Freezing can sit in FREEZING while tasks keep forking, so it is retried.</summary>
internal sealed class FreezerV1 : V1Controller
{
    public override string Name => "freezer";

    public static void Freeze(V1Cgroup cg)
    {
        try
        {
            for (var i = 0; i < 1000; i++)
            {
                // Thawing now and then lets a fork storm settle so the next freeze can complete.
                if (i % 50 == 49)
                {
                    cg.Write("freezer.state", "THAWED");
                    Thread.Sleep(10);
                }
                cg.Write("freezer.state", "FROZEN");
                if (i % 25 == 24)
                    Thread.Sleep(1);
                switch (cg.Read("freezer.state"))
                {
                    case "FROZEN":
                        return;
                    case "FREEZING":
                        continue;
                    case var other:
                        throw new RuntimeException($"unexpected freezer state {other} while freezing {cg.Path}");
                }
            }
            throw new RuntimeException($"unable to freeze {cg.Path}: it stays in FREEZING");
        }
        catch
        {
            // Never leave a half-frozen container behind.
            try
            {
                cg.Write("freezer.state", "THAWED");
            }
            catch (RuntimeException)
            {
            }
            throw;
        }
    }

    public static void Thaw(V1Cgroup cg) => cg.Write("freezer.state", "THAWED");

    public static FreezerState State(V1Cgroup cg)
    {
        for (var i = 0; ; i++)
        {
            switch (cg.Read("freezer.state"))
            {
                case null:
                    return FreezerState.Undefined;
                case "THAWED":
                    return FreezerState.Thawed;
                case "FROZEN":
                    // Frozen through an ancestor is not frozen by us.
                    return cg.Read("freezer.self_freezing") == "0" ? FreezerState.Thawed : FreezerState.Frozen;
                case "FREEZING" when i < 1000:
                    Thread.Sleep(1);
                    continue;
                case var other:
                    throw new RuntimeException($"unknown freezer state {other} in {cg.Path}");
            }
        }
    }
}
