using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class DevicesRuleTests
{
    [Theory]
    [InlineData("""{"linux":{"devices":[{"path":"/dev/fuse","type":"c","major":10,"minor":229,"fileMode":438,"uid":0,"gid":0},{"path":"/dev/sda","type":"b","major":8,"minor":0,"fileMode":432}]}}""")]
    [InlineData("""{"linux":{"devices":[{"path":"/dev/ttyX","type":"u","major":4,"minor":64},{"path":"/run/fifo","type":"p"}]}}""")]
    [InlineData("""{"linux":{"devices":[{"path":"/dev/null","type":"c","major":1,"minor":3,"fileMode":4095}]}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"linux":{"devices":[{"path":"dev/fuse","type":"c","major":10,"minor":229}]}}""", "E", "$.linux.devices[0].path", "device path \"dev/fuse\" must be an absolute path")]
    [InlineData("""{"linux":{"devices":[{"path":"/dev/a","type":"c","major":1,"minor":1},{"path":"/dev/a","type":"c","major":1,"minor":2}]}}""", "E", "$.linux.devices[1].path", "already used at index 0")]
    [InlineData("""{"linux":{"devices":[{"path":"/dev/a","type":"x","major":1,"minor":1}]}}""", "E", "$.linux.devices[0].type", "device type \"x\" must be one of")]
    [InlineData("""{"linux":{"devices":[{"path":"/dev/a","type":"c","minor":1}]}}""", "E", "$.linux.devices[0].major", "device of type \"c\" needs major")]
    [InlineData("""{"linux":{"devices":[{"path":"/dev/a","type":"b","major":1}]}}""", "E", "$.linux.devices[0].minor", "needs minor")]
    [InlineData("""{"linux":{"devices":[{"path":"/dev/a","type":"p","major":1,"minor":1}]}}""", "W", "$.linux.devices[0]", "ignored for a fifo device")]
    [InlineData("""{"linux":{"devices":[{"path":"/dev/a","type":"c","major":1,"minor":1,"fileMode":8630}]}}""", "W", "$.linux.devices[0].fileMode", "carries file type bits")]
    [InlineData("""{"linux":{"devices":[{"path":"/dev/a","type":"c","major":1,"minor":1,"fileMode":70000}]}}""", "E", "$.linux.devices[0].fileMode", "fileMode 70000 is not a valid mode")]
    [InlineData("""{"linux":{"devices":[{"path":"/dev/a","type":"c","major":1,"minor":1,"fileMode":-1}]}}""", "E", "$.linux.devices[0].fileMode", "is not a valid mode")]
    public void Invalid(string patch, string severity, string path, string fragment) =>
        Validate(patch).ShouldReport(Sev(severity), path, fragment);
}
