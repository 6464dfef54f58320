using System.Globalization;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>Go's time.RFC3339Nano in UTC, as runc writes `created`: trailing zeros of the fraction dropped.</summary>
public static class Timestamps
{
    public static string Rfc3339Nano(DateTime utc)
    {
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        return text + "Z";
    }
}
