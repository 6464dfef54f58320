#!/usr/bin/env bash
# make bench: runcs against runc and crun, measured the same way in one run, interleaved.
# Prints a markdown table of medians and runcs/runc, runcs/crun ratios.
# crun refuses hybrid cgroup hosts, so every runtime runs inside a private mount namespace
# with /sys/fs/cgroup/unified unmounted (a no-op where it is not mounted).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${RUNCS_BENCH_INNER:-}" ]; then
  export RUNCS_BENCH_INNER=1
  exec unshare -m --propagation private "$0" "$@"
fi
umount /sys/fs/cgroup/unified 2>/dev/null || true
# With the cgroup2 mount gone, crun makes its cgroups as plain directories on the tmpfs beneath
# it; remember what is there so cleanup removes only what this run added.
hidden=/sys/fs/cgroup/unified
hidden_before=$( [ "$(stat -f -c %T "$hidden" 2>/dev/null)" = tmpfs ] && ls -A "$hidden" || true)

N=${N:-30}
N_STATE=${N_STATE:-100}
work=$(mktemp -d /tmp/runcs-bench.XXXXXX)
trap 'cleanup' EXIT
declare -A BIN=([runcs]=$PWD/bin/runcs [runc]=$(command -v runc || true) [crun]=$(command -v crun || true))
runtimes=()
for rt in runcs runc crun; do [ -n "${BIN[$rt]}" ] && runtimes+=("$rt"); done

cleanup() {
  for rt in "${runtimes[@]}"; do
    for id in $("${BIN[$rt]}" --root "$work/root-$rt" list -q 2>/dev/null); do
      "${BIN[$rt]}" --root "$work/root-$rt" delete -f "$id" >/dev/null 2>&1 || true
    done
  done
  rm -rf "$work"
  if [ "$(stat -f -c %T "$hidden" 2>/dev/null)" = tmpfs ]; then
    for entry in $(ls -A "$hidden"); do
      grep -qxF "$entry" <<<"$hidden_before" || rm -rf -- "${hidden:?}/$entry"
    done
  fi
}

bundle() { # DIR ARGS...: a busybox bundle every runtime accepts (crun 1.8 refuses ociVersion 1.3.0)
  local dir=$1; shift
  scripts/make-bundle.sh "$dir" "$@" >/dev/null
  sed -i 's/"ociVersion": "[^"]*"/"ociVersion": "1.0.2"/' "$dir/config.json"
}
bundle "$work/true" true
bundle "$work/sleep" sleep 1000

now_us() { local t=${EPOCHREALTIME/./}; echo "$t"; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
declare -A samples

record() { samples[$1,$2]+="$3 "; }
ms() { awk -v us="$1" 'BEGIN {printf "%.2f", us/1000}'; }

# 1. run of /bin/true, 2. detached create/start/delete, 3. exec into a running container
for rt in "${runtimes[@]}"; do
  mkdir -p "$work/root-$rt"
  "${BIN[$rt]}" --root "$work/root-$rt" run -d -b "$work/sleep" exec-target-$rt </dev/null >/dev/null 2>&1
done
for i in $(seq "$N"); do
  for rt in "${runtimes[@]}"; do
    r=(${BIN[$rt]} --root "$work/root-$rt")
    t0=$(now_us); "${r[@]}" run -b "$work/true" "run-$i" </dev/null >/dev/null 2>&1; t1=$(now_us)
    record run "$rt" $((t1 - t0))
    t0=$(now_us)
    "${r[@]}" create -b "$work/sleep" "cyc-$i" </dev/null >/dev/null 2>&1
    "${r[@]}" start "cyc-$i"
    "${r[@]}" delete -f "cyc-$i"
    t1=$(now_us)
    record cycle "$rt" $((t1 - t0))
    t0=$(now_us); "${r[@]}" exec "exec-target-$rt" true </dev/null >/dev/null 2>&1; t1=$(now_us)
    record exec "$rt" $((t1 - t0))
  done
done

# 4. start-up of the CLI itself: --version, spec into an empty directory, validate (runcs only)
for i in $(seq "$N"); do
  for rt in "${runtimes[@]}"; do
    t0=$(now_us); "${BIN[$rt]}" --version >/dev/null; t1=$(now_us); record version "$rt" $((t1 - t0))
    d="$work/spec-$rt-$i"; mkdir -p "$d"
    t0=$(now_us); (cd "$d" && "${BIN[$rt]}" spec >/dev/null 2>&1); t1=$(now_us); record spec "$rt" $((t1 - t0))
  done
  t0=$(now_us); "${BIN[runcs]}" validate --bundle "$work/true" >/dev/null; t1=$(now_us); record validate runcs $((t1 - t0))
done

# 5. state and list with N_STATE containers present; RSS of init while created
for rt in "${runtimes[@]}"; do
  r=(${BIN[$rt]} --root "$work/root-$rt")
  for i in $(seq "$N_STATE"); do "${r[@]}" create -b "$work/sleep" "many-$rt-$i" </dev/null >/dev/null 2>&1; done
  pid=$("${r[@]}" state "many-$rt-1" | sed -n 's/.*"pid": *\([0-9]*\).*/\1/p')
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  samples[initrss,$rt]="$rss_kb"
done
for i in $(seq "$N"); do
  for rt in "${runtimes[@]}"; do
    r=(${BIN[$rt]} --root "$work/root-$rt")
    t0=$(now_us); "${r[@]}" state "many-$rt-$(( (N_STATE + 1) / 2 ))" >/dev/null; t1=$(now_us); record state "$rt" $((t1 - t0))
    t0=$(now_us); "${r[@]}" list >/dev/null; t1=$(now_us); record list "$rt" $((t1 - t0))
  done
done
for rt in "${runtimes[@]}"; do
  r=(${BIN[$rt]} --root "$work/root-$rt")
  for i in $(seq "$N_STATE"); do "${r[@]}" delete -f "many-$rt-$i" >/dev/null 2>&1; done
  # peak RSS of the runtime process during run
  peak=$( { /usr/bin/time -f '%M' "${r[@]}" run -b "$work/true" peak </dev/null >/dev/null 2>/dev/null; } 2>&1 | tail -1 || true)
  [[ $peak =~ ^[0-9]+$ ]] || peak=$(bash -c 'command time -f %M '"${r[*]}"' run -b '"$work/true"' peak2 2>&1 >/dev/null </dev/null' | tail -1)
  samples[peakrss,$rt]="$peak"
  samples[size,$rt]=$(stat -L -c %s "${BIN[$rt]}")
done

# 6. 100 containers started in parallel (wall time), and nothing left behind
for rt in "${runtimes[@]}"; do
  r="${BIN[$rt]} --root $work/root-$rt"
  t0=$(now_us)
  seq 100 | xargs -P 8 -I{} sh -c "$r run -b $work/true par-{} </dev/null >/dev/null 2>&1"
  t1=$(now_us)
  samples[parallel,$rt]=$((t1 - t0))
  left=$($r list -q | grep -c '^par-' || true)
  samples[leftover,$rt]=$left
done

value() { # METRIC RT → number (median for timed metrics)
  local v=${samples[$1,$2]:-}
  [ -n "$v" ] || { echo "n/a"; return; }
  case $1 in
    run|cycle|exec|state|list|version|spec|validate) ms "$(tr ' ' '\n' <<<"$v" | grep . | median)" ;;
    parallel) ms "$v" ;;
    *) echo "$v" ;;
  esac
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b ~ /^[0-9.]+$/ && b + 0 > 0 && a ~ /^[0-9.]+$/) printf "%.2f", a/b; else print "n/a" }'; }

echo
echo "runcs benchmark — $(date -u +%Y-%m-%d), $(nproc) cores, kernel $(uname -r), N=$N"
echo
printf '| metric |'; printf ' %s |' "${runtimes[@]}"; echo " runcs/runc | runcs/crun |"
printf '|---|'; for _ in "${runtimes[@]}"; do printf -- '---|'; done; echo "---|---|"
for m in "run:run /bin/true (ms)" "cycle:create+start+delete -f (ms)" "exec:exec true (ms)" \
         "version:--version (ms)" "spec:spec (ms)" "validate:validate of a bundle (ms)" \
         "state:state, $N_STATE present (ms)" "list:list, $N_STATE present (ms)" \
         "initrss:init RSS while created (KB)" "peakrss:peak RSS of run (KB)" "size:binary size (bytes)" \
         "parallel:100 parallel runs, wall (ms)" "leftover:containers left after parallel runs"; do
  key=${m%%:*}; label=${m#*:}
  printf '| %s |' "$label"
  for rt in "${runtimes[@]}"; do printf ' %s |' "$(value "$key" "$rt")"; done
  own=$(value "$key" runcs)
  printf ' %s | %s |\n' "$(ratio "$own" "$(value "$key" runc 2>/dev/null || echo 0)")" "$(ratio "$own" "$(value "$key" crun 2>/dev/null || echo 0)")"
done
