#!/bin/sh
# Cgroup v2 checks of runcs, run as root in the VM (busybox sh; cgroup2 only on /sys/fs/cgroup).
# Prints "PASS name" or "FAIL name" (with details indented), then "N passed, N failed".
cg=/sys/fs/cgroup
work=/tmp/v2checks
rootfs=$work/rootfs
passed=0 failed=0

uptime() { cut -d' ' -f1 /proc/uptime; }

check() {
  name=$1; shift
  start=$(uptime)
  if out=$("$@" 2>&1); then
    echo "PASS $name ($(echo "$(uptime) $start" | awk '{ printf "%.1f s", $1 - $2 }'))"
    passed=$((passed + 1))
  else
    echo "FAIL $name ($(echo "$(uptime) $start" | awk '{ printf "%.1f s", $1 - $2 }'))"
    echo "$out" | head -15 | sed 's/^/    /'
    failed=$((failed + 1))
  fi
}

# expect WHAT ACTUAL EXPECTED
expect() {
  [ "$2" = "$3" ] && return 0
  echo "$1: got '$2', want '$3'"
  return 1
}

# has_line WHAT TEXT REGEX: some line of TEXT matches the (basic) regular expression
has_line() {
  echo "$2" | grep -q "$3" && return 0
  echo "$1: no line matching '$3' in: $2"
  return 1
}

# contains WHAT TEXT NEEDLE
contains() {
  case $2 in *"$3"*) return 0 ;; esac
  echo "$1: '$3' not in: $2"
  return 1
}

# bundle DIR ARGS-JSON [RESOURCES-JSON] [EXTRA-CAPS] [CGROUP-MOUNT-MODE] [CGROUPS-PATH]
bundle() {
  dir=$1 args=$2 resources=${3:-} extra_caps=${4:-} cgmode=${5:-ro} cgpath=${6:-}
  caps='"CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"'
  for c in $extra_caps; do caps="$caps, \"$c\""; done
  devices='{"allow": false, "access": "rwm"}'
  case $resources in
    *'"devices"'*) ;;
    '') resources="\"devices\": [$devices]" ;;
    *) resources="\"devices\": [$devices], $resources" ;;
  esac
  path_line=
  [ -n "$cgpath" ] && path_line="\"cgroupsPath\": \"$cgpath\","
  mkdir -p "$dir"
  cat > "$dir/config.json" <<JSON
{
  "ociVersion": "1.2.0",
  "process": {
    "terminal": false,
    "user": {"uid": 0, "gid": 0},
    "args": $args,
    "env": ["PATH=/bin"],
    "cwd": "/",
    "capabilities": {"bounding": [$caps], "effective": [$caps], "permitted": [$caps]},
    "noNewPrivileges": true
  },
  "root": {"path": "$rootfs", "readonly": true},
  "hostname": "box",
  "mounts": [
    {"destination": "/proc", "type": "proc", "source": "proc"},
    {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]},
    {"destination": "/dev/pts", "type": "devpts", "source": "devpts", "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"]},
    {"destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]},
    {"destination": "/tmp", "type": "tmpfs", "source": "tmp", "options": ["nosuid", "mode=1777"]},
    {"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]},
    {"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup", "options": ["nosuid", "noexec", "nodev", "relatime", "$cgmode"]}
  ],
  "linux": {
    $path_line
    "resources": {$resources},
    "namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"}, {"type": "cgroup"}],
    "maskedPaths": ["/proc/kcore", "/proc/keys", "/proc/timer_list", "/sys/firmware"],
    "readonlyPaths": ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]
  }
}
JSON
}

limits='"memory": {"limit": 67108864, "swap": 67108864}, "pids": {"limit": 20}'

init_pid() { runcs state "$1" | sed -n 's/^ *"pid": \([0-9]*\).*/\1/p'; }
status() { runcs state "$1" | sed -n 's/^ *"status": "\([a-z]*\)".*/\1/p'; }
is_status() { [ "$(status "$1")" = "$2" ]; }

# Detached containers and processes keep the stdio they are given: never the pipe of a $(...).
detached() {
  "$@" </dev/null >$work/detached.log 2>&1 && return 0
  echo "exit $?: $*: $(cat $work/detached.log)"
  return 1
}

# wait_for SECONDS COMMAND...: polls until COMMAND succeeds, by the clock (emulation is slow)
wait_for() {
  deadline=$(echo "$(uptime) $1" | awk '{ print $1 + $2 }'); shift
  until "$@" >/dev/null 2>&1; do
    awk -v now="$(uptime)" -v end="$deadline" 'BEGIN { exit !(now < end) }' || return 1
    sleep 0.1
  done
}

mkdir -p "$rootfs/bin" "$rootfs/proc" "$rootfs/sys" "$rootfs/dev" "$rootfs/tmp"
cp /bin/busybox "$rootfs/bin/busybox"
/bin/busybox --install -s "$rootfs/bin"
cgroups_before=$(ls -d $cg/*/ 2>/dev/null)

cgroup2_only() {
  expect "cgroup mounts" "$(grep -c ' cgroup' /proc/mounts)" 1 || return 1
  grep -q "^cgroup2 $cg cgroup2 " /proc/mounts || { echo "no cgroup2 on $cg"; return 1; }
  for c in cpu io memory pids; do contains "root subtree_control" "$(cat $cg/cgroup.subtree_control)" "$c" || return 1; done
  if mount -t cgroup -o memory none /mnt 2>/dev/null; then umount /mnt; echo "a v1 memory hierarchy could be mounted"; return 1; fi
}
check cgroup2-only-host cgroup2_only

run_sees_limits() {
  bundle $work/show '["sh", "-c", "cat /proc/self/cgroup /sys/fs/cgroup/memory.max /sys/fs/cgroup/pids.max"]' "$limits"
  out=$(cd $work/show && runcs run show) || { echo "exit $?: $out"; return 1; }
  expect "inside" "$(echo $out)" "0::/ 67108864 20" || return 1
  [ ! -d $cg/show ] || { echo "$cg/show left after run"; return 1; }
}
check run-limits-read-back-inside run_sees_limits

bundle $work/c1 '["sleep", "600"]' "$limits"
c1_up() {
  (cd $work/c1 && detached runcs run -d c1) || return 1
  pid=$(init_pid c1)
  expect "memory.max" "$(cat $cg/c1/memory.max)" 67108864 || return 1
  expect "memory.swap.max" "$(cat $cg/c1/memory.swap.max)" 0 || return 1
  expect "pids.max" "$(cat $cg/c1/pids.max)" 20 || return 1
  expect "cgroup.procs" "$(cat $cg/c1/cgroup.procs)" "$pid" || return 1
  expect "exec's cgroup" "$(runcs exec c1 cat /proc/self/cgroup)" "0::/"
}
check run-detached-limits-read-back-host-side c1_up

oom_kill_and_event() {
  runcs events --interval 1s c1 </dev/null >$work/events.out 2>&1 &
  echo $! > $work/events.pid
  wait_for 30 grep -q '"type":"stats"' $work/events.out || { echo "no stats from events: $(cat $work/events.out)"; return 1; }
  runcs exec c1 dd if=/dev/zero of=/dev/null bs=100M count=1 >/dev/null 2>&1
  expect "exit of an OOM-killed exec" $? 137 || return 1
  expect "oom_kill" "$(sed -n 's/^oom_kill //p' $cg/c1/memory.events)" 1 || return 1
  wait_for 30 grep -q '"type":"oom"' $work/events.out || { echo "no oom event; events printed:"; cut -c1-60 $work/events.out | tail -3; return 1; }
  expect "container after the OOM kill of an exec" "$(status c1)" running
}
check oom-kill-137-memory-events-and-oom-event oom_kill_and_event

pause_resume() {
  runcs pause c1 || return 1
  expect "status" "$(status c1)" paused || return 1
  expect "cgroup.freeze" "$(cat $cg/c1/cgroup.freeze)" 1 || return 1
  grep -qx 'frozen 1' $cg/c1/cgroup.events || { echo "cgroup.events: $(cat $cg/c1/cgroup.events)"; return 1; }
  runcs resume c1 || return 1
  expect "status" "$(status c1)" running || return 1
  grep -qx 'frozen 0' $cg/c1/cgroup.events || { echo "cgroup.events: $(cat $cg/c1/cgroup.events)"; return 1; }
}
check pause-resume-cgroup-freeze pause_resume

update_limits() {
  runcs update --memory 128m --pids-limit 30 c1 || return 1
  echo '{"cpu": {"quota": 50000, "period": 100000}, "memory": {"reservation": 33554432}}' | runcs update -r - c1 || return 1
  expect "memory.max" "$(cat $cg/c1/memory.max)" 134217728 || return 1
  expect "memory.low" "$(cat $cg/c1/memory.low)" 33554432 || return 1
  expect "pids.max" "$(cat $cg/c1/pids.max)" 30 || return 1
  expect "cpu.max" "$(cat $cg/c1/cpu.max)" "50000 100000"
}
check update-memory-pids-cpu update_limits

events_stats() {
  out=$(runcs events --stats c1) || return 1
  contains "type" "$out" '{"type":"stats","id":"c1","data":{' || return 1
  contains "memory limit" "$out" '"usage":{"limit":134217728,' || return 1
  expect "pids" "$(echo "$out" | grep -o '"pids":{[^}]*}')" '"pids":{"current":1,"limit":30}'
}
check events-stats events_stats

# The first fork beyond the limit makes the shell give up; its sleeps stay for kill --all.
pids_enforced() {
  out=$(runcs exec c1 sh -c 'for i in $(seq 40); do sleep 60 </dev/null >/dev/null 2>&1 & done' 2>&1)
  contains "forks beyond pids.max" "$out" "can't fork" || return 1
  max_events=$(sed -n 's/^max //p' $cg/c1/pids.events)
  [ "${max_events:-0}" -ge 1 ] || { echo "pids.events max is ${max_events:-missing}"; return 1; }
  current=$(cat $cg/c1/pids.current)
  [ "$current" -gt 20 ] && [ "$current" -le 30 ] || { echo "pids.current $current, pids.max 30"; return 1; }
}
check pids-limit-enforced pids_enforced

kill_all() {
  [ "$(wc -l < $cg/c1/cgroup.procs)" -gt 1 ] || { echo "cgroup.procs: $(cat $cg/c1/cgroup.procs)"; return 1; }
  runcs kill --all c1 KILL || return 1
  wait_for 30 is_status c1 stopped || { echo "status: $(status c1)"; return 1; }
  wait_for 30 grep -qx 'populated 0' $cg/c1/cgroup.events || { echo "cgroup.events: $(cat $cg/c1/cgroup.events)"; return 1; }
  wait_for 30 test ! -d /proc/"$(cat $work/events.pid)" || { echo "events still streams after the container stopped"; return 1; }
  expect "oom lines from events" "$(grep -c '"type":"oom"' $work/events.out)" 1 || return 1
  expect "oom line" "$(grep '"type":"oom"' $work/events.out)" '{"type":"oom","id":"c1"}'
}
check kill-all-and-events-stream-end kill_all

delete_removes() {
  runcs delete c1 || return 1
  [ ! -d $cg/c1 ] || { echo "$cg/c1 left after delete"; return 1; }
}
check delete-removes-cgroup delete_removes

oom_run() {
  bundle $work/oom '["dd", "if=/dev/zero", "of=/dev/null", "bs=100M", "count=1"]' "$limits"
  (cd $work/oom && runcs run oom) >/dev/null 2>&1
  expect "exit of runcs run" $? 137
}
check oom-kill-run-exit-137 oom_run

devices() {
  cat > "$rootfs/devices.sh" <<'SH'
echo x > /dev/null && echo null-written
echo "zero-read=$(head -c 4 /dev/zero | wc -c)"
mknod /tmp/port c 1 4 && mknod /tmp/mem c 1 1 || exit 1
err=$({ : < /tmp/port; } 2>&1) && echo port-opened || echo "port-denied: $err"
err=$({ : < /tmp/mem; } 2>&1) && echo mem-read-opened || echo "mem-read-denied: $err"
err=$({ : > /tmp/mem; } 2>&1) && echo mem-write-opened || echo "mem-write-denied: $err"
SH
  bundle $work/dev '["sh", "/devices.sh"]' \
    '"devices": [{"allow": false, "access": "rwm"}, {"allow": true, "type": "c", "major": 1, "minor": 1, "access": "r"}]' \
    "CAP_MKNOD CAP_SYS_RAWIO"
  out=$(cd $work/dev && runcs run dev 2>&1) || { echo "exit $?: $out"; return 1; }
  contains "/dev/null (allowed)" "$out" null-written || return 1
  contains "/dev/zero (allowed)" "$out" zero-read=4 || return 1
  has_line "c 1:4, no rule" "$out" "^port-denied: .*/tmp/port: Operation not permitted$" || return 1
  contains "c 1:1 read, allowed" "$out" mem-read-opened || return 1
  has_line "c 1:1 write, not allowed" "$out" "^mem-write-denied: .*/tmp/mem: Operation not permitted$"
}
check ebpf-device-rules devices

exec_inner_node() {
  bundle $work/inner '["sleep", "600"]' "$limits" "" rw
  (cd $work/inner && detached runcs run -d inner) || return 1
  runcs exec inner sh -c 'mkdir /sys/fs/cgroup/init && echo 1 > /sys/fs/cgroup/init/cgroup.procs &&
    echo $$ > /sys/fs/cgroup/init/cgroup.procs && echo "+memory +pids" > /sys/fs/cgroup/cgroup.subtree_control' || return 1
  expect "subtree_control" "$(cat $cg/inner/cgroup.subtree_control)" "memory pids" || return 1
  expect "exec's cgroup" "$(runcs exec inner cat /proc/self/cgroup)" "0::/init" || return 1
  runcs pause inner || return 1
  expect "status" "$(status inner)" paused || return 1
  runcs delete --force inner || return 1
  [ ! -d $cg/inner ] || { echo "$cg/inner left after delete"; return 1; }
}
check exec-into-container-with-sub-cgroups exec_inner_node

# fails WHAT NEEDLE COMMAND...: COMMAND must fail, its output containing NEEDLE
fails() {
  what=$1 needle=$2; shift 2
  if out=$("$@" 2>&1); then echo "$what: succeeded: $out"; return 1; fi
  contains "$what" "$out" "$needle"
}

exec_sub_cgroup() {
  bundle $work/sub '["sleep", "600"]' "$limits" "" rw
  (cd $work/sub && detached runcs run -d sub) || return 1
  fails "--cgroup .." "bad sub cgroup path: .." runcs exec --cgroup .. sub true || return 1
  fails "--cgroup ../sub-sibling" "bad sub cgroup path: ../sub-sibling" runcs exec --cgroup ../sub-sibling sub true || return 1
  fails "--cgroup nonexistent" "error adding pid" runcs exec --cgroup nonexistent sub true || return 1
  fails "--cgroup nonexistent" "/sub/nonexistent/cgroup.procs: no such file or directory" runcs exec --cgroup nonexistent sub true || return 1
  fails "controller name on v2" "unknown controller memory in SubCgroupPaths" runcs exec --cgroup memory:foobar sub true || return 1
  expect "--cgroup /" "$(runcs exec --cgroup / sub cat /proc/self/cgroup)" "0::/" || return 1
  runcs exec sub mkdir /sys/fs/cgroup/foobar || return 1
  expect "--cgroup foobar" "$(runcs exec --cgroup foobar sub cat /proc/self/cgroup)" "0::/foobar" || return 1
  detached runcs exec -d --pid-file $work/sub.pid --cgroup foobar sub sleep 600 || return 1
  grep -qx "$(cat $work/sub.pid)" $cg/sub/foobar/cgroup.procs || { echo "exec -d pid not in $cg/sub/foobar"; return 1; }
  # init moves to foobar and memory is enabled for sub-cgroups: the top takes no process now.
  runcs exec sub sh -c 'echo 1 > /sys/fs/cgroup/foobar/cgroup.procs && echo $$ > /sys/fs/cgroup/foobar/cgroup.procs &&
    echo +memory > /sys/fs/cgroup/cgroup.subtree_control' || return 1
  expect "without --cgroup: init's cgroup" "$(runcs exec sub cat /proc/self/cgroup)" "0::/foobar" || return 1
  fails "--cgroup / has no fallback" "device or resource busy" runcs exec --cgroup / sub true || return 1
  runcs delete --force sub || return 1
  [ ! -d $cg/sub ] || { echo "$cg/sub left after delete"; return 1; }
}
check exec-cgroup-sub-cgroup exec_sub_cgroup

nested_path() {
  bundle $work/nested '["sleep", "600"]' "$limits" "" ro /runcs-v2/a/b
  (cd $work/nested && detached runcs run -d nested) || return 1
  for c in memory pids; do contains "parent subtree_control" "$(cat $cg/runcs-v2/a/cgroup.subtree_control)" "$c" || return 1; done
  expect "memory.max" "$(cat $cg/runcs-v2/a/b/memory.max)" 67108864 || return 1
  runcs delete --force nested || return 1
  [ ! -d $cg/runcs-v2 ] || { echo "$cg/runcs-v2 left after delete"; return 1; }
}
check absolute-nested-cgroups-path nested_path

nothing_left() {
  expect "containers" "$(runcs list -q)" "" || return 1
  expect "cgroups" "$(ls -d $cg/*/ 2>/dev/null)" "$cgroups_before"
}
check nothing-left nothing_left

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
