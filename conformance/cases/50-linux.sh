# config-linux.md and runtime-linux.md: devices, namespaces, user namespace mappings, hostname,
# domainname, sysctl.

# config-linux.md Default Devices: "In addition to any devices configured with this setting, the
# runtime MUST also supply: /dev/null, /dev/zero, /dev/full, /dev/random, /dev/urandom, /dev/tty,
# /dev/ptmx (a bind-mount or symlink of the container's ptmx)".
case_linux_default_devices() {
  new_bundle
  probe_args stat=/dev/null stat=/dev/zero stat=/dev/full stat=/dev/random stat=/dev/urandom \
    stat=/dev/tty stat=/dev/ptmx read=/dev/zero write=/dev/null
  run_ok
  local dev rdev
  for dev in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
    rdev=${dev#*:}
    dev=/dev/${dev%%:*}
    expect "stat.$dev" char
    expect "stat.$dev.rdev" "$rdev"
  done
  case $(value stat./dev/ptmx) in
    link) expect_match stat./dev/ptmx.link '^(/dev/)?pts/ptmx$' ;;
    char) expect stat./dev/ptmx.rdev 5:2 ;;
    *) fail "/dev/ptmx is '$(value stat./dev/ptmx)', want a symlink to pts/ptmx or the ptmx device" ;;
  esac
  expect read./dev/zero ok
  expect write./dev/null ok
}

# runtime-linux.md Dev symbolic links: "While creating the container (step 2 in the lifecycle),
# runtimes MUST create the following symlinks if the source file exists after processing mounts:
# /proc/self/fd → /dev/fd, /proc/self/fd/0 → /dev/stdin, /proc/self/fd/1 → /dev/stdout,
# /proc/self/fd/2 → /dev/stderr".
case_linux_dev_symlinks() {
  new_bundle
  probe_args stat=/dev/fd stat=/dev/stdin stat=/dev/stdout stat=/dev/stderr
  run_ok
  expect stat./dev/fd.link /proc/self/fd
  expect stat./dev/stdin.link /proc/self/fd/0
  expect stat./dev/stdout.link /proc/self/fd/1
  expect stat./dev/stderr.link /proc/self/fd/2
}

# config-linux.md Devices: "devices (array of objects, OPTIONAL) lists devices that MUST be
# available in the container" with type, path, major, minor, fileMode, uid and gid.
case_linux_devices() {
  new_bundle
  cfg linux.devices '[
      {"path": "/dev/conformance-null", "type": "c", "major": 1, "minor": 3, "fileMode": 438, "uid": 1000, "gid": 1001},
      {"path": "/dev/conformance-loop", "type": "b", "major": 7, "minor": 200, "fileMode": 416, "uid": 0, "gid": 6},
      {"path": "/dev/conformance/fifo", "type": "p", "fileMode": 384}]'
  probe_args stat=/dev/conformance-null stat=/dev/conformance-loop stat=/dev/conformance/fifo
  run_ok
  expect stat./dev/conformance-null char
  expect stat./dev/conformance-null.rdev 1:3
  expect stat./dev/conformance-null.mode 0666
  expect stat./dev/conformance-null.uid 1000
  expect stat./dev/conformance-null.gid 1001
  expect stat./dev/conformance-loop block
  expect stat./dev/conformance-loop.rdev 7:200
  expect stat./dev/conformance-loop.mode 0640
  expect stat./dev/conformance-loop.gid 6
  expect stat./dev/conformance/fifo fifo
  expect stat./dev/conformance/fifo.mode 0600
}

# config-linux.md Namespaces: "If path is not specified, the runtime MUST create a new container
# namespace of type type."
case_linux_namespaces_new() {
  new_bundle
  set_namespaces pid network ipc uts mount cgroup
  probe_args ns
  run_ok
  local ns
  for ns in pid net ipc uts mnt cgroup; do
    expect_ne "the container's $ns namespace (the runtime's is the same)" "$(required "ns.$ns")" "$(runtime_ns "$ns")"
  done
}

# config-linux.md Namespaces: "If a namespace type is not specified in the namespaces array, the
# container MUST inherit the runtime namespace of that type."
case_linux_namespaces_inherited() {
  new_bundle
  set_namespaces mount
  cfg_unset hostname
  probe_args ns
  run_ok
  local ns
  for ns in pid net ipc uts cgroup user; do
    expect_eq "the container's $ns namespace (not the runtime's)" "$(required "ns.$ns")" "$(runtime_ns "$ns")"
  done
}

# config-linux.md Namespaces: "If a path is specified, the runtime MUST place the container
# process in that namespace."
case_linux_namespaces_join_path() {
  new_bundle "$CASE_DIR/first"
  probe_args echo=ready=1 sleep=inf
  create_ok
  start_ok
  wait_output ready
  local first
  first=$(container_pid)
  ID=$ID-second OUT=$CASE_DIR/out-second CGROUP_PATH=$CGROUP_PATH-second
  new_bundle "$CASE_DIR/second"
  set_namespaces pid mount "network=/proc/$first/ns/net" "ipc=/proc/$first/ns/ipc" "uts=/proc/$first/ns/uts"
  cfg_unset hostname
  probe_args ns uts
  run_ok
  local ns
  for ns in net ipc uts; do
    expect "ns.$ns" "$(ns_of "$first" "$ns")"
  done
  expect hostname conformance
  expect_ne "the second container's mnt namespace" "$(required ns.mnt)" "$(ns_of "$first" mnt)"
}

# config-linux.md Namespaces: "The runtime MUST generate an error if path is not associated with
# a namespace of type type."
case_linux_namespace_wrong_type_fails() {
  new_bundle
  set_namespaces pid mount ipc uts "network=/proc/$RUNNER_PID/ns/ipc"
  probe_args echo=ran=1
  must_fail "create with an ipc namespace given as the network namespace" create
  [ ! -s "$OUT" ] || fail "the process ran"
}

# config-linux.md Namespaces: "If a namespaces field contains duplicated namespaces with same
# type, the runtime MUST generate an error."
case_linux_namespace_duplicate_fails() {
  new_bundle
  set_namespaces pid network ipc uts mount network
  probe_args echo=ran=1
  must_fail "create with two network namespaces" create
  [ ! -s "$OUT" ] || fail "the process ran"
}

# runtime-linux.md namespace types: "pid: processes inside the container will only be able to see
# other processes inside the same container".
case_linux_pid_namespace() {
  new_bundle
  probe_args pid procs
  run_ok
  expect pid 1
  expect procs 1
}

# config-linux.md namespace types: "network: the container will have its own network stack" (a
# new one has only the loopback device).
case_linux_network_namespace() {
  new_bundle
  probe_args netdevs
  run_ok
  expect netdevs lo
}

# config-linux.md namespace types: "cgroup: the container will have an isolated view of the cgroup
# hierarchy" (its own cgroups are its root).
case_linux_cgroup_namespace() {
  new_bundle
  set_namespaces pid network ipc uts mount cgroup
  probe_args cgroup
  run_ok
  local line
  while IFS= read -r line; do
    [[ $line == cgroup.* ]] || continue
    [ "${line#*=}" = / ] || fail "in a cgroup namespace the container sees '$line', want /"
  done <"$OUT"
  grep -q '^cgroup\.' "$OUT" || fail "the probe printed no cgroup lines"
}

# config-linux.md User namespace mappings: "uidMappings (array of objects, OPTIONAL) describes the
# user namespace uid mappings from the host to the container. gidMappings ... The runtime SHOULD
# NOT modify the ownership of referenced filesystems to realize the mapping."
case_linux_user_namespace() {
  need_user_namespaces
  new_bundle
  set_namespaces pid network ipc uts mount user
  cfg linux.uidMappings '[{"containerID": 0, "hostID": 100000, "size": 65536}]'
  cfg linux.gidMappings '[{"containerID": 0, "hostID": 100000, "size": 65536}]'
  probe_args uidmap ids echo=ready=1 sleep=inf
  create_ok
  start_ok
  wait_output ready
  expect uid_map "0 100000 65536"
  expect gid_map "0 100000 65536"
  expect uid 0
  expect gid 0
  local pid
  pid=$(container_pid)
  expect_eq "the host uid of the container process" "$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")" 100000
  expect_eq "the host gid of the container process" "$(awk '/^Gid:/ {print $2}' "/proc/$pid/status")" 100000
  expect_eq "the owner of the rootfs's /bin/probe" "$(stat -c %u:%g "$BUNDLE/rootfs/bin/probe")" 0:0
}

# config.md: "hostname (string, OPTIONAL) specifies the container's hostname as seen by processes
# running inside the container."
case_linux_hostname() {
  new_bundle
  cfg hostname '"conformance-host"'
  probe_args uts
  run_ok
  expect hostname conformance-host
  [ "$(cat /proc/sys/kernel/hostname)" != conformance-host ] || fail "the runtime's hostname changed"
}

# config.md: "domainname (string, OPTIONAL) specifies the container's domainname as seen by
# processes running inside the container."
case_linux_domainname() {
  new_bundle
  cfg domainname '"conformance.example"'
  probe_args uts
  run_ok
  expect domainname conformance.example
}

# config-linux.md: "sysctl (object, OPTIONAL) allows kernel parameters to be modified at runtime
# for the container." (namespaced ones: the network and ipc namespaces are the container's)
case_linux_sysctl() {
  new_bundle
  cfg linux.sysctl '{"net.ipv4.ip_forward": "1", "kernel.msgmax": "4096"}'
  probe_args sysctl=net.ipv4.ip_forward sysctl=kernel.msgmax
  run_ok
  expect sysctl.net.ipv4.ip_forward 1
  expect sysctl.kernel.msgmax 4096
}
