#!/usr/bin/env bash
# The kiosk in a real window at 1920x1080 (ctest runs this through xvfb-run), started
# by the launcher its systemd unit runs: the attract loop; Escape, Alt+F4 and F12 do
# nothing (it keeps running, no file written); a drag on the skin starts a try;
# walking away resets it to attract; the admin chord opens the admin panel; SIGTERM
# ends it cleanly with kiosk.* in the report. Screenshots of each screen stay in $out.
set -euo pipefail
bin="$1"; out="$2"
root="$(cd "$(dirname "$0")/../.." && pwd)"
rm -rf "$out"; mkdir -p "$out"
cat > "$out/kiosk.json" <<JSON
{"try_s": 20, "idle_reset_s": 4, "score_s": 5, "scene": "$root/scenes/cheek.json",
 "guided_try": "$root/scenes/kiosk/guided-try.json", "day_list": "$out/day.json"}
JSON
cd "$out"  # F12 would write into ./screenshots here
NEEDLESIM="$bin" NEEDLESIM_KIOSK_CONFIG="$out/kiosk.json" "$root/scripts/kiosk/needlesim-kiosk" \
  --validate --report "$out/report.json" 2> "$out/stderr.txt" &
pid=$!
sleep 8
import -window root "$out/attract.png"
xdotool key Escape sleep 0.5 key alt+F4 sleep 0.5 key F12 sleep 1
kill -0 "$pid"  # still running
test ! -e "$out/screenshots"
# A visitor drags across the middle of the skin (the cheek patch fills the view).
xdotool mousemove 860 560 sleep 0.3 mousedown 1
for x in $(seq 860 10 1060); do xdotool mousemove "$x" 560 sleep 0.05; done
xdotool mouseup 1
sleep 1
import -window root "$out/try.png"
sleep 6   # nobody: the try resets to attract after idle_reset_s
xdotool keydown ctrl keydown alt keydown shift key k keyup shift keyup alt keyup ctrl
sleep 1.5
import -window root "$out/admin.png"
xdotool keydown ctrl keydown alt keydown shift key k keyup shift keyup alt keyup ctrl  # closed again
sleep 1
kill -TERM "$pid"
wait "$pid"
python3 - "$out/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
k = r["kiosk"]
assert r["validation"]["errors"] == 0, r["validation"]
assert r["mode"] == "kiosk", r["mode"]
assert k["tries"] >= 1, k
assert k["idle_resets"] >= 1, k
assert k["phase"] == "attract", k
assert k["admin_opens"] == 1, k
print("kiosk window:", {key: k[key] for key in ("cycles", "tries", "scores", "idle_resets")})
PY
