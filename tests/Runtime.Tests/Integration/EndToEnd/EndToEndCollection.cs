using Xunit;

namespace Runc.Sharp.Runtime.Tests.Integration.EndToEnd;

/// <summary>
/// The client tests run one daemon at a time, alone (they are heavy on a 2-core machine and
/// their daemons' timeouts are tight enough to suffer from a loaded one).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "end-to-end clients";
}
