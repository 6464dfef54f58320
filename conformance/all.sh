#!/usr/bin/env bash
# conformance/all.sh (make conformance-all): the suite against runcs (bin/runcs), runc and crun,
# each run the same way by run.sh, then one markdown table, case × runtime, and the reasons of
# every case that did not pass. A runtime that is not installed is left out, with a note.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")

runtimes=() paths=()
add_runtime() { # NAME PATH
  if [ -n "$2" ] && [ -x "$2" ]; then
    runtimes+=("$1") paths+=("$2")
  else
    echo "conformance-all: $1 not found, left out"
  fi
}
add_runtime runcs "$repo/bin/runcs"
add_runtime runc "$(command -v runc || true)"
add_runtime crun "$(command -v crun || true)"
[ ${#runtimes[@]} -gt 0 ] || { echo "conformance-all: no runtime to test" >&2; exit 2; }

results=$(mktemp -d /tmp/oci-conformance-all.XXXXXX)
trap 'rm -rf "$results"' EXIT

status=0
for i in "${!runtimes[@]}"; do
  rt=${runtimes[$i]}
  RESULTS=$results/$rt.tsv "$here/run.sh" "${paths[$i]}" >"$results/$rt.log" 2>&1
  [ $? -le 1 ] || status=2 # 1: some case failed; more: the run itself did not work
  head -1 "$results/$rt.log"
  echo "  $(tail -1 "$results/$rt.log")"
done

# verdict RT CASE → PASS/FAIL/SKIP, or "-" when the runtime's run has no such case.
verdict() { awk -F'\t' -v c="$2" '$1 == c { print $2; found = 1; exit } END { if (!found) print "-" }' "$results/$1.tsv" 2>/dev/null || echo -; }

echo
echo "OCI runtime-spec conformance — $(date -u +%Y-%m-%d), kernel $(uname -r), $(nproc) cores"
echo
printf '| case |'; printf ' %s |' "${runtimes[@]}"; echo
printf '|---|'; for _ in "${runtimes[@]}"; do printf -- '---|'; done; echo
cut -f1 "$results"/*.tsv 2>/dev/null | awk '!seen[$0]++' | while read -r name; do
  printf '| %s |' "$name"
  for rt in "${runtimes[@]}"; do printf ' %s |' "$(verdict "$rt" "$name")"; done
  echo
done
printf '| **passed / failed / skipped** |'
for rt in "${runtimes[@]}"; do
  printf ' %s |' "$(awk -F'\t' '{ n[$2]++ } END { printf "%d / %d / %d", n["PASS"], n["FAIL"], n["SKIP"] }' "$results/$rt.tsv" 2>/dev/null)"
done
echo

echo
for rt in "${runtimes[@]}"; do
  awk -F'\t' -v rt="$rt" '$2 != "PASS" { printf "- %s %s %s: %s\n", rt, $2, $1, $3 }' "$results/$rt.tsv" 2>/dev/null
done
exit $status
