# config.md "process" and runtime-linux.md "File descriptors", checked from inside.

# config.md process.args: "with similar semantics to IEEE Std 1003.1-2008 execvp's argv".
case_process_args() {
  new_bundle
  cfg process.args "$(json_strs /bin/probe args "two words" "" 'quote"d' 'back\slash' '$HOME')"
  run_ok
  expect argc 7
  expect arg.0 /bin/probe
  expect arg.1 args
  expect arg.2 "two words"
  expect arg.3 ""
  expect arg.4 'quote"d'
  expect arg.5 'back\slash'
  expect arg.6 '$HOME'
}

# config.md process.args: "This specification extends the IEEE standard in that at least one
# entry is REQUIRED (non-Windows), and that entry is used with the same semantics as execvp's
# file."
case_process_args_path_lookup() {
  new_bundle
  cfg process.env '["PATH=/nonexistent:/bin"]'
  cfg process.args '["probe", "echo=found=1"]'
  run_ok
  expect found 1
}

# config.md process.env: "env (array of strings, OPTIONAL) with the same semantics as IEEE Std
# 1003.1-2008's environ."
case_process_env() {
  new_bundle
  cfg process.env "$(json_strs PATH=/bin FOO=bar 'SPACED=a b  c' 'EQUALS=x=y=z' EMPTY=)"
  probe_args env
  run_ok
  expect env.PATH /bin
  expect env.FOO bar
  expect env.SPACED 'a b  c'
  expect env.EQUALS 'x=y=z'
  expect env.EMPTY ''
}

# config.md process.cwd: "cwd (string, REQUIRED) is the working directory that will be set for
# the executable. This value MUST be an absolute path."
case_process_cwd() {
  new_bundle
  mkdir -p "$BUNDLE/rootfs/srv/work"
  cfg process.cwd '"/srv/work"'
  probe_args cwd
  run_ok
  expect cwd /srv/work
}

# config.md user: "uid (int, REQUIRED) specifies the user ID in the container namespace. gid
# (int, REQUIRED) specifies the group ID in the container namespace. additionalGids (array of
# ints, OPTIONAL) specifies additional group IDs in the container namespace to be added to the
# process."
case_process_user() {
  new_bundle
  cfg process.user '{"uid": 1000, "gid": 1001, "additionalGids": [5, 6, 2000]}'
  probe_args ids
  run_ok
  expect uid 1000
  expect euid 1000
  expect suid 1000
  expect gid 1001
  expect egid 1001
  expect sgid 1001
  local groups
  groups=$(required groups)
  local g
  for g in 5 6 2000; do has_item "$groups" "$g" || fail "groups are '$groups', want 5, 6 and 2000"; done
  for g in ${groups//,/ }; do
    [[ $g =~ ^(5|6|2000|1001)$ ]] || fail "groups are '$groups': $g was not asked for"
  done
}

# config.md user: "umask (int, OPTIONAL) specifies the umask of the user."
case_process_umask() {
  new_bundle
  cfg process.user '{"uid": 0, "gid": 0, "umask": 23}'
  probe_args umask
  run_ok
  expect umask 0027
}

# config-linux.md (process.capabilities): "capabilities (object, OPTIONAL) is an object containing
# arrays that specifies the sets of capabilities for the process ... effective, bounding,
# inheritable, permitted, ambient".
# CAP_CHOWN is bit 0 (0x1), CAP_KILL bit 5 (0x20), CAP_NET_BIND_SERVICE bit 10 (0x400).
# For uid 0 the kernel's execve makes the effective set equal to the permitted set, so only a
# narrower permitted set is observable.
case_process_capabilities() {
  new_bundle
  cfg process.capabilities '{"bounding": ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"], "permitted": ["CAP_CHOWN", "CAP_KILL"], "effective": ["CAP_KILL"], "inheritable": ["CAP_CHOWN"]}'
  probe_args caps
  run_ok
  expect cap.bnd 0000000000000421
  expect cap.prm 0000000000000021
  expect cap.eff 0000000000000021
  expect cap.inh 0000000000000001
  expect cap.amb 0000000000000000
}

# The ambient set is what a non-root process keeps across execve: CAP_NET_BIND_SERVICE for uid
# 1000 (ambient capabilities must also be permitted and inheritable).
case_process_capabilities_ambient() {
  new_bundle
  local caps='["CAP_NET_BIND_SERVICE"]'
  cfg process.user '{"uid": 1000, "gid": 1000}'
  cfg process.capabilities "{\"bounding\": $caps, \"permitted\": $caps, \"effective\": $caps, \"inheritable\": $caps, \"ambient\": $caps}"
  probe_args caps
  run_ok
  expect cap.amb 0000000000000400
  expect cap.eff 0000000000000400
  expect cap.prm 0000000000000400
}

# A process with no capabilities listed gets none (no set is filled in by default).
case_process_capabilities_empty() {
  new_bundle
  cfg process.user '{"uid": 1000, "gid": 1000}'
  cfg process.capabilities '{}'
  probe_args caps
  run_ok
  expect cap.eff 0000000000000000
  expect cap.prm 0000000000000000
  expect cap.amb 0000000000000000
}

# config.md rlimits: "soft (uint64, REQUIRED) the value of the limit enforced for the
# corresponding resource. rlim.rlim_cur MUST match the configured value. hard (uint64, REQUIRED)
# ... rlim.rlim_max MUST match the configured value."
case_process_rlimits() {
  new_bundle
  cfg process.rlimits '[{"type": "RLIMIT_NOFILE", "soft": 256, "hard": 512}, {"type": "RLIMIT_CORE", "soft": 4096, "hard": 8192}, {"type": "RLIMIT_MSGQUEUE", "soft": 1000, "hard": 2000}]'
  probe_args rlimits
  run_ok
  expect rlimit.nofile 256:512
  expect rlimit.core 4096:8192
  expect rlimit.msgqueue 1000:2000
}

# config.md rlimits: "If rlimits contains duplicated entries with same type, the runtime MUST
# generate an error."
case_process_rlimits_duplicate_fails() {
  new_bundle
  cfg process.rlimits '[{"type": "RLIMIT_NOFILE", "soft": 256, "hard": 512}, {"type": "RLIMIT_NOFILE", "soft": 128, "hard": 128}]'
  probe_args echo=ran=1
  must_fail "create with two RLIMIT_NOFILE entries" create
  [ ! -s "$OUT" ] || fail "the process ran"
}

# config.md: "noNewPrivileges (bool, OPTIONAL) setting noNewPrivileges to true prevents the
# process from gaining additional privileges."
case_process_no_new_privileges() {
  new_bundle
  cfg process.noNewPrivileges true
  probe_args nnp
  run_ok
  expect no_new_privs 1
}

case_process_no_new_privileges_off() {
  new_bundle
  cfg process.noNewPrivileges false
  probe_args nnp
  run_ok
  expect no_new_privs 0
}

# config.md: "If oomScoreAdj is set, the runtime MUST set oom_score_adj to the given value."
case_process_oom_score_adj() {
  new_bundle
  cfg process.oomScoreAdj 123
  probe_args oom
  run_ok
  expect oom_score_adj 123
}

# config.md: "If oomScoreAdj is not set, the runtime MUST NOT change the value of
# oom_score_adj." The runtime is started with one more than this runner's value (raising it
# needs no privilege).
case_process_oom_score_adj_unset() {
  local want
  want=$(($(cat /proc/self/oom_score_adj) + 1))
  [ "$want" -le 1000 ] || skip "this runner's oom_score_adj is already 1000"
  new_bundle
  probe_args oom
  write_config
  (
    echo "$want" >"/proc/$BASHPID/oom_score_adj" || exit 1
    exec timeout -k 5 "$RT_TIMEOUT" "$RUNTIME" --root "$STATE_ROOT" run --bundle "$BUNDLE" "$ID" </dev/null >"$OUT" 2>>"$ERR"
  ) || fail "run failed: $(last_error)"
  expect oom_score_adj "$want"
}

# config.md process.terminal: "terminal (bool, OPTIONAL) specifies whether a terminal is attached
# to the process, defaults to false". Without one, stdio is passed through, not a tty.
case_process_terminal_false() {
  new_bundle
  probe_args tty stdin
  write_config
  echo "from the runtime's stdin" >"$CASE_DIR/in"
  timeout -k 5 "$RT_TIMEOUT" "$RUNTIME" --root "$STATE_ROOT" run --bundle "$BUNDLE" "$ID" \
    <"$CASE_DIR/in" >"$OUT" 2>>"$ERR" || fail "run failed: $(last_error)"
  expect tty.0 0
  expect tty.1 0
  expect tty.2 0
  expect stdin "from the runtime's stdin"
}

# runtime-linux.md: "By default, only the stdin, stdout and stderr file descriptors are kept open
# for the application by the runtime." The runtime is started with fd 5 and 9 open.
case_process_only_stdio_fds() {
  new_bundle
  probe_args fds
  write_config
  timeout -k 5 "$RT_TIMEOUT" "$RUNTIME" --root "$STATE_ROOT" run --bundle "$BUNDLE" "$ID" \
    </dev/null >"$OUT" 2>>"$ERR" 5</dev/null 9<"$BUNDLE/config.json" || fail "run failed: $(last_error)"
  expect fds 0,1,2
}
