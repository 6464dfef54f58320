#!/usr/bin/env bash
# make-bundle.sh DIR [ARG...]: a busybox bundle in DIR (rootfs/ + config.json from `runcs spec`),
# with terminal off and the given process args (default: sh).
set -euo pipefail
dir=$1; shift
runcs=${RUNCS:-$(dirname "$0")/../bin/runcs}
busybox=${BUSYBOX:-/bin/busybox}
[ -x "$busybox" ] || { echo "make-bundle: $busybox not found (apt-get install busybox-static)" >&2; exit 1; }
mkdir -p "$dir/rootfs/bin" "$dir/rootfs/etc" "$dir/rootfs/tmp" "$dir/rootfs/root"
cp "$busybox" "$dir/rootfs/bin/busybox"
for applet in $("$busybox" --list); do
  [ -e "$dir/rootfs/bin/$applet" ] || ln -s busybox "$dir/rootfs/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$dir/rootfs/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\n' > "$dir/rootfs/etc/group"
rm -f "$dir/config.json"
"$runcs" spec --bundle "$dir"
args='"sh"'
if [ $# -gt 0 ]; then
  args=""
  for a in "$@"; do
    esc=${a//\\/\\\\}; esc=${esc//\"/\\\"}
    args="$args${args:+, }\"$esc\""
  done
fi
sed -i 's/"terminal": true/"terminal": false/' "$dir/config.json"
sed -i ':a;N;$!ba;s/"args": \[\n\t*"sh"\n\t*\]/"args": ['"$(printf '%s' "$args" | sed 's/[&/\]/\\&/g')"']/' "$dir/config.json"
