using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class SeccompRuleTests
{
    [Theory]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","architectures":["SCMP_ARCH_X86","SCMP_ARCH_X32"],"syscalls":[{"names":["getcwd","chmod"],"action":"SCMP_ACT_ERRNO"}]}}}""")]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":1,"flags":["SECCOMP_FILTER_FLAG_SPEC_ALLOW","SECCOMP_FILTER_FLAG_LOG","SECCOMP_FILTER_FLAG_TSYNC","SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"],"architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_AARCH64","SCMP_ARCH_RISCV64","SCMP_ARCH_LOONGARCH64"],"syscalls":[{"names":["personality"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":0,"op":"SCMP_CMP_EQ"},{"index":5,"value":8,"valueTwo":8,"op":"SCMP_CMP_MASKED_EQ"}]},{"names":["ptrace"],"action":"SCMP_ACT_TRACE","errnoRet":38}]}}}""")]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_KILL_PROCESS","syscalls":[{"names":["read"],"action":"SCMP_ACT_LOG"},{"names":["x"],"action":"SCMP_ACT_KILL_THREAD"},{"names":["y"],"action":"SCMP_ACT_TRAP"},{"names":["z"],"action":"SCMP_ACT_KILL"}]}}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_DENY"}}}""", "$.linux.seccomp.defaultAction", "unknown seccomp action \"SCMP_ACT_DENY\"")]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["a"],"action":"allow"}]}}}""", "$.linux.seccomp.syscalls[0].action", "unknown seccomp action \"allow\"")]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","architectures":["SCMP_ARCH_X86_64","x86_64"]}}}""", "$.linux.seccomp.architectures[1]", "unknown seccomp architecture \"x86_64\"")]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","flags":["SECCOMP_FILTER_FLAG_NEW_LISTENER"]}}}""", "$.linux.seccomp.flags[0]", "unknown seccomp flag")]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["a"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":1,"op":"SCMP_CMP_MASKED_NE"}]}]}}}""", "$.linux.seccomp.syscalls[0].args[0].op", "unknown seccomp operator \"SCMP_CMP_MASKED_NE\"")]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["a"],"action":"SCMP_ACT_ERRNO","args":[{"index":6,"value":1,"op":"SCMP_CMP_EQ"}]}]}}}""", "$.linux.seccomp.syscalls[0].args[0].index", "argument index 6 is outside 0..5")]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["a"],"action":"SCMP_ACT_ALLOW","errnoRet":1}]}}}""", "$.linux.seccomp.syscalls[0].errnoRet", "errnoRet is only valid with SCMP_ACT_ERRNO or SCMP_ACT_TRACE, not SCMP_ACT_ALLOW")]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_KILL","defaultErrnoRet":1}}}""", "$.linux.seccomp.defaultErrnoRet", "defaultErrnoRet is only valid with")]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":[],"action":"SCMP_ACT_ERRNO"}]}}}""", "$.linux.seccomp.syscalls[0].names", "must contain at least one entry")]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["read",""],"action":"SCMP_ACT_ERRNO"}]}}}""", "$.linux.seccomp.syscalls[0].names[1]", "must not be empty")]
    public void Invalid(string patch, string path, string fragment) =>
        Validate(patch).ShouldReport(Severity.Error, path, fragment);
}

public sealed class SeccompNotifyRuleTests
{
    [Theory]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","listenerPath":"/run/seccomp-agent.socket","listenerMetadata":"foo","syscalls":[{"names":["fchmod","chmod","mkdir"],"action":"SCMP_ACT_NOTIFY"}]}}}""")]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","listenerPath":"/run/agent.sock","syscalls":[{"names":["read","close"],"action":"SCMP_ACT_NOTIFY"}]}}}""")]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","listenerPath":"/run/unused.sock"}}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_NOTIFY","listenerPath":"/run/a.sock"}}}""", "E", "$.linux.seccomp.defaultAction", "SCMP_ACT_NOTIFY cannot be used as the default action")]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","listenerPath":"/run/a.sock","syscalls":[{"names":["mkdir","write"],"action":"SCMP_ACT_NOTIFY"}]}}}""", "E", "$.linux.seccomp.syscalls[0].names[1]", "cannot be used for the write syscall")]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["mkdir"],"action":"SCMP_ACT_NOTIFY"}]}}}""", "E", "$.linux.seccomp.listenerPath", "SCMP_ACT_NOTIFY is used but listenerPath is not set")]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","listenerMetadata":"foo"}}}""", "E", "$.linux.seccomp.listenerMetadata", "must not be set without listenerPath")]
    [InlineData("""{"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","listenerPath":"agent.sock","syscalls":[{"names":["mkdir"],"action":"SCMP_ACT_NOTIFY"}]}}}""", "W", "$.linux.seccomp.listenerPath", "listenerPath \"agent.sock\" is relative")]
    public void Invalid(string patch, string severity, string path, string fragment) =>
        Validate(patch).ShouldReport(Sev(severity), path, fragment);
}
