#!/usr/bin/env bash
# Re-renders every golden image and copies the results into tests/goldens/.
# Look at each new PNG before committing it: a golden is a promise about what
# users see. Usage: scripts/approve-goldens.sh [gtest filter, e.g. 'Golden.*Patch*']
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/build.sh"
export NEEDLESIM_APPROVE_GOLDENS=1
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
"${NEEDLESIM_BUILD_DIR:-$root/build}/tests/render_tests" --gtest_filter="${1:-*}"
# The screen layouts (trainee and educator, 1x and 2x) are screenshots of the program.
"${NEEDLESIM_BUILD_DIR:-$root/build}/tests/runtime_tests" --gtest_filter="${1:-LayoutCli.*}"
git -C "$root" status --short tests/goldens
