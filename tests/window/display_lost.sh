#!/usr/bin/env bash
# The display taken away under a live window and swapchain (the X server killed, as a
# crash or restart of the display server does), not a close: Xlib's default would print
# a line and exit(1) with nothing saved. Runs its own Xvfb (no xvfb-run: the test kills
# it):
#  1. a trainee session: one line saying so, status 1, the report written whole with
#     `display_lost` (and no gpu_fault), the outbox holding the session record and its
#     attempted and completed statements;
#  2. a kiosk: its day's list saved, status 3 (its service restarts it).
set -uo pipefail
bin="$1"; out="$2"
root="$(cd "$(dirname "$0")/../.." && pwd)"
rm -rf "$out"; mkdir -p "$out/outbox"

# RUN NAME [needlesim arguments]: starts an X server, the window on it, kills the
# server once frames have been drawn; leaves $out/NAME.{status,stderr}.
run() {
  local name="$1"; shift
  exec 5> "$out/$name.display"
  Xvfb -displayfd 5 -screen 0 1280x800x24 -nolisten tcp > /dev/null 2>&1 &
  local xpid=$!
  for _ in $(seq 50); do [ -s "$out/$name.display" ] && break; sleep 0.1; done
  local display=":$(cat "$out/$name.display")"
  DISPLAY="$display" timeout 120 "$bin" --validate "$@" 2> "$out/$name.stderr" &
  local pid=$!
  sleep 6  # start-up and a few seconds of frames
  kill -0 "$pid" || { echo "needlesim ended before the display went away" >&2; cat "$out/$name.stderr" >&2; }
  { kill -KILL "$xpid"; wait "$xpid"; } 2> /dev/null  # (reaped quietly: bash would report it killed)
  wait "$pid"
  echo $? > "$out/$name.status"
}

run trainee --guest --width 640 --height 400 --report "$out/trainee.json" --outbox "$out/outbox"
cat > "$out/kiosk.json" <<JSON
{"scene": "$root/scenes/cheek.json", "attract_recording": "$root/scenes/kiosk/attract.jsonl",
 "attract_timelapse": [], "guided_try": "$root/scenes/kiosk/guided-try.json", "day_list": "$out/day.json"}
JSON
run kiosk --mode kiosk --kiosk-config "$out/kiosk.json" --width 640 --height 400 --report "$out/kiosk-report.json"

python3 - "$out" <<'PY'
import glob, json, sys
out = sys.argv[1]
status = lambda n: int(open(f"{out}/{n}.status").read())
stderr = lambda n: open(f"{out}/{n}.stderr").read()

assert status("trainee") == 1, (status("trainee"), stderr("trainee"))
assert "display connection broke" in stderr("trainee"), stderr("trainee")
assert "XIO" not in stderr("trainee"), stderr("trainee")
r = json.load(open(f"{out}/trainee.json"))
assert r["display_lost"] == "the display connection broke", r.get("display_lost")
assert "gpu_fault" not in r, r["gpu_fault"]
assert r["frames_rendered"] > 0, r["frames_rendered"]
assert r["validation"]["errors"] == 0, r["validation"]
records = sorted(glob.glob(f"{out}/outbox/*.json"))
assert len(records) == 3, records  # the session, attempted, completed
for path in records:
    json.load(open(path))  # each whole
assert not glob.glob(f"{out}/outbox/*.tmp*"), "a record left half-written"
verbs = sorted(json.load(open(p)).get("verb", {}).get("id", "").rsplit("/", 1)[-1] for p in records if p.endswith(".xapi.json"))
assert verbs == ["attempted", "completed"], verbs

assert status("kiosk") == 3, (status("kiosk"), stderr("kiosk"))
assert "display connection broke" in stderr("kiosk"), stderr("kiosk")
json.load(open(f"{out}/day.json"))  # the day's list, whole
k = json.load(open(f"{out}/kiosk-report.json"))
assert k["display_lost"], k.keys()
print("display lost: trainee status 1 with report and 3 records; kiosk status 3 with its day's list")
PY
