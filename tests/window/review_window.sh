#!/usr/bin/env bash
# Reviewing a recording in a real window, under Xvfb (ctest runs this through
# xvfb-run at 1280x800): the timeline plays the recording, a click on it seeks back
# (the run is rebuilt from the recording), Space pauses, Esc and Enter end the run
# (report written). Screenshots are left in $out.
set -euo pipefail
bin="$1"; out="$2"; recording="$3"
rm -rf "$out"; mkdir -p "$out"

"$bin" --validate --guest --mode educator --replay "$recording" --ghost "$recording" \
  --report "$out/review.json" 2> "$out/stderr.txt" &
pid=$!
sleep 7                                   # window up, a few seconds of the recording played
import -window root "$out/playing.png" || true
# The timeline's plot: the bottom of the view between the columns (x 316..944 at
# 1280 wide, its plot about y 665..712 of the 720 tall window); near its left end is the recording's first second.
xdotool mousemove 330 690 sleep 0.3 mousedown 1 sleep 0.5 mouseup 1 sleep 1.5
xdotool mousemove 640 300 sleep 0.3 key space sleep 1.5   # pause (keys go to the window under the pointer)
import -window root "$out/paused.png" || true
xdotool key Escape sleep 1 key Return
for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
if kill -0 "$pid" 2>/dev/null; then xdotool key Escape sleep 1 key Return; sleep 5; fi
if kill -0 "$pid" 2>/dev/null; then echo "the review did not end on Esc, Enter"; kill -TERM "$pid"; exit 1; fi
wait "$pid"

python3 - "$out/review.json" "$out/stderr.txt" <<'PY'
import json, re, sys
r = json.load(open(sys.argv[1]))
err = open(sys.argv[2]).read()
assert r["validation"]["errors"] == 0, r["validation"]
review = r["review"]
assert review["seeks"] >= 1, (review, err)
at = [float(x) for x in re.findall(r"review: at ([0-9.]+) s", err)]
assert at and at[0] < 1.5, ("the click near the start seeks there", at, err)
assert review["played_s"] < review["duration_s"] - 5, ("paused well before the end", review)
assert r["ghost"]["played_s"] <= review["played_s"] + 0.05, (r["ghost"]["played_s"], review["played_s"])
print("review window: seek to", at[0], "s, paused at", review["played_s"], "of", review["duration_s"])
PY
