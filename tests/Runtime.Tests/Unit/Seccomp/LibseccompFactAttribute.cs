using Runc.Sharp.Runtime.Security.Seccomp;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Unit.Seccomp;

/// <summary>A fact that needs libseccomp.so.2 (apt-get install libseccomp2); skipped with that reason without it.</summary>
public sealed class LibseccompFactAttribute : FactAttribute
{
    public LibseccompFactAttribute()
    {
        if (!LibSeccomp.IsAvailable)
            Skip = $"{LibSeccomp.LibraryName} cannot be loaded (apt-get install libseccomp2)";
    }
}
