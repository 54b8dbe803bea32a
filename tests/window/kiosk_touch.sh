#!/usr/bin/env bash
# A kiosk visitor with a touch screen only (issue 30), at 1920x1080 under Xvfb (ctest
# runs this through xvfb-run): every tap and drag is the left button, there is no
# wheel and no keyboard. A tap starts the try; the try starts with the dial inside
# the cheek's band; one tap on the depth stepper's + turns it one dial step deeper;
# a drag across the skin does the depth step; a long drag with the other buttons and
# wheel zooms (what a touch screen's gestures send) cannot take the skin off the
# screen. Screenshots of the try stay in $out.
set -euo pipefail
bin="$1"; out="$2"
root="$(cd "$(dirname "$0")/../.." && pwd)"
rm -rf "$out"; mkdir -p "$out"
cat > "$out/kiosk.json" <<JSON
{"try_s": 120, "idle_reset_s": 60, "score_s": 5, "scene": "$root/scenes/cheek.json",
 "attract_recording": "$root/scenes/kiosk/attract.jsonl", "attract_timelapse": [],
 "guided_try": "$root/scenes/kiosk/guided-try.json", "day_list": "$out/day.json"}
JSON
"$bin" --mode kiosk --validate --kiosk-config "$out/kiosk.json" --report "$out/report.json" 2> "$out/stderr.txt" &
pid=$!
sleep 8
xdotool mousemove 960 420 click 1      # a tap: the try starts
sleep 2
import -window root "$out/try-start.png"
# The depth stepper's + (kiosk_screens.cpp: the gauge panel at 10-90 % of the width,
# 74-98 % of the height; + at 70-77 % of the width, 87-94 % of the height).
xdotool mousemove 1574 977 click 1
sleep 1
import -window root "$out/try-deeper.png"
# A drag across the skin (the cheek patch fills the view above the gauge).
xdotool mousemove 760 430 sleep 0.3 mousedown 1
for x in $(seq 760 12 1160); do xdotool mousemove "$x" 430 sleep 0.05; done
xdotool mouseup 1
sleep 1.5
# Gestures that orbit, pan and zoom: right and middle drags far across the screen,
# wheel steps with Ctrl; the skin stays on the screen.
xdotool mousemove 300 200 sleep 0.2 mousedown 3
for x in $(seq 300 60 1900); do xdotool mousemove "$x" 100 sleep 0.03; done
xdotool mouseup 3
xdotool mousemove 300 600 sleep 0.2 mousedown 2
for x in $(seq 300 60 1900); do xdotool mousemove "$x" 100 sleep 0.03; done
xdotool mouseup 2
xdotool keydown ctrl; for i in $(seq 1 15); do xdotool click 5; done; xdotool keyup ctrl
sleep 1.5
import -window root "$out/try-gestures.png"
kill -TERM "$pid"
wait "$pid"
python3 - "$out/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
k = r["kiosk"]
assert r["validation"]["errors"] == 0, r["validation"]
assert k["tries"] == 1, k
depth = k["try"]["steps"][0]
dial = {c["metric"]: c["value"] for c in depth["criteria"]}
assert depth["completed"], ("the depth step is done by touch", depth)
# The try started at the middle of the cheek's chart row (0.75 mm) and one + took it
# a dial step (0.25 mm) deeper.
assert abs(r["technique"]["dial_mm_mean"] - 1.0) < 1e-6, r["technique"]["dial_mm_mean"]
v = k["view"]
assert v["clamps"] >= 1, v
assert v["treated_ndc_max"] <= 0.9, ("the treated skin left the screen", v)
print("kiosk touch:", {"dial_mm_mean": r["technique"]["dial_mm_mean"], "steps_done": [s["completed"] for s in k["try"]["steps"]], "view": v})
PY
