#!/usr/bin/env bash
# Quick start 1: install what is missing, build, and launch NeedleSim on the default
# scene. With a display it opens a window; without one it runs headless and writes
# a screenshot and a run report to out/. Extra arguments go to needlesim.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
bin="${NEEDLESIM_BUILD_DIR:-$root/build}/app/needlesim"
if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -d "${XDG_RUNTIME_DIR}" ]; then
  export XDG_RUNTIME_DIR="$(mktemp -d)"  # the Vulkan loader complains without one
fi
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$bin" "$@"
fi
mkdir -p "$root/out"
echo "run: no display found: running headless (120 frames)"
"$bin" --headless --frames 120 --screenshot "$root/out/needlesim.png" \
       --report "$root/out/report.json" "$@"
echo "run: screenshot: $root/out/needlesim.png"
echo "run: report:     $root/out/report.json"
