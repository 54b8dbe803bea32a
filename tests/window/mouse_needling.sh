#!/usr/bin/env bash
# A trainee with a mouse, under Xvfb (ctest runs this through xvfb-run): open the
# window, hold the left button and glide across the skin, then stop the program the
# way a supervisor would (SIGTERM). The report must show channels made by the mouse
# and zero validation errors. Then the same on the face scene.
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

# The same trainee on the face: the pen follows the cursor onto the mannequin's
# cheek (ray cast onto the mesh) and needles it; the punctures land in the cheek
# region and heal on the face's UV atlas.
scene="$(cd "$(dirname "$0")/../.." && pwd)/scenes/face.json"
rm -f "$out/face-report.json"
"$bin" --validate --scene "$scene" --report "$out/face-report.json" 2> "$out/face-stderr.txt" &
pid=$!
sleep 6
xdotool mousemove 600 430 sleep 0.3 mousedown 1
for x in $(seq 600 4 640); do xdotool mousemove "$x" 430 sleep 0.05; done
xdotool mouseup 1
sleep 1
import -window root "$out/mouse-needling-face.png" || true
kill -TERM "$pid"
wait "$pid"
python3 - "$out/face-report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["validation"]["errors"] == 0, r["validation"]
assert r["channels"]["count"] > 100, r["channels"]
assert r["healing"]["surface"]["on"] == "uv_atlas", r["healing"]["surface"]
assert r["healing"]["surface"]["touched_columns"] > 0, r["healing"]["surface"]
assert "cheek" in r["technique"]["regions"], r["technique"]["regions"]
assert r["technique"]["angle_deg_mean"] < 1.0, r["technique"]["angle_deg_mean"]
print("mouse needling on the face:", r["pen"]["punctures"], "punctures,", list(r["technique"]["regions"]))
PY
