using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class UtsNamespaceRuleTests
{
    [Theory]
    [InlineData("""{"hostname":"runc","domainname":"example.test","linux":{"namespaces":[{"type":"mount"},{"type":"uts"}]}}""")]
    [InlineData("""{"hostname":"joined","linux":{"namespaces":[{"type":"mount"},{"type":"uts","path":"/proc/1/ns/uts"}]}}""")]
    [InlineData("""{"hostname":""}""")]
    [InlineData("""{"hostname":null,"domainname":7}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"hostname":"runc"}""", "$.hostname", "unable to set hostname \"runc\" without a private uts namespace")]
    [InlineData("""{"domainname":"example.test"}""", "$.domainname", "unable to set domainname")]
    [InlineData("""{"hostname":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","linux":{"namespaces":[{"type":"mount"},{"type":"uts"}]}}""", "$.hostname", "is longer than 64 bytes")]
    public void Invalid(string patch, string path, string fragment) =>
        Validate(patch).ShouldReport(Severity.Error, path, fragment);
}
