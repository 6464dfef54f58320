namespace Runc.Sharp.Runtime.Cgroups.Devices;

/// <summary>
/// Builds the BPF_PROG_TYPE_CGROUP_DEVICE program for a rule list, as runc's devicefilter does:
/// load the access type, access bits, major and minor into r2..r5, then one block per exception
/// (first match decides), then the default verdict. r0 = 1 allows, 0 denies.
/// </summary>
internal static class DeviceFilterProgram
{
    public const string License = "Apache";

    // struct bpf_cgroup_dev_ctx { u32 access_type /* type | access << 16 */; u32 major; u32 minor; }
    private const byte R0 = 0, R1 = 1, R2 = 2, R3 = 3, R4 = 4, R5 = 5;
    private const int DevBlock = 1, DevChar = 2; // BPF_DEVCG_DEV_*
    private const int AccMknod = 1, AccRead = 2, AccWrite = 4; // BPF_DEVCG_ACC_*

    public static List<BpfInstruction> Generate(IEnumerable<DeviceRule> rules) => Generate(DeviceRuleSet.From(rules));

    public static List<BpfInstruction> Generate(DeviceRuleSet set)
    {
        var program = new List<BpfInstruction>
        {
            BpfInstruction.LoadWord(R2, R1, 0),
            BpfInstruction.AndImm32(R2, 0xFFFF),
            BpfInstruction.LoadWord(R3, R1, 0),
            BpfInstruction.RShImm32(R3, 16),
            BpfInstruction.LoadWord(R4, R1, 4),
            BpfInstruction.LoadWord(R5, R1, 8),
        };
        foreach (var rule in set.Exceptions())
            AppendBlock(program, rule);
        program.Add(BpfInstruction.MovImm32(R0, set.DefaultAllow ? 1 : 0));
        program.Add(BpfInstruction.Exit());
        return program;
    }

    private static void AppendBlock(List<BpfInstruction> program, DeviceRule rule)
    {
        var type = rule.Type == 'b' ? DevBlock : DevChar;
        var access = ToBpfAccess(DeviceRule.AccessBits.Parse(rule.Access));
        var block = new List<BpfInstruction> { BpfInstruction.JneImm(R2, type, 0) };
        // rwm matches any access, so the access check is left out.
        if (access != (AccMknod | AccRead | AccWrite))
        {
            // The request's bits must all be among the rule's: (r3 & access) == r3, r1 as scratch.
            block.Add(BpfInstruction.MovReg32(R1, R3));
            block.Add(BpfInstruction.AndImm32(R1, access));
            block.Add(BpfInstruction.JneReg(R1, R3, 0));
        }
        if (rule.Major != DeviceRule.Wildcard)
            block.Add(BpfInstruction.JneImm(R4, unchecked((int)(uint)rule.Major), 0));
        if (rule.Minor != DeviceRule.Wildcard)
            block.Add(BpfInstruction.JneImm(R5, unchecked((int)(uint)rule.Minor), 0));
        block.Add(BpfInstruction.MovImm32(R0, rule.Allow ? 1 : 0));
        block.Add(BpfInstruction.Exit());
        // Every mismatch jumps to the instruction after this block (the next block or the default).
        for (var i = 0; i < block.Count; i++)
            if (block[i].IsJump)
                block[i] = block[i].WithOffset((short)(block.Count - i - 1));
        program.AddRange(block);
    }

    private static int ToBpfAccess(int bits) =>
        ((bits & DeviceRule.AccessBits.Read) != 0 ? AccRead : 0)
        | ((bits & DeviceRule.AccessBits.Write) != 0 ? AccWrite : 0)
        | ((bits & DeviceRule.AccessBits.Mknod) != 0 ? AccMknod : 0);
}
