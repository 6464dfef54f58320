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
#define RUNCS_MODE_INIT_NATIVE 2 /* create a container; stage 1 runs a plan in C instead of starting .NET */
#define RUNCS_MODE_EXEC_NATIVE 3 /* join a running container; stage 1 runs a plan in C */

/* Messages from the shim to the runtime: struct { u32 type; s32 value; u32 len; char text[len]; } */
#define RUNCS_SYNC_CHILD_PID 1 /* value: host pid of the stage-1 process */
#define RUNCS_SYNC_ERROR 2     /* value: errno; text: what failed */
#define RUNCS_SYNC_MSG_MAX 1024

/* Stage reported by runcs_shim_stage(). */
#define RUNCS_STAGE_NONE -1 /* not an init process: normal CLI */
#define RUNCS_STAGE_INIT 1  /* inside the new container's namespaces */
#define RUNCS_STAGE_EXEC 2  /* inside a running container's namespaces */

/*
 * The native init plan (RUNCS_MODE_INIT_NATIVE). After SYNC_CHILD_PID the runtime joins stage 1 to
 * its cgroup, then sends one frame (u32 little-endian length, then the plan): u32 magic, u32 flags
 * (RUNCS_PLAN_*), then ops, each struct { u16 op; u16 reserved; u32 len; u8 payload[len]; pad to 4 }.
 * Payload fields, in the order given below: u32 and u64 little-endian; str and bytes as u32 length,
 * the bytes, then a NUL. An empty str stands for NULL where the syscall takes one. Paths "in root"
 * resolve inside the current root fd (OPEN_ROOT) with openat2(RESOLVE_IN_ROOT): never outside it.
 * Stage 1 answers with the C# init's frames (u32 length, then JSON {"type":..., "message":...}):
 * runHooks (then waits for hooksDone or error), ready, error (then exits).
 */
#define RUNCS_PLAN_MAGIC 0x4e4c5052u /* "RPLN" */
#define RUNCS_PLAN_MAX 16777216
#define RUNCS_PLAN_IN_USERNS 1 /* flag: remounts keep the flags the kernel locks in a user namespace */

#define RUNCS_OP_UNSHARE_CGROUPNS 1   /* - */
#define RUNCS_OP_OPEN_PRIVATE_PROC 2  /* -: a pids-only procfs to reopen the exec fifo through, if allowed */
#define RUNCS_OP_MOUNT 3              /* u64 flags; str source, target, fstype, data, describe */
#define RUNCS_OP_OPEN_ROOT 4          /* str path: the root that later "in root" paths resolve in */
#define RUNCS_OP_MOUNT_IN_ROOT 5      /* u32 target kind; u64 flags; str source, dest, fstype, data */
#define RUNCS_OP_REMOUNT_IN_ROOT 6    /* u64 flags; str dest */
#define RUNCS_OP_SETATTR_IN_ROOT 7    /* u64 attr_set, attr_clr; u32 open flags (RUNCS_OPEN_*); str dest */
#define RUNCS_OP_PROPAGATE_IN_ROOT 8  /* u64 flags; str dest */
#define RUNCS_OP_SYMLINK_IN_ROOT 9    /* u32 1: ignore failures; str dir, name, target */
#define RUNCS_OP_MKNOD_IN_ROOT 10     /* u32 mode (with the S_IF* type), uid, gid; u64 dev; str path */
#define RUNCS_OP_BIND_DEVICE 11       /* str path: the host's node bind-mounted there (user namespaces) */
#define RUNCS_OP_LINK_PTMX 12         /* -: /dev/ptmx -> pts/ptmx */
#define RUNCS_OP_RUN_HOOKS 13         /* -: the runtime runs prestart and createRuntime hooks */
#define RUNCS_OP_PIVOT_ROOT 14        /* str rootfs */
#define RUNCS_OP_MOVE_ROOT 15         /* str rootfs (--no-pivot) */
#define RUNCS_OP_OPEN_CONTAINER_PROC 16 /* -: the container's /proc, unless a private one is open */
#define RUNCS_OP_SYSCTL 17            /* str key, path under /proc/sys, value */
#define RUNCS_OP_READONLY_PATH 18     /* str path */
#define RUNCS_OP_MASK_PATH 19         /* str path */
#define RUNCS_OP_READONLY_ROOT 20     /* - */
#define RUNCS_OP_HOSTNAME 21          /* str */
#define RUNCS_OP_DOMAINNAME 22        /* str */
#define RUNCS_OP_CLOSE_FD 23          /* u32 fd */
#define RUNCS_OP_RLIMIT 24            /* u32 resource; u64 soft, hard; str name */
#define RUNCS_OP_ENV 25               /* str NAME=value, in order */
#define RUNCS_OP_DEFAULT_HOME 26      /* u32 uid: HOME from the container's /etc/passwd unless set */
#define RUNCS_OP_CWD 27               /* str */
#define RUNCS_OP_ARG 28               /* str, in order */
#define RUNCS_OP_LOOKUP 29            /* -: args[0] found on the environment's PATH, as Go's LookPath */
#define RUNCS_OP_EXIT_ON_SIGNALS 30   /* -: a terminating signal ends the waiting init */
#define RUNCS_OP_SECCOMP 31           /* u32 flags; bytes filter (struct sock_filter[]) */
#define RUNCS_OP_DROP_BOUNDING 32     /* u64 capabilities kept; u32 last capability */
#define RUNCS_OP_SET_USER 33          /* u32 uid, gid, 1: set groups, count; then count u32 gids */
#define RUNCS_OP_SET_CAPS 34          /* u64 effective, permitted, inheritable, ambient */
#define RUNCS_OP_NO_NEW_PRIVS 35      /* - */
#define RUNCS_OP_UMASK 36             /* u32 */
#define RUNCS_OP_READY 37             /* -: tell the runtime the container is created */
#define RUNCS_OP_WAIT_START 38        /* u32 exec fifo fd: blocks until `start` */
#define RUNCS_OP_EXEC 39              /* u32 first fd closed on exec */
#define RUNCS_OP_FAIL 40              /* str: the error C# init would report at this point */
#define RUNCS_OP_CONSOLE 41           /* u32 console socket fd, 1: bind the pty on /dev/console, 1: size given, rows, columns */
#define RUNCS_OP_ATTACH_MOUNT 42      /* u32 fd of a detached mount the runtime passed; str dest (mkdir -p) */
#define RUNCS_OP_SEND_PIDFD 43        /* u32 --pidfd-socket fd; str what this process is ("standard", "setns") */

#define RUNCS_TARGET_DIR 0        /* MOUNT_IN_ROOT: mkdir -p the destination */
#define RUNCS_TARGET_STRICT_DIR 1 /* an existing real directory (no symlink), else mkdir -p */
#define RUNCS_TARGET_LIKE_SOURCE 2 /* a directory or an empty file, as the source is */

#define RUNCS_OPEN_MISSING_OK 1  /* SETATTR_IN_ROOT: nothing to do when the path does not exist */
#define RUNCS_OPEN_NO_SYMLINKS 2 /* ... and no symlink may be on the path */

#endif

