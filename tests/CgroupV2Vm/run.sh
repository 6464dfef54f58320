#!/usr/bin/env bash
# tests/CgroupV2Vm/run.sh: the cgroup v2 checks of runcs (checks.sh) in a throwaway VM whose only
# cgroup hierarchy is cgroup v2 with every controller enabled, for hosts that are v1 or hybrid.
#
# The VM is QEMU in software emulation (no /dev/kvm needed) booting Debian's kernel with
# cgroup_no_v1=all and an initramfs of busybox, runcs and the checks. The kernel package is fetched
# once with `apt-get download` (nothing is installed) and cached. Output: the checks' PASS/FAIL
# lines, a timing line, then "N passed, N failed"; exit 0 only if every check passed. When this
# machine cannot run the VM, one "SKIP: reason" line and "0 passed, 0 failed, 1 skipped", exit 0.
#
# Environment: RUNCS_BINARY (default bin/runcs), RUNCS_VM_CACHE (default /var/cache/runcs-test-vm),
# RUNCS_VM_TIMEOUT (seconds for the whole VM run, default 300), RUNCS_VM_QEMU (qemu binary),
# RUNCS_VM_LOG (file to keep the whole console log in), RUNCS_VM_CHECKS (another guest script).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
runcs=${RUNCS_BINARY:-$repo/bin/runcs}
busybox=${BUSYBOX:-/bin/busybox}
cache=${RUNCS_VM_CACHE:-/var/cache/runcs-test-vm}
vm_timeout=${RUNCS_VM_TIMEOUT:-300}
cmdline="console=ttyS0 panic=-1 rdinit=/init cgroup_no_v1=all quiet loglevel=1 nowatchdog rcupdate.rcu_cpu_stall_suppress=1"

skip() {
  echo "SKIP: $*"
  echo "0 passed, 0 failed, 1 skipped"
  exit 0
}

[ "$(id -u)" -eq 0 ] || skip "needs root (to fetch the kernel with apt)"
[ "$(uname -m)" = x86_64 ] || skip "the VM is x86_64 only; this machine is $(uname -m)"
qemu=${RUNCS_VM_QEMU:-$(command -v qemu-system-x86_64 || true)}
[ -n "$qemu" ] && [ -x "$qemu" ] || skip "qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)"
[ -x "$runcs" ] || skip "runcs binary $runcs not found (make build)"
[ -x "$busybox" ] || skip "$busybox not found (apt-get install busybox-static)"
case $(LC_ALL=C ldd "$busybox" 2>&1 || true) in
  *"not a dynamic executable"* | *"statically linked"*) ;;
  *) skip "$busybox is not static (apt-get install busybox-static)" ;;
esac
for tool in apt-get apt-cache dpkg-deb tar gzip timeout flock ldd od; do
  command -v "$tool" >/dev/null || skip "$tool is not installed"
done

work=$(mktemp -d /tmp/runcs-test-vm.XXXXXX)
timeout_pid=
cleanup() {
  trap - EXIT INT TERM HUP
  set +e
  [ -n "$timeout_pid" ] && kill "$timeout_pid" 2>/dev/null
  # Only the qemu of this run: its pid file is in our own directory, its command line names it.
  local pid
  pid=$(cat "$work/qemu.pid" 2>/dev/null)
  if [ -n "$pid" ]; then
    if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF "$work/"; then
      kill -9 "$pid" 2>/dev/null
    fi
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM HUP

# bzImage → the ELF vmlinux inside it. qemu boots an ELF kernel through PVH, which skips the xz
# decompression that costs seconds under emulation. Without xz the bzImage is booted as it is.
extract_vmlinux() {
  local offset
  command -v xz >/dev/null || return 1
  offset=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$1" | head -1 | cut -d: -f1 || true)
  [ -n "$offset" ] || return 1
  tail -c +"$((offset + 1))" "$1" | xz -dcq > "$2" 2>/dev/null || true
  [ "$(head -c 4 "$2" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ]
}

# Echoes the path of a bootable kernel, fetching and unpacking it on first use.
kernel() {
  mkdir -p "$cache"
  exec 9> "$cache/.lock"
  flock 9
  local pkg dir tmp
  pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }' || true)
  if [ -z "$pkg" ]; then
    apt-get update -qq >/dev/null 2>&1 || true
    pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }' || true)
  fi
  if [ -n "$pkg" ] && [ ! -e "$cache/$pkg/kernel" ]; then
    tmp=$(mktemp -d "$cache/fetch.XXXXXX")
    if (cd "$tmp" && apt-get download -qq -o APT::Sandbox::User=root "$pkg" >/dev/null 2>&1); then
      dpkg-deb --fsys-tarfile "$tmp"/*.deb | tar -x -C "$tmp" --wildcards './boot/vmlinuz-*'
      mkdir -p "$tmp/out"
      if extract_vmlinux "$tmp"/boot/vmlinuz-* "$tmp/out/vmlinux"; then
        ln -s vmlinux "$tmp/out/kernel"
      else
        mv "$tmp"/boot/vmlinuz-* "$tmp/out/vmlinuz"
        ln -s vmlinuz "$tmp/out/kernel"
      fi
      rm -rf "${cache:?}/$pkg"
      mv "$tmp/out" "$cache/$pkg"
    fi
    rm -rf "$tmp"
  fi
  # Offline, or apt moved on: any kernel fetched before will do.
  if [ -z "$pkg" ] || [ ! -e "$cache/$pkg/kernel" ]; then
    pkg=$(cd "$cache" && ls -d linux-image-*/kernel 2>/dev/null | sort -V | tail -1 | cut -d/ -f1)
  fi
  flock -u 9
  [ -n "$pkg" ] && echo "$cache/$pkg/kernel"
}

kernel_path=$(kernel) || skip "no kernel: apt cannot download linux-image-amd64 and none is cached in $cache"
started=$(date +%s.%N)

# The initramfs: busybox, runcs with the libraries it links, the guest init and the checks.
root=$work/root
mkdir -p "$root"/{bin,usr/bin,proc,sys,dev,run,tmp,mnt,root,etc}
cp "$busybox" "$root/bin/busybox"
cp "$runcs" "$root/usr/bin/runcs"
for lib in $(LC_ALL=C ldd "$runcs" | grep -o '/[^ ]*'); do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
cp "$here/guest-init.sh" "$root/init"
cp "${RUNCS_VM_CHECKS:-$here/checks.sh}" "$root/checks.sh"
chmod 755 "$root/init" "$root/checks.sh"
mknod "$root/dev/console" c 5 1
echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
(cd "$root" && find . | "$busybox" cpio -o -H newc 2>/dev/null) | gzip -1 > "$work/initramfs"
built=$(date +%s.%N)

timeout -k 10 "$vm_timeout" "$qemu" -nodefaults -no-user-config -nographic -serial stdio -no-reboot \
  -accel tcg,thread=multi -cpu max -smp 2 -m 1G \
  -kernel "$kernel_path" -initrd "$work/initramfs" -append "$cmdline" \
  -pidfile "$work/qemu.pid" < /dev/null > "$work/console.log" 2>&1 &
timeout_pid=$!
vm_status=0
wait "$timeout_pid" || vm_status=$?
timeout_pid=
finished=$(date +%s.%N)

tr -d '\r' < "$work/console.log" > "$work/console.txt"
[ -n "${RUNCS_VM_LOG:-}" ] && cp "$work/console.txt" "$RUNCS_VM_LOG"
exit_line=$(grep -a '^runcs-test-vm: exit [0-9]*$' "$work/console.txt" | tail -1 || true)
# Firmware output may precede the first marker on its line.
sed -n '/runcs-test-vm: begin$/,/^runcs-test-vm: exit [0-9]*$/p' "$work/console.txt" |
  grep -av 'runcs-test-vm: \(begin\|exit [0-9]*\)$' | grep -av '^[0-9]\+ passed, [0-9]\+ failed$' || true
summary=$(grep -a '^[0-9]\+ passed, [0-9]\+ failed$' "$work/console.txt" | tail -1 || true)
awk -v k="$(basename "$(dirname "$kernel_path")")" -v s="$started" -v b="$built" -v f="$finished" \
  'BEGIN { printf "time: initramfs %.1f s, VM (boot, checks, power-off) %.1f s, kernel %s\n", b - s, f - b, k }'
if [ -z "$exit_line" ] || [ -z "$summary" ]; then
  if [ "$vm_status" -eq 124 ]; then
    echo "FAIL vm: no result within ${vm_timeout}s (RUNCS_VM_TIMEOUT)"
  else
    echo "FAIL vm: it stopped (status $vm_status) without a result; console log tail:"
  fi
  tail -20 "$work/console.txt" | sed 's/^/    /'
  echo "$(grep -ac '^PASS ' "$work/console.txt") passed, $(($(grep -ac '^FAIL ' "$work/console.txt") + 1)) failed"
  exit 1
fi
echo "$summary"
[ "${exit_line##* }" -eq 0 ]
