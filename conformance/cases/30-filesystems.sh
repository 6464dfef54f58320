# config.md root and mounts, config-linux.md default filesystems, maskedPaths, readonlyPaths.

# has_option LIST OPTION: OPTION is one of the comma-separated mount options in LIST.
has_option() { has_item "$1" "$2"; }

# config.md root: "readonly (bool, OPTIONAL) If true then the root filesystem MUST be read-only
# inside the container, defaults to false."
case_root_readonly() {
  new_bundle
  cfg root.readonly true
  probe_args write=/newfile mount=/
  run_ok
  expect write./newfile EROFS
  has_option "$(value mount./.opts)" ro || fail "/ is mounted '$(value mount./.opts)', want ro"
}

case_root_writable() {
  new_bundle
  cfg root.readonly false
  probe_args write=/newfile
  run_ok
  expect write./newfile ok
  [ -f "$BUNDLE/rootfs/newfile" ] || fail "the file written to / is not in the bundle's rootfs"
}

# config.md mounts: "options (array of strings, OPTIONAL) Mount options of the filesystem to be
# used." (tmpfs with flags and filesystem data). The destination does not exist in the rootfs.
case_mounts_tmpfs_options() {
  new_bundle
  add_mount '{"destination": "/mnt/scratch", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "nodev", "noexec", "mode=750", "size=1m"]}'
  probe_args mount=/mnt/scratch stat=/mnt/scratch
  run_ok
  expect mount./mnt/scratch.fstype tmpfs
  local opts super option
  opts=$(value mount./mnt/scratch.opts)
  for option in nosuid nodev noexec; do
    has_option "$opts" "$option" || fail "/mnt/scratch is mounted '$opts', want $option"
  done
  super=$(value mount./mnt/scratch.super)
  has_option "$super" size=1024k || fail "tmpfs options are '$super', want size=1024k"
  expect stat./mnt/scratch.mode 0750
}

# config.md mounts: bind mounts of a host directory, read-only and read-write.
case_mounts_bind_readonly() {
  new_bundle
  mkdir -p "$CASE_DIR/data"
  echo "from the host" >"$CASE_DIR/data/hello"
  add_mount "{\"destination\": \"/data\", \"type\": \"bind\", \"source\": \"$CASE_DIR/data\", \"options\": [\"rbind\", \"ro\"]}"
  probe_args read=/data/hello write=/data/new
  run_ok
  expect read./data/hello.data "from the host"
  expect write./data/new EROFS
  [ ! -e "$CASE_DIR/data/new" ] || fail "a file was written through the read-only bind mount"
}

case_mounts_bind_writable() {
  new_bundle
  mkdir -p "$CASE_DIR/data"
  add_mount "{\"destination\": \"/data\", \"type\": \"bind\", \"source\": \"$CASE_DIR/data\", \"options\": [\"rbind\", \"rw\"]}"
  probe_args write=/data/new
  run_ok
  expect write./data/new ok
  [ "$(cat "$CASE_DIR/data/new" 2>/dev/null)" = probe ] || fail "the host does not see the file written in /data"
}

# config.md mounts: "The runtime MUST mount entries in the listed order." A mount over an earlier
# one at the same place hides it; a mount inside an earlier one needs it first.
case_mounts_listed_order() {
  new_bundle
  add_mount '{"destination": "/layers", "type": "tmpfs", "source": "first", "options": ["size=1m"]}'
  add_mount '{"destination": "/layers", "type": "tmpfs", "source": "second", "options": ["size=2m"]}'
  add_mount '{"destination": "/layers/inner", "type": "tmpfs", "source": "inner", "options": ["size=3m"]}'
  probe_args mount=/layers mount=/layers/inner
  run_ok
  expect mount./layers.source second
  expect mount./layers/inner yes
  expect mount./layers/inner.source inner
}

# config-linux.md Default Filesystems: "The following filesystems SHOULD be made available in each
# container's filesystem: /proc proc, /sys sysfs, /dev/pts devpts, /dev/shm tmpfs" (the base
# config lists them, as `runc spec` does), plus /dev/mqueue and the cgroup mount.
case_mounts_default_filesystems() {
  new_bundle
  probe_args mount=/proc mount=/sys mount=/dev mount=/dev/pts mount=/dev/shm mount=/dev/mqueue mount=/sys/fs/cgroup read=/proc/self/stat
  run_ok
  expect mount./proc.fstype proc
  expect mount./sys.fstype sysfs
  expect mount./dev.fstype tmpfs
  expect mount./dev/pts.fstype devpts
  expect mount./dev/shm.fstype tmpfs
  expect mount./dev/mqueue.fstype mqueue
  expect_match mount./sys/fs/cgroup.fstype '^(tmpfs|cgroup2)$'
  expect read./proc/self/stat ok
  has_option "$(value mount./sys.opts)" ro || fail "/sys is mounted '$(value mount./sys.opts)', want ro as configured"
}

# config-linux.md: "maskedPaths (array of strings, OPTIONAL) will mask over the provided paths
# inside the container so that they cannot be read."
case_linux_masked_paths() {
  new_bundle
  mkdir -p "$BUNDLE/rootfs/secret-dir"
  echo "secret" >"$BUNDLE/rootfs/secret-file"
  echo "secret" >"$BUNDLE/rootfs/secret-dir/inside"
  cfg linux.maskedPaths '["/secret-file", "/secret-dir"]'
  probe_args read=/secret-file list=/secret-dir read=/secret-dir/inside
  run_ok
  # Masked means unreadable: an error, or an empty file or directory in its place.
  local file inside listing
  file=$(required read./secret-file)
  [ "$file" != ok ] || expect read./secret-file.bytes 0
  inside=$(required read./secret-dir/inside)
  [ "$inside" != ok ] || fail "/secret-dir/inside can be read"
  listing=$(required list./secret-dir)
  [ "$listing" != ok ] || expect list./secret-dir.entries ""
}

# config-linux.md: "readonlyPaths (array of strings, OPTIONAL) will set the provided paths as
# readonly inside the container."
case_linux_readonly_paths() {
  new_bundle
  mkdir -p "$BUNDLE/rootfs/frozen" "$BUNDLE/rootfs/open"
  cfg linux.readonlyPaths '["/frozen"]'
  probe_args write=/frozen/file write=/open/file
  run_ok
  expect write./frozen/file EROFS
  expect write./open/file ok
}
