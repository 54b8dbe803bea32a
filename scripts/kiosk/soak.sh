#!/usr/bin/env bash
# The kiosk's long soak: CYCLES scripted visitors (default 300, about 124 000 frames
# of 1/60 s; every fourth walks away) through the headless kiosk on the fast clock.
# Prints the frames, the counts and resident memory / live device allocations at
# cycle 10 and at the end; fails when memory grew by more than 1 MB or an allocation
# was left behind. SOAK_TIME_SCALE (default 0: no simulated time, the loop only; 1:
# the diffusion too, about 4x slower). VALIDATE=1 adds the validation layer and fails
# on any message; its own tracking grows ~120 kB a cycle, so memory is not judged then.
# Usage: scripts/kiosk/soak.sh [CYCLES] [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cycles=${1:-300}
build=${2:-$root/build}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cat > "$out/kiosk.json" <<JSON
{"try_s": 10, "idle_reset_s": 3, "score_s": 3, "scene": "$root/scenes/cheek.json",
 "guided_try": "$root/scenes/kiosk/guided-try.json", "day_list": "$out/day.json"}
JSON
python3 "$root/scripts/kiosk/visitor-script.py" --cycles "$cycles" > "$out/visitor.jsonl"
start=$(date +%s)
extra=(--time-scale "${SOAK_TIME_SCALE:-0}")
[ "${VALIDATE:-0}" = 1 ] && extra+=(--validate)
"$build/app/needlesim" --mode kiosk --headless "${extra[@]}" --kiosk-config "$out/kiosk.json" \
  --replay "$out/visitor.jsonl" --report "$out/report.json" 2> "$out/stderr.txt" || { cat "$out/stderr.txt"; exit 1; }
end=$(date +%s)
python3 - "$out/report.json" "$((end - start))" "${VALIDATE:-0}" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); k = r["kiosk"]; m = k["memory"]
print(f"frames {r['frames']}  wall {sys.argv[2]} s  cycles {k['cycles']}  tries {k['tries']}  "
      f"scores {len(k['scores'])}  idle resets {k['idle_resets']}")
print(f"rss kB: cycle {m['warm_cycle']} {m['rss_kb_warm']}, end {m['rss_kb_last']}, max {m['rss_kb_max']} "
      f"(growth {m['rss_kb_max'] - m['rss_kb_warm']} kB)")
print(f"vk allocations {m['vk_allocations_warm']} -> {m['vk_allocations_last']}, "
      f"bytes {m['vk_bytes_warm']} -> {m['vk_bytes_last']}")
print(f"validation errors {r['validation']['errors']} warnings {r['validation']['warnings']}")
validated = sys.argv[3] == "1"
ok = (r['validation']['errors'] == 0 and r['validation']['warnings'] == 0
      and m['vk_allocations_last'] == m['vk_allocations_warm']
      and (validated or m['rss_kb_max'] - m['rss_kb_warm'] <= 1024))
sys.exit(0 if ok else 1)
PY
