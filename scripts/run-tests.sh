#!/usr/bin/env bash
# Runs every test project and ends with one line: "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")/.."
# runcs (as runc) honours NOTIFY_SOCKET; tests that want it set their own.
unset NOTIFY_SOCKET
export RUNCS_BINARY=${RUNCS_BINARY:-$PWD/bin/runcs}
passed=0 failed=0 skipped=0 status=0
log=$(mktemp)
for project in tests/Spec.Tests tests/Runtime.Tests; do
  echo "== $project"
  dotnet test "$project" -c Release --nologo --logger "console;verbosity=minimal" 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  line=$(grep -E '(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" | tail -1)
  if [ -z "$line" ]; then
    echo "no test summary from $project"
    status=1
    continue
  fi
  f=$(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$line")
  p=$(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$line")
  s=$(sed -E 's/.*Skipped: +([0-9]+),.*/\1/' <<<"$line")
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done
if [ -x tests/NativeShim/run.sh ]; then
  echo "== tests/NativeShim"
  if out=$(tests/NativeShim/run.sh); then :; else status=1; fi
  echo "$out"
  counts=$(tail -1 <<<"$out")
  if [[ $counts =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1])) failed=$((failed + BASH_REMATCH[2]))
  else
    status=1
  fi
fi
# Cgroup v2 for real: a QEMU VM, ~1-2 min under software emulation. RUNCS_SKIP_VM_TESTS=1 skips it.
if [ -n "${RUNCS_SKIP_VM_TESTS:-}" ]; then
  echo "== tests/CgroupV2Vm"
  echo "SKIP: RUNCS_SKIP_VM_TESTS is set"
  skipped=$((skipped + 1))
elif [ -x tests/CgroupV2Vm/run.sh ]; then
  echo "== tests/CgroupV2Vm"
  if out=$(tests/CgroupV2Vm/run.sh); then :; else status=1; fi
  echo "$out"
  counts=$(tail -1 <<<"$out")
  if [[ $counts =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)?$ ]]; then
    passed=$((passed + BASH_REMATCH[1])) failed=$((failed + BASH_REMATCH[2])) skipped=$((skipped + ${BASH_REMATCH[4]:-0}))
  else
    status=1
  fi
fi
echo "== conformance (OCI runtime-spec suite against $RUNCS_BINARY)"
conformance/run.sh "$RUNCS_BINARY" 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
if [[ $(tail -1 "$log") =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
  passed=$((passed + BASH_REMATCH[1])) failed=$((failed + BASH_REMATCH[2])) skipped=$((skipped + BASH_REMATCH[3]))
else
  status=1
fi
rm -f "$log"
[ "$failed" -eq 0 ] || status=1
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit $status
