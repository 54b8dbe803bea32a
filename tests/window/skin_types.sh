#!/usr/bin/env bash
# The skin-type chooser in a real window at 1280x800, UI scale 1 (ctest runs this
# through xvfb-run; issue 30: type VI was unreachable, its radio button cut off at the
# status panel's edge). The NeedleSim panel is unfolded with a click on its arrow;
# nothing in it is cut off (ui.layout overflow), and a click on VI — on the chooser's
# second line, where the row wraps — makes the skin type VI (technique.skin_type 6).
set -euo pipefail
bin="$1"; out="$2"
rm -rf "$out"; mkdir -p "$out"
"$bin" --validate --guest --report "$out/report.json" 2> "$out/stderr.txt" &
pid=$!
sleep 6
xdotool mousemove 18 17 click 1   # the NeedleSim panel's fold arrow (top left)
sleep 2
import -window root "$out/status.png"
xdotool mousemove 72 224 click 1  # VI: second line of "Fitzpatrick: I II III IV / V VI"
sleep 2
import -window root "$out/type-vi.png"
kill -TERM "$pid"
wait "$pid"
python3 - "$out/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["validation"]["errors"] == 0, r["validation"]
status = [p for p in r["ui"]["layout"]["panels"] if p["name"] == "NeedleSim"][0]
assert not status["collapsed"], status
assert status["overflow_px"] <= 2, ("cut off at the panel's edge", status)
assert r["technique"]["skin_type"] == 6, ("type VI was not reachable", r["technique"]["skin_type"])
print("skin types:", status, "skin_type", r["technique"]["skin_type"])
PY
