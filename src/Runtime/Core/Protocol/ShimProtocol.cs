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

    public const uint SyncChildPid = 1;
    public const uint SyncError = 2;
    public const int SyncMsgMax = 1024;

    public const int StageNone = -1;
    public const int StageInit = 1;
    public const int StageExec = 2;
}
