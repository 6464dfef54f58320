using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class BlockIoRuleTests
{
    [Theory]
    [InlineData("""{"linux":{"resources":{"blockIO":{"weight":10,"leafWeight":1000,"weightDevice":[{"major":8,"minor":0,"weight":500,"leafWeight":300},{"major":8,"minor":16,"weight":500},{"major":8,"minor":32,"leafWeight":10}],"throttleReadBpsDevice":[{"major":8,"minor":0,"rate":600}]}}}}""")]
    [InlineData("""{"linux":{"resources":{"blockIO":{"weight":0}}}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"linux":{"resources":{"blockIO":{"weight":5}}}}""", "$.linux.resources.blockIO.weight", "blockIO weight 5 is outside the range 10..1000")]
    [InlineData("""{"linux":{"resources":{"blockIO":{"leafWeight":1001}}}}""", "$.linux.resources.blockIO.leafWeight", "outside the range 10..1000")]
    [InlineData("""{"linux":{"resources":{"blockIO":{"weightDevice":[{"major":8,"minor":0}]}}}}""", "$.linux.resources.blockIO.weightDevice[0]", "needs a weight or a leafWeight")]
    [InlineData("""{"linux":{"resources":{"blockIO":{"weightDevice":[{"major":8,"minor":0,"weight":2000}]}}}}""", "$.linux.resources.blockIO.weightDevice[0].weight", "outside the range")]
    public void Invalid(string patch, string path, string fragment) =>
        Validate(patch).ShouldReport(Severity.Error, path, fragment);
}
