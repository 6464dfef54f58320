using System.Text.Json;

namespace Runc.Sharp.Spec.Model;

/// <summary>
/// Implemented by every object type of the data model. <see cref="Extra"/> collects
/// JSON members the model does not know (vendor extensions, fields from newer spec
/// versions, typos) so that read → write round-trips without loss. Unknown members are
/// written back after the known ones.
/// </summary>
public interface IExtensible
{
    /// <summary>Unknown JSON members, in document order; null when there were none.</summary>
    Dictionary<string, JsonElement>? Extra { get; set; }
}
