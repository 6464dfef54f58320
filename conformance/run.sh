#!/usr/bin/env bash
# conformance/run.sh RUNTIME [CASE...]: the OCI runtime-spec conformance cases against RUNTIME,
# any runtime with runc's command line (create/start/state/kill/delete/run/list, --root).
#
# Prints `PASS|FAIL|SKIP case (reason)` per case and ends with `N passed, N failed, N skipped`;
# exits 1 if a case failed. Each case builds a fresh bundle (busybox + the probe), drives the
# runtime and checks from outside (state, /proc, cgroupfs) and from inside (the probe's output).
#
# Environment: PROBE (static probe binary, default artifacts/conformance/probe), BUSYBOX
# (default /bin/busybox), RESULTS (append `case<TAB>verdict<TAB>reason` lines to this file),
# KEEP=1 (keep the work directory for a look at configs and logs).
#
# Runs as root, inside a private mount namespace. On a hybrid cgroup host the cgroup2 mount at
# /sys/fs/cgroup/unified is unmounted there (crun refuses hybrid hosts), so every runtime sees
# the same plain v1 host. State, bundles and cgroups are this run's own and removed at exit.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")

die() { echo "conformance: $*" >&2; exit 2; }

[ $# -ge 1 ] && [ -n "$1" ] || die "usage: conformance/run.sh RUNTIME [CASE...]  (make conformance RUNTIME=/path/to/runtime)"
RUNTIME=$(command -v "$1") || die "runtime '$1' not found"
RUNTIME=$(realpath "$RUNTIME")
shift
[ "$(id -u)" -eq 0 ] || die "run as root: the cases create namespaces, mounts and cgroups"
PROBE=$(realpath -m "${PROBE:-$repo/artifacts/conformance/probe}")
[ -x "$PROBE" ] || die "no probe at $PROBE (make conformance builds it)"
BUSYBOX=${BUSYBOX:-/bin/busybox}
[ -x "$BUSYBOX" ] || die "$BUSYBOX not found (apt-get install busybox-static)"
export PROBE BUSYBOX

if [ -z "${CONFORMANCE_NAMESPACE:-}" ]; then
  export CONFORMANCE_NAMESPACE=1
  exec unshare -m --propagation private "$here/run.sh" "$RUNTIME" "$@"
fi
if [ "$(stat -f -c %T /sys/fs/cgroup)" != cgroup2fs ] && mountpoint -q /sys/fs/cgroup/unified; then
  umount /sys/fs/cgroup/unified || die "cannot unmount /sys/fs/cgroup/unified in the private namespace"
fi

for lib in "$here"/lib/*.sh; do source "$lib"; done
for file in "$here"/cases/*.sh; do source "$file"; done

WORK=$(mktemp -d /tmp/oci-conformance.XXXXXX)
STATE_ROOT=$WORK/state
ROOTFS_TEMPLATE=$WORK/rootfs
RUNNER_PID=$$
CGROUP_PREFIX=oci-conformance-$$
mkdir -p "$STATE_ROOT" "$WORK/cases"
chmod 0755 "$WORK" # a user-namespaced container's root must reach its rootfs

delete_all_containers() {
  local id
  for id in $(rt list -q 2>/dev/null); do rt delete -f "$id" >/dev/null 2>&1; done
}

# Cgroups named for this run that a runtime left behind: their processes are ours to kill.
# A plain directory there is no cgroup: a runtime made it on the /sys/fs/cgroup tmpfs where
# the unmounted cgroup2 hierarchy was (crun does on a hybrid host), and it goes too.
remove_leftover_cgroups() {
  local dir pid try
  for dir in /sys/fs/cgroup/*/"$CGROUP_PREFIX"-* /sys/fs/cgroup/"$CGROUP_PREFIX"-*; do
    [ -d "$dir" ] || continue
    case $(stat -f -c %T "$dir") in
      cgroupfs | cgroup2fs)
        for try in 1 2 3 4 5; do
          while read -r pid; do kill -9 "$pid" 2>/dev/null; done <"$dir/cgroup.procs"
          rmdir "$dir" 2>/dev/null && break
          sleep 0.1
        done ;;
      tmpfs) rm -rf -- "$dir" ;;
    esac
  done
}

# Nothing is mounted under $WORK from this namespace, but never let rm -rf cross a mount.
remove_work_dir() {
  local dir=$1
  awk -v w="$dir" 'index($5, w) == 1 { print $5 }' /proc/self/mountinfo | sort -r |
    while read -r m; do umount -l "$m"; done
  rm -rf "$dir"
}

cleanup() {
  delete_all_containers
  remove_leftover_cgroups
  if [ -n "${KEEP:-}" ]; then echo "conformance: kept $WORK"; else remove_work_dir "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The rootfs every case copies: busybox with its applets, the probe, passwd and group files.
make_rootfs_template() {
  local dir=$ROOTFS_TEMPLATE applet
  mkdir -p "$dir/bin" "$dir/etc" "$dir/tmp" "$dir/root" "$dir/proc" "$dir/sys" "$dir/dev"
  cp "$BUSYBOX" "$dir/bin/busybox"
  for applet in $("$BUSYBOX" --list); do
    [ -e "$dir/bin/$applet" ] || ln -s busybox "$dir/bin/$applet"
  done
  cp "$PROBE" "$dir/bin/probe"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$dir/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' >"$dir/etc/group"
  chmod 1777 "$dir/tmp"
}
make_rootfs_template

cases=()
while read -r fn; do
  name=${fn#case_}
  if [ $# -gt 0 ]; then
    for want in "$@"; do [ "$want" = "$name" ] && cases+=("$fn"); done
  else
    cases+=("$fn")
  fi
done < <(sed -n 's/^\(case_[a-z0-9_]*\)() {.*/\1/p' "$here"/cases/*.sh)
[ ${#cases[@]} -gt 0 ] || die "no case matches: $*"

echo "conformance: $RUNTIME ($("$RUNTIME" --version 2>/dev/null | head -1)), cgroup $(cgroup_version), kernel $(uname -r)"
passed=0 failed=0 skipped=0 n=0
for fn in "${cases[@]}"; do
  n=$((n + 1))
  name=${fn#case_}
  CASE_DIR=$WORK/cases/$name
  mkdir -p "$CASE_DIR"
  (
    CASE_PID=$BASHPID
    trap 'exit 1' TERM # how fail ends the case from inside a command substitution
    ID=oci-$$-$n
    OUT=$CASE_DIR/out
    ERR=$CASE_DIR/err
    CGROUP_PATH=/$CGROUP_PREFIX-$n
    cd "$CASE_DIR" && "$fn"
  ) >"$CASE_DIR/log" 2>&1
  rc=$?
  reason=$(head -1 "$CASE_DIR/reason" 2>/dev/null)
  verdict=$(cat "$CASE_DIR/verdict" 2>/dev/null)
  if [ -z "$verdict" ] && [ "$rc" -eq 0 ]; then
    verdict=PASS
  elif [ -z "$verdict" ]; then
    verdict=FAIL reason="the case stopped with status $rc: $(tail -1 "$CASE_DIR/log")"
  fi
  case $verdict in
    PASS) passed=$((passed + 1)) ;;
    SKIP) skipped=$((skipped + 1)) ;;
    *) failed=$((failed + 1)) ;;
  esac
  echo "$verdict $name${reason:+ ($reason)}"
  [ -z "${RESULTS:-}" ] || printf '%s\t%s\t%s\n' "$name" "$verdict" "$reason" >>"$RESULTS"
  delete_all_containers
  remove_leftover_cgroups
  [ -n "${KEEP:-}" ] || remove_work_dir "$CASE_DIR"
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
