namespace Runc.Sharp.Spec.Validation.Semantic.Rules;

/// <summary>
/// <c>linux.netDevices</c> moves host interfaces into the container, so it needs a network
/// namespace, and both the host name (the key) and the new <c>name</c> must be valid
/// interface names, the latter unique in the container.
/// </summary>
internal sealed class NetDevicesRule : ISemanticRule
{
    // IFNAMSIZ is 16 including the terminating nul.
    private const int MaxInterfaceName = 15;

    public void Check(SemanticContext context)
    {
        if (!context.Linux.TryObject("netDevices", out var devices))
        {
            return;
        }

        const string basePath = "$.linux.netDevices";
        if (devices.Properties().Any() && !context.Namespaces.Contains(NamespaceSet.Network))
        {
            context.Error(basePath, "netDevices need a network namespace to move the devices into");
        }

        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var device in devices.Properties())
        {
            var path = basePath.Dot(device.Name);
            if (!IsInterfaceName(device.Name))
            {
                context.Error(path, $"netDevices key {Text.Q(device.Name)} is not a valid interface name");
            }

            var target = device.Value.TryString("name", out var name) && name.Length > 0 ? name : device.Name;
            if (!ReferenceEquals(target, device.Name) && !IsInterfaceName(target))
            {
                context.Error(path.Dot("name"), $"netDevices name {Text.Q(target)} is not a valid interface name");
            }
            else if (targets.TryGetValue(target, out var other))
            {
                context.Error(path, $"netDevices {Text.Q(device.Name)} and {Text.Q(other)} would both be named {Text.Q(target)} in the container");
            }
            else
            {
                targets[target] = device.Name;
            }
        }
    }

    private static bool IsInterfaceName(string name) =>
        name.Length > 0 && System.Text.Encoding.UTF8.GetByteCount(name) <= MaxInterfaceName && name is not ("." or "..") &&
        !name.Any(c => c == '/' || c == ':' || char.IsWhiteSpace(c) || char.IsControl(c));
}
