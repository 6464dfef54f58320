using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// <c>linux.devices</c>: absolute unique paths, a known type, major/minor unless a fifo, and a
/// file mode that is permission bits (runc strips the S_IFMT type bits, so those only warn).
/// </summary>
internal sealed class DevicesRule : ISemanticRule
{
    private const long PermissionBits = 0xFFF;   // 07777
    private const long TypeBits = 0xF000;        // S_IFMT, 0170000

    public void Check(SemanticContext context)
    {
        if (!context.Linux.TryArray("devices", out var devices))
        {
            return;
        }

        var paths = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (index, device) in devices.ObjectItems())
        {
            var path = "$.linux.devices".At(index);
            CheckPath(context, device, path, index, paths);
            CheckType(context, device, path);
            CheckFileMode(context, device, path);
        }
    }

    private static void CheckPath(SemanticContext context, JsonElement device, string path, int index, Dictionary<string, int> paths)
    {
        if (!device.TryString("path", out var devicePath))
        {
            return;
        }

        if (!PathText.IsAbsolute(devicePath))
        {
            context.Error(path.Dot("path"), $"device path {Text.Q(devicePath)} must be an absolute path");
        }
        else if (paths.TryGetValue(devicePath, out var first))
        {
            context.Error(path.Dot("path"), $"device path {Text.Q(devicePath)} is already used at index {first}");
        }
        else
        {
            paths[devicePath] = index;
        }
    }

    private static void CheckType(SemanticContext context, JsonElement device, string path)
    {
        if (!device.TryString("type", out var type))
        {
            return;
        }

        switch (type)
        {
            case "c" or "b" or "u":
                foreach (var field in new[] { "major", "minor" })
                {
                    if (!device.Has(field))
                    {
                        context.Error(path.Dot(field), $"device of type {Text.Q(type)} needs {field}");
                    }
                }

                break;
            case "p":
                if (device.Has("major") || device.Has("minor"))
                {
                    context.Warning(path, "major/minor are ignored for a fifo device (type \"p\")");
                }

                break;
            default:
                context.Error(path.Dot("type"), $"device type {Text.Q(type)} must be one of \"c\", \"b\", \"u\" or \"p\"");
                break;
        }
    }

    private static void CheckFileMode(SemanticContext context, JsonElement device, string path)
    {
        if (!device.TryInt64("fileMode", out var mode))
        {
            return;
        }

        if (mode < 0 || (mode & ~(PermissionBits | TypeBits)) != 0)
        {
            context.Error(path.Dot("fileMode"), $"device fileMode {Text.N(mode)} is not a valid mode (permission bits 07777)");
        }
        else if ((mode & TypeBits) != 0)
        {
            context.Warning(path.Dot("fileMode"), $"device fileMode {Text.N(mode)} carries file type bits, which are ignored");
        }
    }
}
