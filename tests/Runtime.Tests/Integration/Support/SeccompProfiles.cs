using System.Text.Json.Nodes;

namespace Runc.Sharp.Runtime.Tests.Integration.Support;

/// <summary>linux.seccomp documents for the tests.</summary>
public static class SeccompProfiles
{
    public static JsonObject Rule(string action, params string[] names) =>
        new() { ["names"] = Bundle.Strings(names), ["action"] = action };

    public static JsonObject Arg(int index, string op, ulong value, ulong? valueTwo = null)
    {
        var arg = new JsonObject { ["index"] = index, ["value"] = value, ["op"] = op };
        if (valueTwo is { } two)
            arg["valueTwo"] = two;
        return arg;
    }

    public static JsonObject With(this JsonObject rule, params JsonObject[] args)
    {
        rule["args"] = new JsonArray(args.Select(a => (JsonNode?)a).ToArray());
        return rule;
    }

    /// <summary>Allow everything but what the rules say.</summary>
    public static JsonObject AllowBut(params JsonObject[] rules) => new()
    {
        ["defaultAction"] = "SCMP_ACT_ALLOW",
        ["architectures"] = Bundle.Strings(["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"]),
        ["syscalls"] = new JsonArray(rules.Select(r => (JsonNode?)r).ToArray()),
    };

    /// <summary>
    /// A profile shaped like the one Docker sends for a default container (its include/exclude
    /// filtering already applied, as the engine does before the runtime sees it): deny by
    /// default with EPERM, three x86 architectures, one long allow list, argument-checked
    /// socket, personality and clone rules, and clone3 answered with ENOSYS so that the C
    /// library falls back to clone. The allow list is this project's own, grouped by purpose.
    /// </summary>
    public static JsonObject DockerLike(uint defaultErrnoRet = 1, bool clone3Enosys = true)
    {
        string[] files =
        [
            "access", "faccessat", "faccessat2", "chdir", "fchdir", "getcwd", "chmod", "fchmod", "fchmodat", "chown",
            "fchown", "fchownat", "lchown", "chown32", "fchown32", "lchown32", "open", "openat", "openat2", "creat",
            "close", "close_range", "read", "readv", "pread64", "preadv", "preadv2", "write", "writev", "pwrite64",
            "pwritev", "pwritev2", "lseek", "_llseek", "stat", "fstat", "lstat", "newfstatat", "statx", "stat64",
            "fstat64", "lstat64", "fstatat64", "statfs", "fstatfs", "statfs64", "fstatfs64", "getdents", "getdents64",
            "mkdir", "mkdirat", "rmdir", "rename", "renameat", "renameat2", "link", "linkat", "unlink", "unlinkat",
            "symlink", "symlinkat", "readlink", "readlinkat", "truncate", "ftruncate", "truncate64", "ftruncate64",
            "fallocate", "fsync", "fdatasync", "sync", "syncfs", "sync_file_range", "flock", "fcntl", "fcntl64", "dup",
            "dup2", "dup3", "pipe", "pipe2", "ioctl", "mknod", "mknodat", "umask", "utime", "utimes", "utimensat",
            "futimesat", "getxattr", "lgetxattr", "fgetxattr", "setxattr", "lsetxattr", "fsetxattr", "listxattr",
            "llistxattr", "flistxattr", "removexattr", "lremovexattr", "fremovexattr", "sendfile", "sendfile64",
            "splice", "tee", "vmsplice", "copy_file_range", "readahead", "fadvise64", "inotify_init", "inotify_init1",
            "inotify_add_watch", "inotify_rm_watch", "memfd_create", "name_to_handle_at",
        ];
        string[] processes =
        [
            "execve", "execveat", "exit", "exit_group", "fork", "vfork", "wait4", "waitid", "kill", "tkill", "tgkill",
            "getpid", "getppid", "gettid", "getpgid", "setpgid", "getpgrp", "getsid", "setsid", "getuid", "geteuid",
            "getgid", "getegid", "getresuid", "getresgid", "getgroups", "setuid", "setgid", "setreuid", "setregid",
            "setresuid", "setresgid", "setgroups", "setfsuid", "setfsgid", "getuid32", "geteuid32", "getgid32",
            "getegid32", "setuid32", "setgid32", "setresuid32", "setresgid32", "setgroups32", "capget", "capset",
            "prctl", "arch_prctl", "set_tid_address", "set_robust_list", "get_robust_list", "rseq", "getrlimit",
            "setrlimit", "prlimit64", "ugetrlimit", "getrusage", "getpriority", "setpriority", "sched_yield",
            "sched_getaffinity", "sched_setaffinity", "sched_getparam", "sched_setparam", "sched_getscheduler",
            "sched_setscheduler", "sched_get_priority_max", "sched_get_priority_min", "sched_getattr", "sched_setattr",
            "sched_rr_get_interval", "getcpu", "uname", "sysinfo", "times", "restart_syscall", "seccomp",
            "pidfd_open", "pidfd_send_signal", "ioprio_get", "ioprio_set", "set_thread_area", "get_thread_area",
        ];
        string[] memory =
        [
            "brk", "mmap", "mmap2", "munmap", "mremap", "mprotect", "madvise", "mincore", "msync", "mlock", "mlock2",
            "munlock", "mlockall", "munlockall", "membarrier", "remap_file_pages", "pkey_alloc", "pkey_free",
            "pkey_mprotect", "futex", "futex_waitv",
        ];
        string[] signalsAndTime =
        [
            "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigsuspend", "rt_sigpending", "rt_sigtimedwait",
            "rt_sigqueueinfo", "rt_tgsigqueueinfo", "sigaltstack", "sigreturn", "sigprocmask", "signalfd", "signalfd4",
            "pause", "alarm", "nanosleep", "clock_nanosleep", "clock_gettime", "clock_getres", "gettimeofday", "time",
            "getitimer", "setitimer", "timer_create", "timer_delete", "timer_settime", "timer_gettime",
            "timer_getoverrun", "timerfd_create", "timerfd_settime", "timerfd_gettime",
        ];
        string[] eventsAndIpc =
        [
            "poll", "ppoll", "select", "_newselect", "pselect6", "epoll_create", "epoll_create1", "epoll_ctl",
            "epoll_wait", "epoll_pwait", "epoll_pwait2", "eventfd", "eventfd2", "io_setup", "io_destroy", "io_submit",
            "io_cancel", "io_getevents", "getrandom", "shmget", "shmat", "shmdt", "shmctl", "semget", "semop",
            "semctl", "semtimedop", "msgget", "msgsnd", "msgrcv", "msgctl", "mq_open", "mq_unlink", "mq_timedsend",
            "mq_timedreceive", "mq_notify", "mq_getsetattr", "ipc",
        ];
        string[] network =
        [
            "socketpair", "bind", "listen", "accept", "accept4", "connect", "getsockname", "getpeername", "getsockopt",
            "setsockopt", "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg", "recvmmsg", "shutdown", "socketcall",
        ];
        var syscalls = new JsonArray
        {
            Rule("SCMP_ACT_ALLOW", [.. files, .. processes, .. memory, .. signalsAndTime, .. eventsAndIpc, .. network]),
            Rule("SCMP_ACT_ALLOW", "socket").With(Arg(0, "SCMP_CMP_NE", 40)),
        };
        foreach (var persona in new ulong[] { 0, 8, 0x20000, 0x20008, 0xffffffff })
            syscalls.Add(Rule("SCMP_ACT_ALLOW", "personality").With(Arg(0, "SCMP_CMP_EQ", persona)));
        // clone without any CLONE_NEW* flag (CLONE_NEWNS|CGROUP|UTS|IPC|USER|PID|NET = 0x7e020000).
        syscalls.Add(Rule("SCMP_ACT_ALLOW", "clone").With(Arg(0, "SCMP_CMP_MASKED_EQ", 0x7e020000, 0)));
        if (clone3Enosys)
        {
            var clone3 = Rule("SCMP_ACT_ERRNO", "clone3");
            clone3["errnoRet"] = 38;
            syscalls.Add(clone3);
        }
        return new JsonObject
        {
            ["defaultAction"] = "SCMP_ACT_ERRNO",
            ["defaultErrnoRet"] = defaultErrnoRet,
            ["architectures"] = Bundle.Strings(["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"]),
            ["syscalls"] = syscalls,
        };
    }
}
