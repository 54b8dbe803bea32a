#!/usr/bin/env bash
# Quick start 2: install what is missing, build, and run the whole test suite
# (unit tests, GPU tests on lavapipe with validation, golden images, a windowed
# test under its own Xvfb). Extra arguments go to ctest (e.g. -R golden).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cd "${NEEDLESIM_BUILD_DIR:-$root/build}"
ctest --output-on-failure --parallel "$(nproc)" "$@"
