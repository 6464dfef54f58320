using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class ProcessUserMappingRuleTests
{
    private const string Maps = """
        "namespaces":[{"type":"mount"},{"type":"user"}],
        "uidMappings":[{"containerID":0,"hostID":100000,"size":1000}],
        "gidMappings":[{"containerID":0,"hostID":100000,"size":10},{"containerID":100,"hostID":200000,"size":1}]
        """;

    [Theory]
    [InlineData("""{"process":{"user":{"uid":0,"gid":0}}}""")]
    [InlineData("""{"process":{"user":{"uid":999,"gid":9,"additionalGids":[5,100]}}}""")]
    public void Mapped_ids_are_clean(string patch) =>
        Validate(patch.Insert(1, "\"linux\":{" + Maps + "},")).ShouldBeClean();

    [Theory]
    [InlineData("""{"process":{"user":{"uid":1000,"gid":0}}}""", "$.process.user.uid", "process uid 1000 is not mapped by linux.uidMappings")]
    [InlineData("""{"process":{"user":{"uid":0,"gid":10}}}""", "$.process.user.gid", "process gid 10 is not mapped by linux.gidMappings")]
    [InlineData("""{"process":{"user":{"uid":0,"gid":0,"additionalGids":[5,101]}}}""", "$.process.user.additionalGids[1]", "additional gid 101 is not mapped")]
    public void Unmapped_ids_are_errors(string patch, string path, string fragment) =>
        Validate(patch.Insert(1, "\"linux\":{" + Maps + "},")).ShouldReport(Severity.Error, path, fragment);

    [Theory]
    [InlineData("""{"process":{"user":{"uid":5000,"gid":5000}}}""")]
    [InlineData("""{"process":{"user":{"uid":5000,"gid":5000}},"linux":{"namespaces":[{"type":"mount"},{"type":"user","path":"/proc/1/ns/user"}]}}""")]
    public void Without_a_new_user_namespace_nothing_is_checked(string patch) => Validate(patch).ShouldBeClean();
}
