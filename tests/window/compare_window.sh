#!/usr/bin/env bash
# Compare in a real window, under Xvfb (ctest runs this through xvfb-run at 1280x800):
# the window split in two, both halves stepped together from the same pen input.
#  1. A recording drives both, dial 0.5 mm against 1.5 mm: B's channels are three
#     times as deep and its serum reaches deeper, at the same simulated time.
#  2. The mouse needles in the RIGHT half with equal settings: both halves are
#     needled at the same spot, and their reports are equal.
# Screenshots are left in $out.
set -euo pipefail
bin="$1"; out="$2"
rm -rf "$out"; mkdir -p "$out"
python3 - "$out/strokes.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    t = 0.0
    for y in (-0.6, 0.0, 0.6):  # three glides across the middle of the simulated block
        for i in range(31):
            f.write(json.dumps({"t": t, "pos_mm": [-1.5 + 0.1 * i, y, 0.0], "dir": [0, 0, -1], "contact": True, "depth_mm": 0.75}) + "\n")
            t += 0.01
        f.write(json.dumps({"t": t, "pos_mm": [1.5, y, 3.0], "dir": [0, 0, -1], "contact": False, "depth_mm": 0.75}) + "\n")
        t += 0.05
PY

quit() {  # Esc asks, Enter quits; waits for the report
  local pid=$1
  xdotool mousemove 640 300 sleep 0.3 key Escape sleep 1 key Return
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  if kill -0 "$pid" 2>/dev/null; then xdotool key Escape sleep 1 key Return; sleep 5; fi
  if kill -0 "$pid" 2>/dev/null; then echo "the compare did not end on Esc, Enter"; kill -TERM "$pid"; exit 1; fi
  wait "$pid"
}

"$bin" --validate --mode educator --compare pen.depth_mm=0.5,1.5 --replay "$out/strokes.jsonl" --time-scale 60 \
  --report "$out/depths.json" 2> "$out/depths.txt" &
pid=$!
sleep 14
import -window root "$out/depths.png" || true
quit "$pid"

"$bin" --validate --mode educator --compare pen.depth_mm=0.75,0.75 --report "$out/mouse.json" 2> "$out/mouse.txt" &
pid=$!
sleep 6
xdotool mousemove 960 330 sleep 0.5 mousedown 1 sleep 2.5 mouseup 1 sleep 1   # on B's skin, the right half
import -window root "$out/mouse.png" || true
quit "$pid"

python3 - "$out/depths.json" "$out/mouse.json" <<'PY'
import json, sys
depths, mouse = (json.load(open(p)) for p in sys.argv[1:3])
for r in (depths, mouse):
    assert r["validation"]["errors"] == 0, r["validation"]
a, b = depths["compare"]["a"], depths["compare"]["b"]
assert a["sim"]["time_s"] == b["sim"]["time_s"], (a["sim"]["time_s"], b["sim"]["time_s"])
assert a["pen"]["punctures"] == b["pen"]["punctures"] > 0, (a["pen"]["punctures"], b["pen"]["punctures"])
da, db = a["channels"]["mean_depth_um"], b["channels"]["mean_depth_um"]
assert abs(db / da - 3.0) < 0.05, (da, db)
def below(report, depth_um):  # mean serum below a depth, summed over the profile
    return sum(p["concentration"] for p in report["sim"]["profile"] if p["depth_um"] > depth_um)
assert below(b, 500) > 1.2 * below(a, 500), (below(a, 500), below(b, 500))
ma, mb = mouse["compare"]["a"], mouse["compare"]["b"]
assert ma["pen"]["punctures"] > 0, "the mouse in the right half needles"
def close(x, y, path=""):
    if isinstance(x, dict):
        assert x.keys() == y.keys(), path
        for k in x: close(x[k], y[k], path + "." + k)
    elif isinstance(x, list):
        assert len(x) == len(y), path
        for i, (u, v) in enumerate(zip(x, y)): close(u, v, "%s[%d]" % (path, i))
    elif isinstance(x, float):
        assert abs(x - y) <= 1e-6 * max(1.0, abs(x)), (path, x, y)
    else:
        assert x == y, (path, x, y)
for key in ("sim", "channels", "healing", "technique", "pen"):
    close(ma[key], mb[key], key)
print("compare window: depths", da, db, "um; serum below 500 um", below(a, 500), below(b, 500),
      "; mouse punctures", ma["pen"]["punctures"], "in both")
PY
