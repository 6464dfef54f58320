using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Semantic;

/// <summary>The config being validated, shared derived facts, and the findings so far.</summary>
internal sealed class SemanticContext
{
    private readonly List<ValidationError> _findings = new();

    public SemanticContext(JsonElement root, SemanticOptions options)
    {
        Root = root;
        Options = options;
        Namespaces = NamespaceSet.From(root);
        root.TryObject("linux", out var linux);
        Linux = linux;
        root.TryObject("process", out var process);
        Process = process;
        linux.TryObject("resources", out var resources);
        Resources = resources;
    }

    public JsonElement Root { get; }

    public SemanticOptions Options { get; }

    public NamespaceSet Namespaces { get; }

    /// <summary><c>linux</c>, or <c>default</c> (kind Undefined) when absent or not an object.</summary>
    public JsonElement Linux { get; }

    /// <summary><c>process</c>, or <c>default</c> (kind Undefined) when absent or not an object.</summary>
    public JsonElement Process { get; }

    /// <summary><c>linux.resources</c>, or <c>default</c> (kind Undefined) when absent or not an object.</summary>
    public JsonElement Resources { get; }

    public IReadOnlyList<ValidationError> Findings => _findings;

    public void Error(string path, string message) =>
        _findings.Add(new ValidationError(path, message, Severity.Error));

    public void Warning(string path, string message) =>
        _findings.Add(new ValidationError(path, message, Severity.Warning));

    public void Report(Severity severity, string path, string message) =>
        _findings.Add(new ValidationError(path, message, severity));
}
