#!/bin/busybox sh
# PID 1 of the test VM. Stage 1 runs from the initramfs: pivot_root(2), which runcs uses, refuses a
# root on the initramfs itself, so everything is copied into a tmpfs and switch_root enters it.
# Stage 2 mounts the usual file systems, cgroup2 alone on /sys/fs/cgroup with every controller
# enabled for children, runs /checks.sh and powers off. The host reads the "runcs-test-vm:" lines.
bb=/bin/busybox
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
if [ "$1" != stage2 ]; then
  $bb mkdir -p /newroot
  $bb mount -t tmpfs -o mode=755 tmpfs /newroot
  for entry in /*; do
    case $entry in /newroot|/proc|/sys|/dev) continue ;; esac
    $bb cp -a "$entry" /newroot/
  done
  $bb mkdir -p /newroot/proc /newroot/sys /newroot/dev
  exec $bb switch_root /newroot /init stage2
fi

$bb --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec </dev/null >/dev/console 2>&1
mkdir -p /dev/pts /dev/shm
mount -t devpts -o newinstance,ptmxmode=0666 devpts /dev/pts
mount -t tmpfs -o mode=1777 shm /dev/shm
mount -t tmpfs -o mode=755 run /run
mount -t tmpfs -o mode=1777 tmp /tmp
mount -t cgroup2 -o nsdelegate,memory_recursiveprot cgroup2 /sys/fs/cgroup
for c in $(cat /sys/fs/cgroup/cgroup.controllers); do
  echo "+$c" > /sys/fs/cgroup/cgroup.subtree_control
done
# OOM kills are reported at error level; only the checks' own lines belong on the console.
dmesg -n 1
hostname cgroupv2
ifconfig lo 127.0.0.1 up
echo "runcs-test-vm: begin"
sh /checks.sh
echo "runcs-test-vm: exit $?"
sync
poweroff -f
