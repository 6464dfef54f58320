# A case's bundle: a fresh rootfs (busybox + probe) and a config.json built from settings.
#
#   new_bundle [DIR]                   defaults below; the process is /bin/probe
#   probe_args ids umask               process.args = ["/bin/probe", "ids", "umask"]
#   cfg process.oomScoreAdj 100        set (or replace) a member: top-level, process.*, root.*,
#   cfg linux.sysctl '{"a.b": "1"}'    linux.* or linux.resources.*; the value is raw JSON
#   cfg_unset linux.maskedPaths        drop a member
#   add_mount '{"destination": ...}'   append to mounts
#   add_hook createRuntime '{...}'     append to hooks.<type>
#   set_namespaces pid mount net=/proc/1/ns/net   linux.namespaces (type or type=path)
#
# Settings are written to $BUNDLE/config.json by write_config (the lifecycle helpers call it).
# ociVersion is 1.0.2: older runtimes refuse newer versions, and nothing here needs more.

declare -A CFG
CFG_KEYS=()
CFG_MOUNTS=()
declare -A CFG_HOOKS
CFG_HOOK_TYPES=(prestart createRuntime createContainer startContainer poststart poststop)

DEFAULT_CAPS='["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"]'

cfg() {
  local key=$1 value=$2
  [ -n "${CFG[$key]+set}" ] || CFG_KEYS+=("$key")
  CFG[$key]=$value
}

cfg_unset() { CFG[$1]=""; }

add_mount() { CFG_MOUNTS+=("$1"); }

add_hook() { CFG_HOOKS[$1]+="${CFG_HOOKS[$1]:+, }$2"; }

probe_args() { cfg process.args "$(json_strs /bin/probe "$@")"; }

set_namespaces() {
  local out="" ns
  for ns in "$@"; do
    if [[ $ns == *=* ]]; then
      out+="${out:+, }{\"type\": $(json_str "${ns%%=*}"), \"path\": $(json_str "${ns#*=}")}"
    else
      out+="${out:+, }{\"type\": $(json_str "$ns")}"
    fi
  done
  cfg linux.namespaces "[$out]"
}

# The mounts `runc spec` and `crun spec` start from, minus nothing: every runtime accepts them.
default_mounts() {
  CFG_MOUNTS=(
    '{"destination": "/proc", "type": "proc", "source": "proc"}'
    '{"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]}'
    '{"destination": "/dev/pts", "type": "devpts", "source": "devpts", "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]}'
    '{"destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]}'
    '{"destination": "/dev/mqueue", "type": "mqueue", "source": "mqueue", "options": ["nosuid", "noexec", "nodev"]}'
    '{"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]}'
    '{"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup", "options": ["nosuid", "noexec", "nodev", "relatime", "ro"]}'
  )
}

# new_bundle [DIR]: $BUNDLE (DIR, default $CASE_DIR/bundle) with a copy of the rootfs template
# and the default settings.
new_bundle() {
  BUNDLE=${1:-$CASE_DIR/bundle}
  rm -rf "$BUNDLE"
  mkdir -p "$BUNDLE"
  cp -a "$ROOTFS_TEMPLATE" "$BUNDLE/rootfs"
  CFG=() CFG_KEYS=() CFG_HOOKS=()
  default_mounts
  cfg process.terminal false
  cfg process.user '{"uid": 0, "gid": 0}'
  cfg process.args '["/bin/probe"]'
  cfg process.env '["PATH=/usr/sbin:/usr/bin:/sbin:/bin"]'
  cfg process.cwd '"/"'
  cfg process.capabilities "{\"bounding\": $DEFAULT_CAPS, \"effective\": $DEFAULT_CAPS, \"permitted\": $DEFAULT_CAPS}"
  cfg process.rlimits '[{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}]'
  cfg process.noNewPrivileges true
  cfg root.path '"rootfs"'
  cfg root.readonly false
  cfg hostname '"conformance"'
  cfg linux.cgroupsPath "$(json_str "$CGROUP_PATH")"
  set_namespaces pid network ipc uts mount
  cfg linux.maskedPaths '["/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi"]'
  cfg linux.readonlyPaths '["/proc/asound", "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]'
}

# members SECTION INDENT → `"key": value` lines of the settings under SECTION ("" = top level).
members() {
  local section=$1 indent=$2 key name out=""
  for key in "${CFG_KEYS[@]}"; do
    [ -n "${CFG[$key]}" ] || continue
    if [ -z "$section" ]; then
      [[ $key == *.* ]] && continue
      name=$key
    else
      [[ $key == "$section".* ]] || continue
      name=${key#"$section".}
      [[ $name == *.* ]] && continue
    fi
    out+="${out:+,$'\n'}$indent\"$name\": ${CFG[$key]}"
  done
  printf '%s' "$out"
}

write_config() {
  local mounts="" hooks="" m type resources
  for m in "${CFG_MOUNTS[@]}"; do mounts+="${mounts:+,$'\n'}    $m"; done
  for type in "${CFG_HOOK_TYPES[@]}"; do
    [ -n "${CFG_HOOKS[$type]:-}" ] && hooks+="${hooks:+,$'\n'}    \"$type\": [${CFG_HOOKS[$type]}]"
  done
  resources=$(members linux.resources "      ")
  {
    printf '{\n  "ociVersion": "1.0.2",\n'
    printf '  "process": {\n%s\n  },\n' "$(members process "    ")"
    printf '  "root": {\n%s\n  },\n' "$(members root "    ")"
    printf '  "mounts": [\n%s\n  ],\n' "$mounts"
    [ -n "$hooks" ] && printf '  "hooks": {\n%s\n  },\n' "$hooks"
    local top; top=$(members "" "  ")
    [ -n "$top" ] && printf '%s,\n' "$top"
    local linux; linux=$(members linux "    ")
    [ -n "$resources" ] && linux+="${linux:+,$'\n'}    \"resources\": {"$'\n'"$resources"$'\n'"    }"
    printf '  "linux": {\n%s\n  }\n}\n' "$linux"
  } > "$BUNDLE/config.json"
}
