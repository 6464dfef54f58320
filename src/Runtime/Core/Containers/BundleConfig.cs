using Runc.Sharp.Runtime.Diagnostics;
using Runc.Sharp.Spec.Loading;
using Runc.Sharp.Spec.Model;
using Runc.Sharp.Spec.Validation;
using Runc.Sharp.Spec.Validation.Semantic;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>
/// A bundle's config.json, parsed and checked by the semantic rules; the schema check is a
/// separate step so `create` can overlap it with the start of init. Every problem is one line
/// naming the file, line:column, the JSON path and the rule.
/// </summary>
public sealed class BundleConfig
{
    private readonly byte[] _bytes;

    public RuntimeConfig Config { get; }

    /// <summary>config.json as read: init reads its parts from this, no need to write it again.</summary>
    public ReadOnlySpan<byte> Document => _bytes;

    private BundleConfig(byte[] bytes, RuntimeConfig config)
    {
        _bytes = bytes;
        Config = config;
    }

    public static RuntimeConfig Load(string bundle, bool systemdCgroup = false)
    {
        var loaded = LoadWithoutSchema(bundle, systemdCgroup);
        loaded.RequireSchemaValid();
        return loaded.Config;
    }

    public static BundleConfig LoadWithoutSchema(string bundle, bool systemdCgroup = false)
    {
        var bytes = ReadBytes(bundle);
        var result = ConfigLoader.Load(bytes, new SemanticOptions { SystemdCgroup = systemdCgroup }, schema: false);
        foreach (var warning in result.Warnings)
            Log.Warning($"config.json:{warning}");
        ThrowIfAny(result.Errors.ToList());
        return new BundleConfig(bytes, result.Config!);
    }

    /// <summary>
    /// `exec`'s template: the process and the linux parts, read the way init reads them (no
    /// System.Text.Json metadata for the whole config graph, milliseconds per exec), after the
    /// schema check; the semantic rules were checked when the container was created.
    /// </summary>
    public static BundleConfig LoadForExec(string bundle)
    {
        var bytes = ReadBytes(bundle);
        ThrowIfAny(ConfigLoader.ValidateSchema(bytes).Where(e => e.Severity == Severity.Error).ToList());
        try
        {
            return new BundleConfig(bytes, Spec.Serialization.InitSpecReader.ReadConfig(bytes));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new RuntimeException($"invalid config.json: {e.Message}");
        }
    }

    private static byte[] ReadBytes(string bundle)
    {
        var path = Path.Combine(bundle, "config.json");
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new RuntimeException("JSON specification file config.json not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"read {path}: {e.Message}");
        }
    }

    public void RequireSchemaValid() => ThrowIfAny(ConfigLoader.ValidateSchema(_bytes).Where(e => e.Severity == Severity.Error).ToList());

    private static void ThrowIfAny(List<ValidationError> errors)
    {
        if (errors.Count == 0)
            return;
        var more = errors.Count > 1 ? $" (and {errors.Count - 1} more: run `runcs validate`)" : "";
        throw new RuntimeException($"invalid config.json: config.json:{errors[0]}{more}");
    }
}
