namespace Runc.Sharp.Spec.Model;

/// <summary>The OCI runtime-spec version this model is compiled against.</summary>
public static class SpecVersion
{
    /// <summary>
    /// Written as <c>ociVersion</c> by <c>runc spec</c> and as <c>ociVersionMax</c> by
    /// <c>runc features</c>. Single source of truth for the compiled spec version.
    /// </summary>
    public const string Current = "1.3.0";
}
