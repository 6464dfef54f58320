using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class RlimitsRuleTests
{
    [Theory]
    [InlineData("""{"process":{"rlimits":[{"type":"RLIMIT_NOFILE","soft":1024,"hard":1024},{"type":"RLIMIT_CORE","soft":0,"hard":18446744073709551615}]}}""")]
    [InlineData("""{"process":{"rlimits":[{"type":"RLIMIT_AS","soft":1,"hard":2},{"type":"RLIMIT_CPU"},{"type":"RLIMIT_DATA"},{"type":"RLIMIT_FSIZE"},{"type":"RLIMIT_LOCKS"},{"type":"RLIMIT_MEMLOCK"},{"type":"RLIMIT_MSGQUEUE"},{"type":"RLIMIT_NICE"},{"type":"RLIMIT_NPROC"},{"type":"RLIMIT_RSS"},{"type":"RLIMIT_RTPRIO"},{"type":"RLIMIT_RTTIME"},{"type":"RLIMIT_SIGPENDING"},{"type":"RLIMIT_STACK"}]}}""")]
    [InlineData("""{"process":{"rlimits":[{"type":7,"soft":"a","hard":null}]}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"process":{"rlimits":[{"type":"RLIMIT_FOO","soft":1,"hard":1}]}}""", "$.process.rlimits[0].type", "unknown rlimit type \"RLIMIT_FOO\"")]
    [InlineData("""{"process":{"rlimits":[{"type":"nofile","soft":1,"hard":1}]}}""", "$.process.rlimits[0].type", "unknown rlimit type")]
    [InlineData("""{"process":{"rlimits":[{"type":"RLIMIT_NOFILE","soft":1,"hard":1},{"type":"RLIMIT_NOFILE","soft":2,"hard":2}]}}""", "$.process.rlimits[1].type", "already set at index 0")]
    [InlineData("""{"process":{"rlimits":[{"type":"RLIMIT_NOFILE","soft":2048,"hard":1024}]}}""", "$.process.rlimits[0].soft", "soft limit 2048 is above its hard limit 1024")]
    [InlineData("""{"process":{"rlimits":[{"type":"RLIMIT_NOFILE","soft":18446744073709551615,"hard":18446744073709551614}]}}""", "$.process.rlimits[0].soft", "is above its hard limit")]
    public void Invalid(string patch, string path, string fragment) =>
        Validate(patch).ShouldReport(Severity.Error, path, fragment);
}
