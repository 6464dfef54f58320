#!/usr/bin/env bash
# Builds and runs the shim's C unit tests (test_bootstrap.c and test_native_init.c against every shim file
# but shim.c, whose constructor would run, and init_image.c, which needs the embedded image). One line per case, then exactly one line
# "N passed, N failed". Exits non-zero if a case failed or the build failed.
# Uses AddressSanitizer/UBSan when the compiler has them (RUNCS_SHIM_TEST_SANITIZE=0 turns that off).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shim=$(cd "$here/../../src/NativeShim" && pwd)
CC=${CC:-gcc}
CFLAGS=(-Wall -Wextra -Werror -std=gnu11 -D_GNU_SOURCE -O1 -g -I"$shim")
sources=("$here/test_bootstrap.c" "$here/test_native_init.c")
for f in "$shim"/*.c; do case $(basename "$f") in shim.c | init_image.c) ;; *) sources+=("$f") ;; esac; done

build=$(mktemp -d "${TMPDIR:-/tmp}/runcs-shim-tests.XXXXXX")
trap 'rm -rf "$build"' EXIT
bin=$build/test_bootstrap

built=0
if [ "${RUNCS_SHIM_TEST_SANITIZE:-1}" != 0 ] &&
  "$CC" "${CFLAGS[@]}" -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
    "${sources[@]}" -o "$bin" 2>"$build/cc-san.log" && "$bin" header_only_message_is_empty >/dev/null 2>&1; then
  built=1
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
elif "$CC" "${CFLAGS[@]}" "${sources[@]}" -o "$bin" 2>"$build/cc.log"; then
  built=1
fi
if [ "$built" != 1 ]; then
  cat "$build/cc.log" >&2
  echo "FAIL build: $CC could not compile the shim tests"
  echo "0 passed, 1 failed"
  exit 1
fi

out=$("$bin")
status=$?
printf '%s\n' "$out" | grep -E '^(PASS|FAIL) ' || true
passed=$(grep -c '^PASS ' <<<"$out")
failed=$(grep -c '^FAIL ' <<<"$out")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "FAIL test_bootstrap: exited with status $status"
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
