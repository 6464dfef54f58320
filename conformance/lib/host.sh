# What the host side sees: namespaces, cgroups, and what this host supports.

# ns_of PID TYPE → the namespace link of a process, e.g. "mnt:[4026531841]".
ns_of() { readlink "/proc/$1/ns/$2"; }

# The runtime namespace: the one the runtime (and this runner) runs in.
runtime_ns() { ns_of "$RUNNER_PID" "$1"; }

# cgroup_version → v2 when /sys/fs/cgroup is a cgroup2 mount, else v1.
cgroup_version() {
  if [ "$(stat -f -c %T /sys/fs/cgroup 2>/dev/null)" = cgroup2fs ]; then echo v2; else echo v1; fi
}

# cgroup_mountpoint CONTROLLER → where the hierarchy holding CONTROLLER is mounted (v1), or
# the cgroup2 mount (v2, any controller).
cgroup_mountpoint() {
  local controller=$1
  awk -v c="$controller" -v v="$(cgroup_version)" '
    { for (i = 1; i <= NF; i++) if ($i == "-") break
      type = $(i + 1); opts = "," $(i + 3) "," }
    v == "v2" && type == "cgroup2" { print $5; exit }
    v == "v1" && type == "cgroup" && index(opts, "," c ",") { print $5; exit }
  ' /proc/self/mountinfo
}

# cgroup_dir PID CONTROLLER → the host directory of PID's cgroup for CONTROLLER.
cgroup_dir() {
  local pid=$1 controller=$2 mountpoint path
  mountpoint=$(cgroup_mountpoint "$controller")
  [ -n "$mountpoint" ] || return 1
  if [ "$(cgroup_version)" = v2 ]; then
    path=$(awk -F: '$1 == "0" { print $3 }' "/proc/$pid/cgroup")
  else
    path=$(awk -F: -v c="$controller" '{ n = split($2, a, ","); for (i = 1; i <= n; i++) if (a[i] == c) print $3 }' "/proc/$pid/cgroup")
  fi
  [ -n "$path" ] || return 1
  echo "$mountpoint${path%/}"
}

# need_controller CONTROLLER FILE-V1 FILE-V2: skip unless this host can show the limit.
# Sets CG_FILE to the file name for this host's cgroup version.
need_controller() {
  local controller=$1
  [ -n "$(cgroup_mountpoint "$controller")" ] || skip "no $controller cgroup controller on this host"
  if [ "$(cgroup_version)" = v2 ]; then
    grep -qw "$controller" /sys/fs/cgroup/cgroup.controllers 2>/dev/null ||
      skip "the $controller controller is not enabled in the cgroup2 root"
    CG_FILE=$3
  else
    CG_FILE=$2
  fi
}

need_user_namespaces() {
  local max
  max=$(cat /proc/sys/user/max_user_namespaces 2>/dev/null || echo 0)
  [ "$max" -gt 0 ] || skip "user namespaces are disabled on this host (user.max_user_namespaces=0)"
}

# cgroups_named PATH → the directories for cgroup PATH that exist in this host's mounted
# cgroup hierarchies (one per v1 hierarchy, or the v2 one).
cgroups_named() {
  local path=${1#/} mountpoint
  awk '{ for (i = 1; i <= NF; i++) if ($i == "-") break
         if ($(i + 1) == "cgroup" || $(i + 1) == "cgroup2") print $5 }' /proc/self/mountinfo |
    while read -r mountpoint; do
      [ -d "$mountpoint/$path" ] && echo "$mountpoint/$path"
    done
}
