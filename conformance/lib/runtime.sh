# Driving the runtime under test through its runc-style command line.
#
# A case works on one container at a time through these globals (run.sh sets them per case):
#   ID      container id            BUNDLE  bundle directory (new_bundle)
#   OUT     the container's stdout  ERR     the runtime's and the container's stderr
# A case with two containers sets ID/OUT/BUNDLE again for the second.

RT_TIMEOUT=${RT_TIMEOUT:-30}

# rt ARGS...: the runtime with this run's --root, no stdin, killed if it hangs.
rt() { timeout -k 5 "$RT_TIMEOUT" "$RUNTIME" --root "$STATE_ROOT" "$@" </dev/null; }

# The last lines the runtime wrote to stderr, on one line: what a failure message quotes.
last_error() { tail -n 3 "$ERR" 2>/dev/null | tr '\n' ' ' | cut -c1-300; }

# create / start / kill / delete return the runtime's status; the *_ok forms fail the case.
create() {
  write_config
  rt create --bundle "$BUNDLE" "$ID" >"$OUT" 2>>"$ERR"
}
start() { rt start "$ID" >>"$ERR" 2>&1; }
kill_container() { rt kill "$ID" "$1" >>"$ERR" 2>&1; }
delete() { rt delete "$ID" >>"$ERR" 2>&1; }

create_ok() { create || fail "create failed: $(last_error)"; }
start_ok() { start || fail "start failed: $(last_error)"; }
kill_ok() { kill_container "$1" || fail "kill $1 failed: $(last_error)"; }
delete_ok() { delete || fail "delete failed: $(last_error)"; }

# run_container: `run` in the foreground; its exit status in RC.
run_container() {
  write_config
  rt run --bundle "$BUNDLE" "$ID" >"$OUT" 2>>"$ERR"
  RC=$?
}

run_ok() {
  run_container
  [ "$RC" -eq 0 ] || fail "run exited $RC: $(last_error)"
}

# state_of [ID] → the state JSON, or a non-zero status.
state_of() { rt state "${1:-$ID}" 2>>"$ERR"; }

status_of() {
  local json
  json=$(state_of "$@") || return 1
  json_get "$json" status
}

# wait_status STATUS [ID]: until `state` reports STATUS (10 s at most).
wait_status() {
  local want=$1 id=${2:-$ID} got="" i
  for ((i = 0; i < 500; i++)); do
    got=$(status_of "$id") && [ "$got" = "$want" ] && return 0
    sleep 0.02
  done
  fail "status of $id is '${got:-no state}' after 10 s, want '$want'"
}

# wait_output KEY [FILE]: until the probe has printed KEY= (10 s at most).
wait_output() {
  local key=$1 file=${2:-$OUT} i
  for ((i = 0; i < 500; i++)); do
    grep -q "^$key=" "$file" 2>/dev/null && return 0
    sleep 0.02
  done
  fail "no '$key' in the container's output after 10 s"
}

# container_pid [ID] → the pid `state` reports.
container_pid() {
  local json
  json=$(state_of "$@") || fail "state failed: $(last_error)"
  json_get "$json" pid
}
