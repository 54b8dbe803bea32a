#!/usr/bin/env bash
# An educator in a real window, under Xvfb (ctest runs this through xvfb-run): the
# help overlay opens with H, P and a left click place a pin on the skin, F12 writes
# a screenshot into the outbox, E exports the summary with the pin, Esc asks whether
# to quit and Enter quits (the run ends the normal way: report, records).
# Screenshots of each step are left in $out.
set -euo pipefail
bin="$1"; out="$2"
rm -rf "$out"; mkdir -p "$out"

"$bin" --validate --guest --mode educator --outbox "$out/box" --report "$out/educator.json" 2> "$out/stderr.txt" &
pid=$!
sleep 5                                   # window up, first frames drawn
xdotool mousemove 640 300 sleep 0.3       # over the skin: keys go to the window under the pointer
xdotool key p sleep 0.5 click 1 sleep 0.8
import -window root "$out/pin.png" || true
xdotool key F12 sleep 1
xdotool key e sleep 1.5                   # export: the summary with the pin
xdotool key h sleep 1
import -window root "$out/help.png" || true
xdotool key Escape sleep 1
import -window root "$out/quit.png" || true
xdotool key Return
for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done  # slow frames on a busy machine
if kill -0 "$pid" 2>/dev/null; then
  # A field in text edit takes the first Esc, as in any application (a fresh clone's run
  # once showed the cross-section slider in edit there): Esc now asks, Enter quits.
  import -window root "$out/quit-first-esc.png" || true
  xdotool key Escape sleep 1 key Return
  for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
fi
if kill -0 "$pid" 2>/dev/null; then echo "Enter on the quit question did not end the run"; kill -TERM "$pid"; exit 1; fi
wait "$pid"

python3 - "$out/educator.json" "$out/box" <<'PY'
import json, os, sys
r = json.load(open(sys.argv[1]))
assert r["validation"]["errors"] == 0, r["validation"]
pins = r["educator"]["annotations"]
assert len(pins) == 1 and pins[0]["n"] == 1 and pins[0]["label"] == "Pin 1", pins
assert abs(pins[0]["pos_mm"][2]) < 1e-6, pins  # on the patch's skin, z = 0
assert r["ui"]["help_shown"] is True, r["ui"]
assert r["pen"]["punctures"] == 0, "a click in pin mode places a pin, it does not needle"
files = os.listdir(sys.argv[2])
shots = [f for f in files if f.startswith("needlesim-") and f.endswith(".png") and "summary" not in f]
assert len(shots) == 1, files
summaries = [f for f in files if f.startswith("needlesim-summary-") and f.endswith(".json")]
assert len(summaries) == 1, files
exported = json.load(open(os.path.join(sys.argv[2], summaries[0])))
assert exported["educator"]["annotations"] == pins, (exported.get("educator"), pins)
print("educator window: pin at", pins[0]["pos_mm"], "screenshot", shots[0])
PY
