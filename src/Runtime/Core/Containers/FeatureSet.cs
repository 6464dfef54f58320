using Runc.Sharp.Runtime.Namespaces;
using Runc.Sharp.Runtime.Rootfs;
using Runc.Sharp.Runtime.Security;
using Runc.Sharp.Runtime.Security.Seccomp;
using Runc.Sharp.Spec.Model;

namespace Runc.Sharp.Runtime.Containers;

/// <summary>
/// features.json: only what runcs really does today. Callers act on it (containerd enables
/// rro and idmap mounts from it), so a claim here is a promise.
/// </summary>
public static class FeatureSet
{
    public static Features Build(string version, string commit)
    {
        var seccomp = SeccompFeatureSet.Build();
        var features = Build(version, commit, seccomp);
        if (seccomp.Enabled == true && LibSeccomp.VersionString() is { } libseccomp)
            features.Annotations![SeccompFeatureSet.LibseccompVersionAnnotation] = libseccomp;
        return features;
    }

    private static Features Build(string version, string commit, SeccompFeatures seccomp) => new()
    {
        OciVersionMin = "1.0.0",
        OciVersionMax = SpecVersion.Current,
        Hooks = ["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"],
        // As runc's list: idmap and ridmap are announced by mountExtensions.idmap.
        MountOptions = MountOptions.KnownNames.Where(n => n is not ("idmap" or "ridmap")).ToList(),
        Linux = new LinuxFeatures
        {
            Namespaces = NamespaceKinds.All.Select(k => k.Type).ToList(),
            Capabilities = CapabilityNames.ByNumber.ToList(),
            Cgroup = new CgroupFeatures { V1 = true, V2 = true, Systemd = false, SystemdUser = false, Rdma = false },
            Seccomp = seccomp,
            Apparmor = new FeatureToggle { Enabled = false },
            Selinux = new FeatureToggle { Enabled = false },
            IntelRdt = new IntelRdtFeatures { Enabled = false },
            MountExtensions = new MountExtensionsFeatures { Idmap = new FeatureToggle { Enabled = true } },
            NetDevices = new FeatureToggle { Enabled = false },
        },
        Annotations = new Dictionary<string, string>
        {
            ["io.github.runc-sharp.version"] = version,
            ["io.github.runc-sharp.commit"] = commit,
        },
        PotentiallyUnsafeConfigAnnotations = ["bundle"],
    };
}
