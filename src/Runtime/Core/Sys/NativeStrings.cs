using System.Runtime.InteropServices;
using System.Text;

namespace Runc.Sharp.Runtime.Sys;

/// <summary>NUL-terminated UTF-8 strings and char*[] arrays for execve-style calls; freed on dispose.</summary>
public sealed unsafe class NativeStrings : IDisposable
{
    private readonly List<nint> _owned = [];

    public byte* String(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s + "\0");
        var p = Marshal.AllocHGlobal(bytes.Length);
        Marshal.Copy(bytes, 0, p, bytes.Length);
        _owned.Add(p);
        return (byte*)p;
    }

    /// <summary>A NULL-terminated array of the strings.</summary>
    public byte** Array(IReadOnlyList<string> items)
    {
        var p = (byte**)Marshal.AllocHGlobal((items.Count + 1) * sizeof(nint));
        _owned.Add((nint)p);
        for (var i = 0; i < items.Count; i++)
            p[i] = String(items[i]);
        p[items.Count] = null;
        return p;
    }

    public void Dispose()
    {
        foreach (var p in _owned)
            Marshal.FreeHGlobal(p);
        _owned.Clear();
    }
}
