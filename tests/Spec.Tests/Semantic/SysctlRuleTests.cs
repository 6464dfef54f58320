using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class SysctlRuleTests
{
    private const string AllNs = """[{"type":"mount"},{"type":"network"},{"type":"ipc"},{"type":"uts"}]""";

    [Theory]
    [InlineData("net.ipv4.ip_forward", """[{"type":"network"}]""")]
    [InlineData("net.core.somaxconn", """[{"type":"network","path":"/var/run/netns/x"}]""")]
    [InlineData("net/ipv4/conf/eth0.100/rp_filter", """[{"type":"network"}]""")]
    [InlineData("kernel.shmmax", """[{"type":"ipc"}]""")]
    [InlineData("kernel.msgmnb", """[{"type":"ipc"}]""")]
    [InlineData("kernel.sem", """[{"type":"ipc"}]""")]
    [InlineData("kernel.shm_rmid_forced", """[{"type":"ipc"}]""")]
    [InlineData("fs.mqueue.msg_max", """[{"type":"ipc"}]""")]
    [InlineData("kernel/shmall", """[{"type":"ipc"}]""")]
    [InlineData("kernel.domainname", """[{"type":"uts"}]""")]
    public void Namespaced_sysctls_are_allowed(string key, string namespaces) =>
        Validate(Config(key, namespaces)).ShouldBeClean();

    [Theory]
    [InlineData("net.ipv4.ip_forward", "[]", "sysctl \"net.ipv4.ip_forward\" is not allowed in the host's network namespace")]
    [InlineData("kernel.shmmax", "[]", "is not allowed in the host's ipc namespace")]
    [InlineData("fs.mqueue.queues_max", """[{"type":"network"}]""", "host's ipc namespace")]
    [InlineData("kernel.domainname", "[]", "sysctl \"kernel.domainname\" is not in a separate kernel namespace")]
    [InlineData("kernel.hostname", """[{"type":"uts"}]""", "conflicts with the hostname field")]
    [InlineData("vm.swappiness", AllNs, "sysctl \"vm.swappiness\" is not in a separate kernel namespace")]
    [InlineData("kernel.pid_max", AllNs, "is not in a separate kernel namespace")]
    [InlineData("fs.file-max", AllNs, "is not in a separate kernel namespace")]
    [InlineData("net..ipv4", AllNs, "sysctl name \"net..ipv4\" is malformed")]
    [InlineData("net.ipv4.", AllNs, "is malformed")]
    [InlineData("/net/ipv4", AllNs, "is malformed")]
    [InlineData("net/../../etc/passwd", AllNs, "is malformed")]
    [InlineData("net.ipv4 .x", AllNs, "is malformed")]
    public void Others_are_errors(string key, string namespaces, string fragment) =>
        Validate(Config(key, namespaces))
            .ShouldReport(Severity.Error, $"$.linux.sysctl['{key}']", fragment);

    private static string Config(string key, string namespaces) =>
        "{\"linux\":{\"namespaces\":" + namespaces + ",\"sysctl\":{\"" + key + "\":\"1\"}}}";

    [Fact]
    public void Empty_key_is_malformed() =>
        Validate("""{"linux":{"sysctl":{"":"1"}}}""").ShouldReport(Severity.Error, "$.linux.sysctl['']", "is malformed");
}
