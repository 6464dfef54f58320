using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Runc.Sharp.Spec.Validation;
using Runc.Sharp.Spec.Validation.Semantic;

namespace Runc.Sharp.Spec.Tests.Semantic;

/// <summary>
/// Builds configs as "minimal valid config + JSON merge patch" (RFC 7386: null deletes a key,
/// arrays are replaced whole) and asserts on findings.
/// </summary>
internal static class SemanticTestKit
{
    public const string MinimalConfig = """
        {
          "ociVersion": "1.2.0",
          "root": { "path": "rootfs" },
          "process": { "cwd": "/", "args": ["sh"] },
          "linux": { "namespaces": [ { "type": "mount" } ] }
        }
        """;

    public static IReadOnlyList<ValidationError> Validate(string patch, SemanticOptions? options = null)
    {
        var merged = Merge(JsonNode.Parse(MinimalConfig), JsonNode.Parse(patch));
        return ValidateRaw(merged!.ToJsonString(), options);
    }

    public static IReadOnlyList<ValidationError> ValidateRaw(string json, SemanticOptions? options = null)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 1024 });
        return SemanticValidator.Validate(document.RootElement, options);
    }

    public static void ShouldReport(this IReadOnlyList<ValidationError> findings, Severity severity, string path, string fragment)
    {
        findings.Should().Contain(
            f => f.Severity == severity && f.Path == path && f.Message.Contains(fragment),
            $"expected {severity} at {path} containing '{fragment}', got:\n{Dump(findings)}");
    }

    public static void ShouldBeClean(this IReadOnlyList<ValidationError> findings) =>
        findings.Should().BeEmpty($"expected no findings, got:\n{Dump(findings)}");

    public static void ShouldHaveNoErrors(this IReadOnlyList<ValidationError> findings) =>
        findings.Where(f => f.Severity == Severity.Error).Should().BeEmpty($"expected no errors, got:\n{Dump(findings)}");

    public static string Dump(IEnumerable<ValidationError> findings) =>
        string.Join("\n", findings.Select(f => $"  {f.Severity}: {f}"));

    public static Severity Sev(string name) => name switch
    {
        "E" => Severity.Error,
        "W" => Severity.Warning,
        _ => throw new ArgumentException(name),
    };

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? new JsonObject();
        foreach (var (key, value) in patchObject.ToList())
        {
            var existing = result[key];
            result.Remove(key);
            if (value is not null)
            {
                result[key] = Merge(existing, value);
            }
        }

        return result;
    }
}
