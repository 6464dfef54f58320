# config-linux.md Control groups: cgroupsPath and resources, read back from the host's cgroupfs
# (v1 or v2, whichever this host has) and checked from inside where the kernel enforces them.

# cgroup_value CONTROLLER FILE → the content of FILE in the container's cgroup for CONTROLLER.
cgroup_value() {
  local dir
  dir=$(cgroup_dir "$(container_pid)" "$1") || fail "the container is in no $1 cgroup"
  [ -r "$dir/$2" ] || fail "$dir/$2 does not exist"
  cat "$dir/$2"
}

# config-linux.md: "cgroupsPath (string, OPTIONAL) path to the cgroups ... In the case of an
# absolute path (starting with /), the runtime MUST take the path to be relative to the cgroups
# mount point." Every hierarchy the host has a controller of is checked.
case_cgroups_path() {
  new_bundle
  create_ok
  local pid controller dir checked=""
  pid=$(container_pid)
  for controller in memory pids cpu devices freezer blkio; do
    [ -n "$(cgroup_mountpoint "$controller")" ] || continue
    dir=$(cgroup_dir "$pid" "$controller") || fail "the container is in no $controller cgroup"
    expect_eq "the container's $controller cgroup" "$dir" "$(cgroup_mountpoint "$controller")$CGROUP_PATH"
    checked+=" $controller"
  done
  [ -n "$checked" ] || skip "no cgroup controller is mounted on this host"
}

# config-linux.md Memory: "limit (int64, OPTIONAL) - sets limit of memory usage in bytes". Read
# right after create: runtime.md "all of the resources associated with the container MUST be
# created" by then.
case_cgroups_memory_limit() {
  need_controller memory memory.limit_in_bytes memory.max
  new_bundle
  cfg linux.resources.memory '{"limit": 67108864}'
  create_ok
  expect_eq "$CG_FILE" "$(cgroup_value memory "$CG_FILE")" 67108864
}

# config-linux.md Pids: "limit (int64, REQUIRED) - specifies the maximum number of tasks in the
# cgroup".
case_cgroups_pids_limit() {
  need_controller pids pids.max pids.max
  new_bundle
  cfg linux.resources.pids '{"limit": 42}'
  create_ok
  expect_eq pids.max "$(cgroup_value pids pids.max)" 42
}

# config-linux.md CPU: "quota (int64, OPTIONAL) - specifies the total amount of time in
# microseconds for which all tasks in a cgroup can run during one period. period (uint64,
# OPTIONAL) - specifies a period of time in microseconds".
case_cgroups_cpu_quota() {
  need_controller cpu cpu.cfs_quota_us cpu.max
  new_bundle
  cfg linux.resources.cpu '{"quota": 50000, "period": 100000}'
  create_ok
  if [ "$CG_FILE" = cpu.max ]; then
    expect_eq cpu.max "$(cgroup_value cpu cpu.max)" "50000 100000"
  else
    expect_eq cpu.cfs_quota_us "$(cgroup_value cpu cpu.cfs_quota_us)" 50000
    expect_eq cpu.cfs_period_us "$(cgroup_value cpu cpu.cfs_period_us)" 100000
  fi
}

# Device cgroup cases use a loop-control node made with linux.devices: opening it is harmless
# (nothing happens without an ioctl), it is in no runtime's default allowlist, and only the device
# controller refuses the open with EPERM (a read of it fails with EINVAL).
loop_control='[{"path": "/dev/conformance-loop-control", "type": "c", "major": 10, "minor": 237, "fileMode": 438}]'

need_loop_control() {
  grep -qw loop-control /proc/misc || skip "this kernel has no loop-control device (10:237)"
}

# config-linux.md Device allowlist: "devices (array of objects, OPTIONAL) configures the device
# allowlist. The runtime MUST apply entries in the listed order." Deny all: the node is refused.
case_cgroups_devices_denied() {
  need_loop_control
  new_bundle
  cfg linux.devices "$loop_control"
  cfg linux.resources.devices '[{"allow": false, "access": "rwm"}]'
  probe_args read=/dev/conformance-loop-control read=/dev/null
  run_ok
  expect read./dev/conformance-loop-control EPERM
}

# Deny all, then allow the loop-control node: the later entry wins.
case_cgroups_devices_listed_order() {
  need_loop_control
  new_bundle
  cfg linux.devices "$loop_control"
  cfg linux.resources.devices '[{"allow": false, "access": "rwm"}, {"allow": true, "type": "c", "major": 10, "minor": 237, "access": "rw"}]'
  probe_args read=/dev/conformance-loop-control
  run_ok
  local got
  got=$(required read./dev/conformance-loop-control)
  [ "$got" != EPERM ] || fail "the allowed device is refused (EPERM)"
}
