using System.Text;

namespace Runc.Sharp.Runtime.Sys;

/// <summary>
/// struct sockaddr_un for an AF_UNIX address: a path, or with a leading '@' an abstract name
/// (sd_notify's convention: the '@' stands for the leading NUL byte, nothing follows the name).
/// </summary>
public static class UnixAddress
{
    private const int PathCapacity = 108; // sizeof(sun_path)

    /// <summary>The bytes to pass to bind/connect; their length is the address length.</summary>
    public static byte[] Encode(string address)
    {
        if (address.Length == 0)
            throw new SyscallException("unix socket address", Errno.EINVAL, "(empty)");
        var abstractName = address[0] == '@';
        var name = Encoding.UTF8.GetBytes(abstractName ? address[1..] : address);
        // A path needs its terminating NUL; an abstract name needs its leading one.
        if (name.Length + 1 > PathCapacity)
            throw new SyscallException("unix socket address", Errno.EINVAL, $"{address} (longer than {PathCapacity - 1} bytes)");
        var bytes = new byte[2 + 1 + name.Length];
        bytes[0] = LibC.AF_UNIX; // sa_family, little-endian
        name.CopyTo(bytes, abstractName ? 3 : 2);
        return bytes;
    }
}
