# config.md "POSIX-platform Hooks" and runtime.md "Lifecycle": every hook is the probe, which
# appends `TYPE.called=1`, the state it read on stdin and its namespaces to one log, so the log
# shows the order of calls and what each saw. The user process appends `process.called=1`.

HOOK_TYPES="prestart createRuntime createContainer startContainer poststart poststop"

# hooks_bundle: a bundle whose host directory $HOOK_DIR is bind-mounted at /hooks, so hooks in
# the runtime namespace (host paths) and in the container (/hooks/log) write to one log file.
hooks_bundle() {
  new_bundle
  HOOK_DIR=$CASE_DIR/hooks
  HOOK_LOG=$HOOK_DIR/log
  mkdir -p "$HOOK_DIR"
  add_mount "{\"destination\": \"/hooks\", \"type\": \"bind\", \"source\": \"$HOOK_DIR\", \"options\": [\"rbind\", \"rw\"]}"
  probe_args out=/hooks/log tag=process echo=called=1 ns sleep=inf
}

# probe_hook TYPE TAG [PROBE-COMMAND...]: a hook of TYPE recording as TAG. startContainer hooks
# resolve their path in the container; the others run the host's probe.
probe_hook() {
  local type=$1 tag=$2 path=$PROBE log=$HOOK_LOG
  shift 2
  if [ "$type" = startContainer ]; then path=/bin/probe log=/hooks/log; fi
  add_hook "$type" "{\"path\": $(json_str "$path"), \"args\": $(json_strs probe "out=$log" "tag=$tag" echo=called=1 stdin ns "$@")}"
}

# failing_hook TYPE: a hook of TYPE that exits 1.
failing_hook() { add_hook "$1" "{\"path\": $(json_str "$PROBE"), \"args\": [\"probe\", \"exit=1\"]}"; }

# hook_calls → the tags in the order they were logged, space-separated.
hook_calls() { sed -n 's/^\([A-Za-z0-9_-]*\)\.called=1$/\1/p' "$HOOK_LOG" 2>/dev/null | tr '\n' ' ' | sed 's/ $//'; }

all_hooks_bundle() {
  hooks_bundle
  local type
  for type in $HOOK_TYPES; do probe_hook "$type" "$type"; done
}

# Every hook, through create, start, kill and delete; INIT_PID is the container's host pid.
whole_lifecycle_with_all_hooks() {
  all_hooks_bundle
  create_ok
  INIT_PID=$(container_pid)
  start_ok
  wait_output process.called "$HOOK_LOG"
  kill_ok KILL
  wait_status stopped
  delete_ok
}

# runtime.md Lifecycle: prestart, createRuntime and createContainer hooks "MUST be invoked by the
# runtime" as part of create, in that order, and before the user process runs.
case_hooks_create_phase() {
  all_hooks_bundle
  create_ok
  expect_eq "hooks called by create" "$(hook_calls)" "prestart createRuntime createContainer"
}

# config.md: startContainer hooks "MUST be called as part of the start operation before the
# user-specified program command is executed"; poststart hooks "MUST be called after the
# user-specified process is executed but before the start operation returns".
case_hooks_start_phase() {
  all_hooks_bundle
  create_ok
  start_ok
  local calls
  calls=$(hook_calls)
  [[ $calls == "prestart createRuntime createContainer startContainer "* ]] ||
    fail "hooks called by create and start: '$calls'"
  [[ " $calls " == *" poststart "* ]] || fail "start returned before the poststart hook ran: '$calls'"
  wait_output process.called "$HOOK_LOG"
  calls=$(hook_calls)
  [[ $calls == *"startContainer"*"process"* ]] || fail "the process ran before the startContainer hook: '$calls'"
}

# config.md: poststop hooks "MUST be called after the container is deleted but before the delete
# operation returns".
case_hooks_poststop() {
  all_hooks_bundle
  create_ok
  start_ok
  wait_output process.called "$HOOK_LOG"
  kill_ok KILL
  wait_status stopped
  [[ " $(hook_calls) " != *" poststop "* ]] || fail "poststop ran before delete: '$(hook_calls)'"
  delete_ok
  [[ $(hook_calls) == *" poststop" ]] || fail "delete returned before the poststop hook ran: '$(hook_calls)'"
}

# config.md: "The state of the container MUST be passed to hooks over stdin so that they may do
# work appropriate to the current state of the container."
case_hooks_state_on_stdin() {
  whole_lifecycle_with_all_hooks
  local pid=$INIT_PID
  local type state
  for type in $HOOK_TYPES; do
    state=$(value "$type.stdin" "$HOOK_LOG") || fail "no $type hook call"
    expect_eq "id in the $type hook's state" "$(json_get "$state" id)" "$ID"
    expect_eq "bundle in the $type hook's state" "$(json_get "$state" bundle)" "$BUNDLE"
    # The host's pid: hooks in the container namespace may see another number.
    case $type in
      prestart | createRuntime | poststart)
        expect_eq "pid in the $type hook's state" "$(json_get "$state" pid)" "$pid" ;;
    esac
  done
  expect_eq "status in the poststart hook's state" "$(json_get "$(value poststart.stdin "$HOOK_LOG")" status)" running
  expect_eq "status in the poststop hook's state" "$(json_get "$(value poststop.stdin "$HOOK_LOG")" status)" stopped
}

# config.md: prestart, createRuntime, poststart and poststop hooks run in the runtime namespace;
# createContainer and startContainer hooks "MUST be called in the container namespace".
case_hooks_namespaces() {
  whole_lifecycle_with_all_hooks
  local pid=$INIT_PID
  local type ns want where
  for type in $HOOK_TYPES; do
    for ns in mnt net uts ipc; do
      case $type in
        createContainer | startContainer) want=$(required "process.ns.$ns" "$HOOK_LOG") where=container ;;
        *) want=$(runtime_ns "$ns") where=runtime ;;
      esac
      expect_eq "$ns namespace of the $type hook (the $where's)" "$(required "$type.ns.$ns" "$HOOK_LOG")" "$want"
    done
  done
}

# config.md: "Hooks MUST be called in the listed order."
case_hooks_listed_order() {
  hooks_bundle
  probe_hook createRuntime first
  probe_hook createRuntime second
  probe_hook createRuntime third
  probe_hook poststop fourth
  probe_hook poststop fifth
  create_ok
  kill_ok KILL
  wait_status stopped
  delete_ok
  expect_eq "hook calls" "$(hook_calls)" "first second third fourth fifth"
}

# config.md hooks: "args (array of strings, OPTIONAL) with the same semantics as IEEE Std
# 1003.1-2008 execv's argv. env (array of strings, OPTIONAL) with the same semantics as IEEE Std
# 1003.1-2008's environ."
case_hooks_args_env() {
  hooks_bundle
  add_hook createRuntime "{\"path\": $(json_str "$PROBE"), \"args\": $(json_strs custom-argv0 "out=$HOOK_LOG" tag=hook env args "two words"), \"env\": [\"HOOK_VAR=hello world\", \"OTHER=1\"]}"
  create_ok
  expect hook.arg.0 custom-argv0 "$HOOK_LOG"
  expect hook.arg.5 "two words" "$HOOK_LOG"
  expect hook.env.HOOK_VAR "hello world" "$HOOK_LOG"
  expect hook.env.OTHER 1 "$HOOK_LOG"
  expect_eq "environment variables of the hook" "$(grep -c '^hook\.env\.' "$HOOK_LOG")" 2
}

# runtime.md Lifecycle: "If any prestart hook fails, the runtime MUST generate an error, stop the
# container, and continue the lifecycle at step 12" (destroy, then the poststop hooks).
case_hooks_prestart_failure() {
  hooks_bundle
  failing_hook prestart
  probe_hook poststop poststop
  must_fail "create with a failing prestart hook" create
  must_fail "state after the failed create" state_of
  [[ " $(hook_calls) " != *" process "* ]] || fail "the user process ran"
  [[ " $(hook_calls) " == *" poststop "* ]] || fail "the poststop hook did not run: '$(hook_calls)'"
}

# runtime.md Lifecycle: "If any createRuntime hook fails, the runtime MUST generate an error, stop
# the container, and continue the lifecycle at step 12."
case_hooks_create_runtime_failure() {
  hooks_bundle
  failing_hook createRuntime
  must_fail "create with a failing createRuntime hook" create
  must_fail "state after the failed create" state_of
  [[ " $(hook_calls) " != *" process "* ]] || fail "the user process ran"
}

# runtime.md Lifecycle: "If any startContainer hook fails, the runtime MUST generate an error,
# stop the container, and continue the lifecycle at step 12."
case_hooks_start_container_failure() {
  hooks_bundle
  add_hook startContainer '{"path": "/bin/probe", "args": ["probe", "exit=1"]}'
  create_ok
  must_fail "start with a failing startContainer hook" start
  sleep 0.3
  [[ " $(hook_calls) " != *" process "* ]] || fail "the user process ran"
  local status
  status=$(status_of) && [ "$status" = running ] && fail "the container is running"
  return 0
}

# runtime.md Lifecycle: "If any poststop hook fails, the runtime MUST log a warning, but the
# remaining hooks and lifecycle continue as if the hook had succeeded."
case_hooks_poststop_failure_warns() {
  hooks_bundle
  failing_hook poststop
  probe_hook poststop after
  create_ok
  kill_ok KILL
  wait_status stopped
  delete_ok
  must_fail "state after delete" state_of
  expect_eq "hook calls" "$(hook_calls)" after
}

# config.md hooks: "timeout (int, OPTIONAL) is the number of seconds before aborting the hook."
case_hooks_timeout() {
  hooks_bundle
  add_hook createRuntime "{\"path\": $(json_str "$PROBE"), \"args\": [\"probe\", \"sleep=60\"], \"timeout\": 1}"
  local t0=$SECONDS
  must_fail "create with a hook that outlives its timeout" create
  [ $((SECONDS - t0)) -lt 20 ] || fail "create took $((SECONDS - t0)) s with a 1 s hook timeout"
  [[ " $(hook_calls) " != *" process "* ]] || fail "the user process ran"
}
