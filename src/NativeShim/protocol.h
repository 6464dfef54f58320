/*
 * The contract between the runcs runtime (C#, src/Runtime/Core/Protocol/ShimProtocol.cs) and the
 * shim that runs as an ELF constructor of `runcs init` before the .NET runtime starts.
 * A test parses this header and compares every constant with the C# mirror.
 *
 *   runtime (parent)                       runcs init: stage 0 (SHIM)        stage 1 (INIT / EXEC)
 *   spawn sealed exe, env _RUNCS_INITPIPE=fd
 *   [join cgroup for stage 0's pid]
 *   bootstrap message (TLV)  ----------->  setns joins, unshare/timens,
 *                                          clone3(CLONE_NEW* | CLONE_PARENT) -->  wait for GO
 *                                          write uid/gid maps of stage 1
 *                                          (not root: stage 1 is dumpable until then, so
 *                                          that its /proc files are ours to write; a map
 *                                          the kernel refuses goes through newuidmap/newgidmap)
 *   <--------------------------------------- SYNC_CHILD_PID(pid)
 *                                          GO --------------------------------->  setresuid/gid 0,
 *                                          exit(0)                               return: .NET starts
 *   <--------------------------------------------------------------------------- C# init messages
 *   Any failure: SYNC_ERROR(errno, message) and exit(1).
 */
#ifndef RUNCS_PROTOCOL_H
#define RUNCS_PROTOCOL_H

/* Environment variable holding the inherited socket's fd number. */
#define RUNCS_ENV_INITPIPE "_RUNCS_INITPIPE"

/* Bootstrap message: header then TLV attributes, each padded to 4 bytes. */
#define RUNCS_BOOTSTRAP_MAGIC 0x52554e43u /* "RUNC" */
#define RUNCS_BOOTSTRAP_MAX 65536
/* struct { u32 magic; u32 total_len (header included); } then attributes:
 * struct { u16 type; u16 reserved; u32 len (payload only); u8 payload[len]; pad to 4 } */

#define RUNCS_ATTR_CLONE_FLAGS 1   /* u32: CLONE_NEW* flags to create */
#define RUNCS_ATTR_NS_PATH 2       /* u32 CLONE_NEW* type, then the path (no NUL); repeated */
#define RUNCS_ATTR_UID_MAP 3       /* uid_map text */
#define RUNCS_ATTR_GID_MAP 4       /* gid_map text */
#define RUNCS_ATTR_SETGROUPS_DENY 5 /* u32: 1 writes "deny" to setgroups before gid_map */
#define RUNCS_ATTR_TIME_OFFSETS 6  /* timens_offsets text */
#define RUNCS_ATTR_OOM_SCORE_ADJ 7 /* decimal text */
#define RUNCS_ATTR_MODE 8          /* u32: RUNCS_MODE_* */
#define RUNCS_ATTR_UIDMAP_TOOL 9   /* newuidmap's path: used when a direct uid_map write is refused (EPERM) */
#define RUNCS_ATTR_GIDMAP_TOOL 10  /* newgidmap's path: the same for gid_map */

#define RUNCS_MODE_INIT 0 /* create a container */
#define RUNCS_MODE_EXEC 1 /* join a running container */

/* Messages from the shim to the runtime: struct { u32 type; s32 value; u32 len; char text[len]; } */
#define RUNCS_SYNC_CHILD_PID 1 /* value: host pid of the stage-1 process */
#define RUNCS_SYNC_ERROR 2     /* value: errno; text: what failed */
#define RUNCS_SYNC_MSG_MAX 1024

/* Stage reported by runcs_shim_stage(). */
#define RUNCS_STAGE_NONE -1 /* not an init process: normal CLI */
#define RUNCS_STAGE_INIT 1  /* inside the new container's namespaces */
#define RUNCS_STAGE_EXEC 2  /* inside a running container's namespaces */

#endif
