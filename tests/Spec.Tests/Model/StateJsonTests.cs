using System.Text;
using FluentAssertions;
using Runc.Sharp.Spec.Model;
using Runc.Sharp.Spec.Serialization;
using Xunit;

namespace Runc.Sharp.Spec.Tests.Model;

public class StateJsonTests
{
    [Fact]
    public void State_is_written_like_runc_state_two_spaces_and_no_trailing_newline()
    {
        var state = new ContainerState
        {
            OciVersion = SpecVersion.Current,
            Id = "web",
            Status = ContainerStatus.Running,
            Pid = 4242,
            Bundle = "/run/bundles/web",
            Annotations = new() { ["org.example.b"] = "2", ["org.example.a"] = "1" },
        };

        string text = Encoding.UTF8.GetString(SpecJson.WriteState(state));

        text.Should().Be(
            "{\n" +
            "  \"ociVersion\": \"1.3.0\",\n" +
            "  \"id\": \"web\",\n" +
            "  \"status\": \"running\",\n" +
            "  \"pid\": 4242,\n" +
            "  \"bundle\": \"/run/bundles/web\",\n" +
            "  \"annotations\": {\n" +
            "    \"org.example.b\": \"2\",\n" +
            "    \"org.example.a\": \"1\"\n" +
            "  }\n" +
            "}");
    }

    [Fact]
    public void State_without_pid_or_annotations_omits_them()
    {
        var state = new ContainerState { OciVersion = "1.3.0", Id = "c1", Status = ContainerStatus.Creating, Bundle = "/b" };

        string text = Encoding.UTF8.GetString(SpecJson.WriteState(state));

        text.Should().Be("{\n  \"ociVersion\": \"1.3.0\",\n  \"id\": \"c1\",\n  \"status\": \"creating\",\n  \"bundle\": \"/b\"\n}");
    }

    [Fact]
    public void Pid_zero_is_written_when_set()
    {
        var state = new ContainerState { OciVersion = "1.3.0", Id = "c1", Status = ContainerStatus.Stopped, Pid = 0, Bundle = "/b" };

        Encoding.UTF8.GetString(SpecJson.WriteState(state)).Should().Contain("\n  \"pid\": 0,\n");
    }

    [Fact]
    public void Spec_example_state_round_trips()
    {
        byte[] input = TestFiles.Fixture("state", "good", "spec-example.json");

        ContainerState state = SpecJson.ReadState(input);

        state.OciVersion.Should().Be("0.2.0");
        state.Id.Should().Be("oci-container1");
        state.Status.Should().Be(ContainerStatus.Running);
        state.Pid.Should().Be(4422);
        state.Bundle.Should().Be("/containers/redis");
        state.Annotations.Should().Equal(new Dictionary<string, string> { ["myKey"] = "myValue" });
        JsonTree.AssertEquivalent(input, SpecJson.WriteState(state));
    }
}
