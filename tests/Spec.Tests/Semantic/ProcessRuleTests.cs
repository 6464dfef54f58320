using Runc.Sharp.Spec.Validation;
using Runc.Sharp.Spec.Validation.Semantic;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class ProcessRuleTests
{
    [Theory]
    [InlineData("""{"process":{"cwd":"/home/user","args":["/bin/sh","-c","true"]}}""")]
    [InlineData("""{"process":{"oomScoreAdj":-1000}}""")]
    [InlineData("""{"process":{"oomScoreAdj":1000}}""")]
    [InlineData("""{"process":{"user":{"uid":1,"gid":1,"umask":18}}}""")]
    [InlineData("""{"process":{"cwd":7,"args":"sh"}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"process":null}""", "E", "$.process", "process must be specified")]
    [InlineData("""{"process":{"cwd":"tmp"}}""", "E", "$.process.cwd", "process.cwd \"tmp\" must be an absolute path")]
    [InlineData("""{"process":{"cwd":""}}""", "E", "$.process.cwd", "must be an absolute path")]
    [InlineData("""{"process":{"args":null}}""", "E", "$.process.args", "process.args must be specified")]
    [InlineData("""{"process":{"args":null,"commandLine":"cmd.exe"}}""", "E", "$.process.args", "process.args must be specified")]
    [InlineData("""{"process":{"args":[]}}""", "E", "$.process.args", "at least one entry")]
    [InlineData("""{"process":{"args":[""]}}""", "E", "$.process.args[0]", "must not be empty")]
    [InlineData("""{"process":{"args":["sh","a\u0000b"]}}""", "E", "$.process.args[1]", "nul byte")]
    [InlineData("""{"process":{"oomScoreAdj":1001}}""", "E", "$.process.oomScoreAdj", "oomScoreAdj 1001 is outside")]
    [InlineData("""{"process":{"oomScoreAdj":-1001}}""", "E", "$.process.oomScoreAdj", "outside the range -1000..1000")]
    [InlineData("""{"process":{"oomScoreAdj":1e300}}""", "E", "$.process.oomScoreAdj", "outside")]
    [InlineData("""{"process":{"user":{"uid":0,"gid":0,"umask":4095}}}""", "W", "$.process.user.umask", "umask 4095")]
    public void Invalid(string patch, string severity, string path, string fragment) =>
        Validate(patch).ShouldReport(Sev(severity), path, fragment);

    [Fact]
    public void Process_is_optional_when_not_creating() =>
        Validate("""{"process":null}""", new SemanticOptions { RequireProcess = false }).ShouldBeClean();
}
