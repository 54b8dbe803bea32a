#!/usr/bin/env bash
# A trainee with a mouse, under Xvfb (ctest runs this through xvfb-run): open the
# window, hold the left button and glide across the skin, then stop the program the
# way a supervisor would (SIGTERM). The report must show channels made by the mouse
# and zero validation errors. First on the default patch, then on the face scene.
set -euo pipefail
bin="$1"; out="$2"
mkdir -p "$out"
scenes="$(cd "$(dirname "$0")/../.." && pwd)/scenes"

# needle NAME STARTUP_S Y X0 X1 STEP [needlesim arguments]: glide along y = Y from
# x = X0 to X1 with the button held; leaves $out/NAME.json and $out/NAME.png.
needle() {
  local name="$1" startup="$2" y="$3" x0="$4" x1="$5" step="$6"
  shift 6
  rm -f "$out/$name.json"
  "$bin" --validate --guest --report "$out/$name.json" "$@" 2> "$out/$name-stderr.txt" &
  local pid=$!
  sleep "$startup"                       # window up, first frames drawn
  xdotool mousemove "$x0" "$y" sleep 0.3 mousedown 1
  for x in $(seq "$x0" "$step" "$x1"); do xdotool mousemove "$x" "$y" sleep 0.05; done
  xdotool mouseup 1
  sleep 1
  import -window root "$out/$name.png" || true
  kill -TERM "$pid"
  wait "$pid"
}

# The default camera shows the simulated block around the middle of the top face.
needle mouse-needling 4 255 560 680 8
python3 - "$out/mouse-needling.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["validation"]["errors"] == 0, r["validation"]
assert r["pen"]["source"] == "interactive", r["pen"]
assert r["pen"]["contact_s"] > 0.3, r["pen"]
assert r["channels"]["count"] > 100, r["channels"]
assert r["sim"]["total_mass"] > 0, r["sim"]["total_mass"]
print("mouse needling:", r["pen"]["punctures"], "punctures in", round(r["pen"]["contact_s"], 2), "s")
PY

# The face: the pen follows the cursor onto the head's cheek under the eye (a ray cast onto
# the mesh); the punctures land in the cheek region and heal on the face's UV atlas.
needle mouse-needling-face 6 465 610 650 4 --scene "$scenes/face.json"
python3 - "$out/mouse-needling-face.json" <<'PY'
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

# A lesson step completed by needling with the mouse: the step's criterion reads the
# channels the mouse made; the panel ticks it and the next step starts.
cat > "$out/needle-lesson.json" <<JSON
{"id": "mouse-step", "title": "Needle with the mouse", "scene": "$scenes/default.json", "pass_mark": 50,
 "steps": [
   {"id": "needle", "title": "Glide across the skin", "instruction": "Hold the button and glide.",
    "complete_when": {"metric": "channels.count", ">=": 50}},
   {"id": "look", "title": "Look", "instruction": "Look at the channels.",
    "complete_when": {"metric": "step.time_s", ">=": 600}}]}
JSON
needle mouse-lesson 4 255 560 680 8 --lesson "$out/needle-lesson.json"
python3 - "$out/mouse-lesson.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["validation"]["errors"] == 0, r["validation"]
steps = r["lesson"]["steps"]
assert steps[0]["completed"] is True, steps[0]
assert steps[0]["criteria"][0]["value"] >= 50, steps[0]
assert steps[1]["completed"] is False, steps[1]
print("a lesson step done with the mouse: completed at", round(steps[0]["at_s"], 2), "s with", steps[0]["criteria"][0]["value"], "channels")
PY
