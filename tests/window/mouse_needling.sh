#!/usr/bin/env bash
# A trainee with a mouse, under Xvfb (ctest runs this through xvfb-run): open the
# window, hold the left button and glide across the skin, then stop the program the
# way a supervisor would (SIGTERM). The report must show channels made by the mouse
# and zero validation errors.
set -euo pipefail
bin="$1"; out="$2"
mkdir -p "$out"
rm -f "$out/report.json"
"$bin" --validate --report "$out/report.json" 2> "$out/stderr.txt" &
pid=$!
sleep 4                                  # window up, first frames drawn
# The default camera shows the simulated block around the middle of the top face.
xdotool mousemove 560 250 sleep 0.3 mousedown 1
for x in $(seq 560 8 680); do xdotool mousemove "$x" 255 sleep 0.05; done
xdotool mouseup 1
sleep 1
import -window root "$out/mouse-needling.png" || true
kill -TERM "$pid"
wait "$pid"
python3 - "$out/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["validation"]["errors"] == 0, r["validation"]
assert r["pen"]["source"] == "interactive", r["pen"]
assert r["pen"]["contact_s"] > 0.3, r["pen"]
assert r["channels"]["count"] > 100, r["channels"]
assert r["sim"]["total_mass"] > 0, r["sim"]["total_mass"]
print("mouse needling:", r["pen"]["punctures"], "punctures in", round(r["pen"]["contact_s"], 2), "s")
PY
