#!/usr/bin/env bash
# Forced Vulkan faults (vk/faults.h, NEEDLESIM_FAULT) under Xvfb (ctest runs this
# through xvfb-run):
#  1. a stale swapchain (OUT_OF_DATE on acquire, SUBOPTIMAL on present) is rebuilt
#     and the run goes on: status 0, zero validation errors, frames drawn;
#  2. the device lost mid-run: one line naming it, status 1 (not a crash), and the
#     session's report (saying what failed) and outbox records written whole;
#  3. a device allocation that fails at start-up: one line, status 1, no core dump;
#  4. the window closed mid-frame (its image acquired, the frame not yet recorded,
#     submitted or presented): that frame finishes, the run ends as a user's close
#     does, status 0, the report and outbox records whole, zero validation errors.
set -uo pipefail
bin="$1"; out="$2"
rm -rf "$out"; mkdir -p "$out/outbox" "$out/outbox_closed"

run() {  # NAME FAULT [needlesim arguments]; leaves $out/NAME.{json,status,stderr}
  local name="$1" fault="$2"; shift 2
  NEEDLESIM_FAULT="$fault" timeout 120 "$bin" --validate --guest --report "$out/$name.json" "$@" 2> "$out/$name.stderr"
  echo $? > "$out/$name.status"
}

# A window: --frames ends it after 40 drawn frames.
run stale "out_of_date@3,suboptimal@6,out_of_date@12" --frames 40 --width 640 --height 400
run lost "device_lost@10" --headless --frames 30 --width 320 --height 200 --outbox "$out/outbox"
run alloc "alloc@4" --headless --frames 5 --width 320 --height 200
# No --frames: only the close ends it (the timeout would give 124).
run closed "window_close@25" --width 640 --height 400 --outbox "$out/outbox_closed"

python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
status = lambda n: int(open(f"{out}/{n}.status").read())
stderr = lambda n: open(f"{out}/{n}.stderr").read()

assert status("stale") == 0, (status("stale"), stderr("stale"))
r = json.load(open(f"{out}/stale.json"))
assert r["validation"]["errors"] == 0, r["validation"]
assert r["frames_rendered"] >= 30, r["frames_rendered"]

assert status("lost") == 1, (status("lost"), stderr("lost"))
assert "VK_ERROR_DEVICE_LOST" in stderr("lost"), stderr("lost")
r = json.load(open(f"{out}/lost.json"))
assert r["gpu_fault"] == "VK_ERROR_DEVICE_LOST", r.get("gpu_fault")
assert 5 <= r["frames"] < 30, r["frames"]
records = [f for f in os.listdir(f"{out}/outbox") if f.endswith(".json")]
assert len(records) >= 2, records
for f in records: json.load(open(f"{out}/outbox/{f}"))

assert status("alloc") == 1, (status("alloc"), stderr("alloc"))
assert "VK_ERROR_OUT_OF_DEVICE_MEMORY" in stderr("alloc"), stderr("alloc")
assert status("closed") == 0, (status("closed"), stderr("closed"))
assert "VK_ERROR" not in stderr("closed"), stderr("closed")
r = json.load(open(f"{out}/closed.json"))
assert r["validation"]["errors"] == 0 and r["validation"]["warnings"] == 0, r["validation"]
assert "gpu_fault" not in r, r["gpu_fault"]
assert r["frames_rendered"] == 25, r["frames_rendered"]  # the closing frame drawn, none after it
closed = [f for f in os.listdir(f"{out}/outbox_closed") if not f.startswith(".")]
assert len([f for f in closed if f.endswith(".json")]) >= 2 and all(".tmp." not in f for f in closed), closed
for f in closed:
    if f.endswith(".json"): json.load(open(f"{out}/outbox_closed/{f}"))

print("faults: stale swapchain rebuilt, device lost -> status 1 with report and", len(records),
      "records, failed allocation -> status 1, window closed mid-frame -> status 0 with report and",
      len(closed), "records")
PY
