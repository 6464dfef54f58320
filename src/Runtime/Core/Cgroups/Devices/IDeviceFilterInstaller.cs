namespace Runc.Sharp.Runtime.Cgroups.Devices;

/// <summary>Puts a device filter program on a cgroup2 directory (replaceable in tests).</summary>
internal interface IDeviceFilterInstaller
{
    void Install(string cgroupDir, IReadOnlyList<BpfInstruction> program);
}
