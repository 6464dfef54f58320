namespace Runc.Sharp.Runtime.Protocol;

/// <summary>
/// Mirror of src/NativeShim/protocol.h (a test compares the two): the bootstrap TLV sent to
/// `runcs init` and the messages its shim sends back.
/// </summary>
public static class ShimProtocol
{
    public const string EnvInitPipe = "_RUNCS_INITPIPE";

    public const uint BootstrapMagic = 0x52554e43;
    public const int BootstrapMax = 65536;

    public const ushort AttrCloneFlags = 1;
    public const ushort AttrNsPath = 2;
    public const ushort AttrUidMap = 3;
    public const ushort AttrGidMap = 4;
    public const ushort AttrSetgroupsDeny = 5;
    public const ushort AttrTimeOffsets = 6;
    public const ushort AttrOomScoreAdj = 7;
    public const ushort AttrMode = 8;
    public const ushort AttrUidmapTool = 9;
    public const ushort AttrGidmapTool = 10;

    public const uint ModeInit = 0;
    public const uint ModeExec = 1;
    public const uint ModeInitNative = 2;
    public const uint ModeExecNative = 3;

    public const uint SyncChildPid = 1;
    public const uint SyncError = 2;
    public const int SyncMsgMax = 1024;

    public const int StageNone = -1;
    public const int StageInit = 1;
    public const int StageExec = 2;

    // The native init plan (see protocol.h and NativeInit/).
    public const uint PlanMagic = 0x4e4c5052;
    public const int PlanMax = 16777216;
    public const uint PlanInUserns = 1;
    public const ushort OpUnshareCgroupns = 1;
    public const ushort OpOpenPrivateProc = 2;
    public const ushort OpMount = 3;
    public const ushort OpOpenRoot = 4;
    public const ushort OpMountInRoot = 5;
    public const ushort OpRemountInRoot = 6;
    public const ushort OpSetattrInRoot = 7;
    public const ushort OpPropagateInRoot = 8;
    public const ushort OpSymlinkInRoot = 9;
    public const ushort OpMknodInRoot = 10;
    public const ushort OpBindDevice = 11;
    public const ushort OpLinkPtmx = 12;
    public const ushort OpRunHooks = 13;
    public const ushort OpPivotRoot = 14;
    public const ushort OpMoveRoot = 15;
    public const ushort OpOpenContainerProc = 16;
    public const ushort OpSysctl = 17;
    public const ushort OpReadonlyPath = 18;
    public const ushort OpMaskPath = 19;
    public const ushort OpReadonlyRoot = 20;
    public const ushort OpHostname = 21;
    public const ushort OpDomainname = 22;
    public const ushort OpCloseFd = 23;
    public const ushort OpRlimit = 24;
    public const ushort OpEnv = 25;
    public const ushort OpDefaultHome = 26;
    public const ushort OpCwd = 27;
    public const ushort OpArg = 28;
    public const ushort OpLookup = 29;
    public const ushort OpExitOnSignals = 30;
    public const ushort OpSeccomp = 31;
    public const ushort OpDropBounding = 32;
    public const ushort OpSetUser = 33;
    public const ushort OpSetCaps = 34;
    public const ushort OpNoNewPrivs = 35;
    public const ushort OpUmask = 36;
    public const ushort OpReady = 37;
    public const ushort OpWaitStart = 38;
    public const ushort OpExec = 39;
    public const ushort OpFail = 40;
    public const ushort OpConsole = 41;
    public const ushort OpAttachMount = 42;
    public const ushort OpSendPidfd = 43;
    public const uint TargetDir = 0;
    public const uint TargetStrictDir = 1;
    public const uint TargetLikeSource = 2;
    public const uint OpenMissingOk = 1;
    public const uint OpenNoSymlinks = 2;
}
