using System.Text.Json.Nodes;
using FluentAssertions;
using Runc.Sharp.Runtime.Tests.Integration.Support;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration;

/// <summary>What runcs cannot honour is refused with one clear line, before anything is made.</summary>
public sealed class UnsupportedSettingsTests
{
    public static TheoryData<string, string, string> Settings => new()
    {
        { "process", "apparmorProfile", "AppArmor is not enabled" },
        { "process", "selinuxLabel", "selinux is disabled" },
        { "linux", "memoryPolicy", "linux.memoryPolicy is not supported" },
    };

    [RootTheory]
    [MemberData(nameof(Settings))]
    public void Refused_clearly_and_nothing_is_left(string section, string key, string message)
    {
        using var rc = new RuncsSandbox();
        var b = rc.NewBundle("true").Edit(c =>
        {
            JsonNode value = key switch
            {
                "memoryPolicy" => new JsonObject { ["mode"] = "MPOL_BIND", ["nodes"] = "0" },
                "selinuxLabel" => "system_u:system_r:container_t:s0",
                _ => "some-profile",
            };
            c[section]![key] = value;
        });
        var result = rc.Run("run", "--bundle", b.Dir, "u");
        result.ShouldFailWith(message);
        rc.AssertNoLeftovers();
    }
}
