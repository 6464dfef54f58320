using System.Text.Json.Serialization;
using Runc.Sharp.Runtime.Containers;

namespace Runc.Sharp.Cli.Output;

[JsonSerializable(typeof(StateView))]
[JsonSerializable(typeof(List<StateView>))]
[JsonSerializable(typeof(List<int>))]
public sealed partial class ContainersOutputContext : JsonSerializerContext;
