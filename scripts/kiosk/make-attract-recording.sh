#!/usr/bin/env bash
# Writes the kiosk's attract demonstration on the face, scenes/kiosk/attract-face.jsonl
# (tools/make_attract_recording: a crosshatch over the left cheek of assets/face.glb).
#   scripts/kiosk/make-attract-recording.sh [BUILD_DIR]   (default: build)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
cmake --build "$build" --target make_attract_recording
"$build/tools/make_attract_recording" "$root/assets/face.glb" "$root/scenes/kiosk/attract-face.jsonl"
