using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class IoPriorityRuleTests
{
    [Theory]
    [InlineData("""{"process":{"ioPriority":{"class":"IOPRIO_CLASS_RT","priority":0}}}""")]
    [InlineData("""{"process":{"ioPriority":{"class":"IOPRIO_CLASS_BE","priority":7}}}""")]
    [InlineData("""{"process":{"ioPriority":{"class":"IOPRIO_CLASS_IDLE","priority":4}}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"process":{"ioPriority":{"class":"IOPRIO_CLASS_NONE","priority":0}}}""", "$.process.ioPriority.class", "unknown io priority class \"IOPRIO_CLASS_NONE\"")]
    [InlineData("""{"process":{"ioPriority":{"class":"IOPRIO_CLASS_BE","priority":8}}}""", "$.process.ioPriority.priority", "io priority 8 is outside the range 0..7")]
    [InlineData("""{"process":{"ioPriority":{"class":"IOPRIO_CLASS_BE","priority":-1}}}""", "$.process.ioPriority.priority", "outside the range 0..7")]
    public void Invalid(string patch, string path, string fragment) =>
        Validate(patch).ShouldReport(Severity.Error, path, fragment);
}
