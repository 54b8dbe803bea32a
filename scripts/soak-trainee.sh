#!/usr/bin/env bash
# The trainee's long soak: FRAMES headless frames (default 100 000, 1/60 s of the pen
# each) of the default patch scene, the pen driven by the shipped crosshatch
# (scenes/kiosk/attract.jsonl, 24.6 s) played over and over, with time-lapse jumps
# between the loops as a trainee presses them (a replay's "jump_s" lines): +1 h, +1 day
# and +6 weeks before the 2nd, 3rd and 4th loops, then +1 h every loop, +1 day every
# 4th, +6 weeks every 20th. The diffusion runs at the scene's time scale all along
# (no fast clock).
#
# Resident memory is sampled from /proc twice a second. Warm-up: the highest sample
# in the second twentieth of the run (5-10 % of its wall time, after the first loops
# and jumps of every kind); growth: the highest sample after that, less the warm-up.
# Fails when memory grew by more than 1 MB or any validation message came.
#
# VALIDATE_FRAMES (default 6000; 0: none) adds a shorter run of the same replay with
# the validation layer (a 100 000-frame validated run takes hours here, and the
# layer's own tracking grows, so memory is judged on the plain run only).
# FRAMES 0 runs the validated one only (the suite's short soak.trainee: 6000 frames,
# every kind of jump, zero messages and every jump taken asserted).
# SOAK_OUT=DIR keeps the files (replays, reports, RSS samples) in DIR.
# Usage: scripts/soak-trainee.sh [FRAMES] [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
frames=${1:-100000}
build=${2:-$root/build}
validate_frames=${VALIDATE_FRAMES:-6000}
if [ -n "${SOAK_OUT:-}" ]; then  # SOAK_OUT=DIR keeps the replays, reports and RSS samples there
  out="$SOAK_OUT"; mkdir -p "$out"
else
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi

# The replay (FRAMES OUT): the crosshatch looped for FRAMES / 60 s, jumps on each
# loop's first line (the pen is off the skin there). No --frames: a headless replay
# computes its frames without drawing them and ends with the replay (--frames would
# draw each one, 1280x720 on lavapipe), so the file's length sets the frames.
make_replay() {
  python3 - "$root/scenes/kiosk/attract.jsonl" "$1" "$2" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
length = lines[-1]["t"] + 0.5           # a breath between loops
end_s = int(sys.argv[2]) / 60.0
hour, day, weeks6 = 3600, 86400, 42 * 86400
with open(sys.argv[3], "w") as out:
    loop = 0
    while loop * length < end_s:
        for i, line in enumerate(lines):
            l = dict(line)
            l["t"] = round(line["t"] + loop * length, 6)
            if l["t"] > end_s:
                break
            out.write(json.dumps(l) + "\n")
            if i == 0 and loop > 0:
                jump = ({1: hour, 2: day, 3: weeks6}[loop] if loop < 4 else
                        hour + (day if loop % 4 == 0 else 0) + (weeks6 if loop % 20 == 0 else 0))
                out.write(json.dumps(dict(l, jump_s=jump)) + "\n")
        loop += 1
    out.write(json.dumps(dict(lines[0], t=round(end_s, 6), contact=False)) + "\n")  # lifted at the end
PY
}

# RUN NAME FRAMES [needlesim arguments]: runs the soak, samples RSS, writes NAME.*.
run() {
  local name="$1" n="$2"; shift 2
  make_replay "$n" "$out/$name.jsonl"
  python3 - "$out" "$name" "$build/app/needlesim" --headless --replay "$out/$name.jsonl" \
    --report "$out/$name.json" "$@" <<'PY'
import json, subprocess, sys, time
out, name, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
start = time.monotonic()
with open(f"{out}/{name}.stderr", "w") as err:
    proc = subprocess.Popen(cmd, stderr=err)
    samples = []
    while proc.poll() is None:
        try:
            for row in open(f"/proc/{proc.pid}/status"):
                if row.startswith("VmRSS:"):
                    samples.append((time.monotonic() - start, int(row.split()[1])))
        except OSError:
            pass
        time.sleep(0.5)
wall = time.monotonic() - start
json.dump({"status": proc.returncode, "wall_s": wall, "samples": samples}, open(f"{out}/{name}.rss.json", "w"))
PY
}

summarise() {  # NAME JUDGE_MEMORY
  python3 - "$out" "$1" "$2" "$out/$1.jsonl" <<'PY'
import json, sys
out, name, judge = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
rss = json.load(open(f"{out}/{name}.rss.json"))
if rss["status"] != 0:
    print(f"{name}: needlesim exited with {rss['status']}:\n" + open(f"{out}/{name}.stderr").read())
    sys.exit(1)
r = json.load(open(f"{out}/{name}.json"))
ok = True
jumps = [json.loads(l) for l in open(sys.argv[4]) if "jump_s" in l]
pen_s, sim_s = r["frames"] / 60.0, r["sim"]["time_s"]
surely = sum(j["jump_s"] for j in jumps if j["t"] <= pen_s - 0.1)  # taken for sure by the last frame
maybe = sum(j["jump_s"] for j in jumps if j["t"] <= pen_s + 0.1)
print(f"{name}: frames {r['frames']}  wall {rss['wall_s']:.0f} s  sim.time_s {sim_s:.0f} "
      f"({sim_s / 86400:.1f} days)  punctures {r['pen']['punctures']}  "
      f"jumps {sum(1 for j in jumps if j['t'] <= pen_s)} (+{surely / 86400:.2f} days)")
if not (pen_s + surely - 1 <= sim_s <= pen_s + maybe + 1):
    print(f"{name}: the simulated clock {sim_s} s is not the pen's {pen_s} s plus the jumps"); ok = False
v = r["validation"]
print(f"{name}: validation errors {v['errors']} warnings {v['warnings']}")
ok &= v["errors"] == 0 and v["warnings"] == 0
if judge:
    s = rss["samples"]
    T = rss["wall_s"]
    warm_window = [kb for t, kb in s if 0.05 * T <= t <= 0.10 * T]
    after = [kb for t, kb in s if t > 0.10 * T]
    if not warm_window or not after:
        print(f"{name}: too few RSS samples ({len(s)}) to judge memory"); sys.exit(1)
    warm, peak, end = max(warm_window), max(after), after[-1]
    print(f"{name}: rss kB warm-up {warm}, end {end}, max after warm-up {peak} "
          f"(growth {peak - warm} kB; {len(s)} samples)")
    print(f"{name}: rss kB at each tenth of the run: " +
          " ".join(str(max([kb for t, kb in s if t <= T * k / 10] or [0])) for k in range(1, 11)))
    ok &= peak - warm <= 1024
sys.exit(0 if ok else 1)
PY
}

status=0
if [ "$frames" -gt 0 ]; then
  run soak "$frames"
  summarise soak 1 || status=1
fi
if [ "$validate_frames" -gt 0 ]; then
  run validated "$validate_frames" --validate
  summarise validated 0 || status=1
fi
exit $status
