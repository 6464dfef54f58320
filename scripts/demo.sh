#!/usr/bin/env bash
# The main job: a busybox bundle, and one container run from it by runcs.
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=${BUNDLE:-$PWD/artifacts/demo-bundle}
rm -rf "$bundle"
scripts/make-bundle.sh "$bundle" sh -c 'echo "hello from a runcs container: $(hostname), pid $$, $(id)"; ls /'
echo "bundle: $bundle"
echo "+ runcs run -b $bundle demo-$$"
exec bin/runcs run -b "$bundle" "demo-$$"
