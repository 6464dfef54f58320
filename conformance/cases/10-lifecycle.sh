# runtime.md: state, lifecycle and operations, checked through the runtime's command line.

# runtime.md State: "ociVersion (string, REQUIRED) is version of the Open Container Initiative
# Runtime Specification with which the state complies ... id (string, REQUIRED) ... status (string,
# REQUIRED) ... pid (int, REQUIRED when status is created or running on Linux) ... bundle
# (string, REQUIRED) is the absolute path to the container's bundle directory."
# runtime.md Create: "Upon successful completion of this operation the status property of this
# container MUST be created."
case_state_created() {
  new_bundle
  create_ok
  local json pid
  json=$(state_of) || fail "state failed: $(last_error)"
  local version
  version=$(json_get "$json" ociVersion)
  [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || fail "ociVersion is '$version', want a SemVer version"
  expect_eq id "$(json_get "$json" id)" "$ID"
  expect_eq status "$(json_get "$json" status)" created
  expect_eq bundle "$(json_get "$json" bundle)" "$BUNDLE"
  pid=$(json_get "$json" pid)
  [[ $pid =~ ^[1-9][0-9]*$ ]] || fail "pid is '$pid', want a positive number"
  [ -d "/proc/$pid" ] || fail "pid $pid does not exist on the host"
}

# runtime.md State: bundle "is the absolute path to the container's bundle directory".
case_state_bundle_absolute() {
  new_bundle
  write_config
  (cd "$CASE_DIR" && rt create --bundle bundle "$ID" >"$OUT" 2>>"$ERR") || fail "create failed: $(last_error)"
  local bundle
  bundle=$(json_get "$(state_of)" bundle)
  expect_eq bundle "$bundle" "$BUNDLE"
}

# runtime.md Start: "Upon successful completion of this operation the status property of this
# container MUST be running." State: pid "is the ID of the container process, as seen by the host".
case_state_running() {
  new_bundle
  probe_args pid echo=started=1 sleep=inf
  create_ok
  local pid
  pid=$(container_pid)
  start_ok
  expect_eq status "$(status_of)" running
  wait_output started
  expect pid 1
  expect_eq "pid after start" "$(container_pid)" "$pid"
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q '^/bin/probe ' ||
    fail "host pid $pid is not the container process (cmdline: $(tr '\0' ' ' <"/proc/$pid/cmdline"))"
}

# runtime.md Kill: "When the process in the container is stopped, irrespective of it being as a
# result of a kill operation or any other reason, the status property of this container MUST be
# stopped."
case_state_stopped() {
  new_bundle
  probe_args exit=0
  create_ok
  start_ok
  wait_status stopped
}

# runtime.md State: "annotations (map, OPTIONAL) contains the list of annotations associated
# with the container."
case_state_annotations() {
  new_bundle
  cfg annotations '{"org.conformance.colour": "blue", "org.conformance.n": "1"}'
  create_ok
  local json
  json=$(state_of) || fail "state failed: $(last_error)"
  expect_eq "annotation org.conformance.colour" "$(json_get "$json" org.conformance.colour)" blue
  expect_eq "annotation org.conformance.n" "$(json_get "$json" org.conformance.n)" 1
}

# runtime.md Query State: "Attempting to query a container that does not exist MUST generate an
# error."
case_state_unknown_fails() {
  must_fail "state of an unknown container" state_of "$ID-missing"
}

# runtime.md: "This operation MUST generate an error if it is not provided the container ID"
# (state, start, kill, delete) and create "if it is not provided a path to the bundle and the
# container ID to associate with the container".
case_operations_without_id_fail() {
  local op
  for op in state start kill delete create; do
    must_fail "$op without a container id" rt "$op" 2>>"$ERR" >&2
  done
}

# runtime.md Lifecycle: "the user-specified code (from process) MUST NOT be run at this time";
# Start: "This operation MUST run the user-specified code as specified by process."
case_create_does_not_run_process() {
  new_bundle
  probe_args echo=ran=1 sleep=inf
  create_ok
  sleep 0.3
  [ ! -s "$OUT" ] || fail "the process ran before start: $(head -c 200 "$OUT")"
  start_ok
  wait_output ran
}

# runtime.md Create: "If the ID provided is not unique across all containers within the scope of
# the runtime ... the implementation MUST generate an error and a new container MUST NOT be
# created."
case_create_duplicate_id_fails() {
  new_bundle
  create_ok
  local pid
  pid=$(container_pid)
  must_fail "a second create with the same id" rt create --bundle "$BUNDLE" "$ID" 2>>"$ERR" >&2
  expect_eq "status of the first container" "$(status_of)" created
  expect_eq "pid of the first container" "$(container_pid)" "$pid"
}

# runtime.md Lifecycle: "If the runtime is unable to create the environment specified in the
# config.json, it MUST generate an error." Errors: "generating an error MUST leave the state of
# the environment as if the operation were never attempted".
case_create_error_leaves_nothing() {
  new_bundle
  cfg root.path '"no-such-rootfs"'
  must_fail "create with a missing root.path" create
  must_fail "state after a failed create" state_of
  rt list -q 2>>"$ERR" | grep -qx "$ID" && fail "the failed container is listed"
  local left
  left=$(cgroups_named "$CGROUP_PATH")
  [ -z "$left" ] || fail "cgroup left behind: $left"
}

# runtime.md Lifecycle: "Any updates to config.json after this step MUST NOT affect the
# container."
case_create_config_changes_ignored() {
  new_bundle
  probe_args echo=version=original
  create_ok
  sed -i 's/version=original/version=changed/' "$BUNDLE/config.json"
  start_ok
  wait_status stopped
  expect version original
}

# runtime.md Start: "Attempting to start a container that is not created MUST have no effect on
# the container and MUST generate an error."
case_start_running_fails() {
  new_bundle
  probe_args echo=ran=1 sleep=inf
  create_ok
  start_ok
  wait_output ran
  must_fail "start of a running container" start
  expect_eq status "$(status_of)" running
  sleep 0.2
  expect_eq "runs of the process" "$(grep -c '^ran=' "$OUT")" 1
}

case_start_stopped_fails() {
  new_bundle
  probe_args exit=0
  create_ok
  start_ok
  wait_status stopped
  must_fail "start of a stopped container" start
  expect_eq status "$(status_of)" stopped
}

# runtime.md Start: "Attempting to start a container that does not exist MUST generate an error."
case_start_unknown_fails() {
  must_fail "start of an unknown container" rt start "$ID-missing" 2>>"$ERR" >&2
}

# runtime.md Kill: "Attempting to send a signal to a container that is neither created nor
# running MUST have no effect on the container and MUST generate an error." A created container
# can be signalled; the user process never ran.
case_kill_created() {
  new_bundle
  probe_args echo=ran=1
  create_ok
  kill_ok KILL
  wait_status stopped
  [ ! -s "$OUT" ] || fail "the process ran: $(head -c 200 "$OUT")"
}

# runtime.md Kill: "This operation MUST send the specified signal to the container process."
case_kill_delivers_signal() {
  new_bundle
  probe_args trap=10 echo=ready=1 wait
  create_ok
  start_ok
  wait_output ready
  kill_ok USR1
  wait_status stopped
  expect signal 10
}

case_kill_stopped_fails() {
  new_bundle
  probe_args exit=0
  create_ok
  start_ok
  wait_status stopped
  must_fail "kill of a stopped container" kill_container KILL
  expect_eq status "$(status_of)" stopped
}

# runtime.md Delete: "Attempting to delete a container that is not stopped MUST have no effect on
# the container and MUST generate an error."
case_delete_running_fails() {
  new_bundle
  probe_args echo=ran=1 sleep=inf
  create_ok
  start_ok
  wait_output ran
  local pid
  pid=$(container_pid)
  must_fail "delete of a running container" delete
  expect_eq status "$(status_of)" running
  [ -d "/proc/$pid" ] || fail "the container process $pid is gone"
}

# runtime.md Delete: "Deleting a container MUST delete the resources that were created during the
# create step." (its state, its process, its cgroup)
case_delete_removes_container() {
  new_bundle
  probe_args exit=0
  create_ok
  local pid
  pid=$(container_pid)
  start_ok
  wait_status stopped
  delete_ok
  must_fail "state after delete" state_of
  rt list -q 2>>"$ERR" | grep -qx "$ID" && fail "the deleted container is still listed"
  if [ -d "/proc/$pid" ] && [ "$(awk '/^State:/ {print $2}' "/proc/$pid/status")" != Z ]; then
    fail "the container process $pid still exists"
  fi
  local left
  left=$(cgroups_named "$CGROUP_PATH")
  [ -z "$left" ] || fail "cgroup left behind: $left"
}

# runtime.md Delete: "Attempting to delete a container that does not exist MUST generate an
# error."
case_delete_unknown_fails() {
  must_fail "delete of an unknown container" rt delete "$ID-missing" 2>>"$ERR" >&2
}

# runc's command line (not runtime-spec): `run` exits with the container process's exit code.
case_run_exit_code() {
  new_bundle
  probe_args exit=7
  run_container
  expect_eq "exit status of run" "$RC" 7
}

# runc's command line (not runtime-spec): a process killed by signal N makes `run` exit 128+N.
# No pid namespace here: a pid-namespace init cannot be killed by its own default-action signal.
case_run_exit_signal() {
  new_bundle
  set_namespaces network ipc uts mount
  probe_args kill=15 sleep=5
  run_container
  expect_eq "exit status of run" "$RC" 143
}
