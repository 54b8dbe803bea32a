#!/usr/bin/env bash
# Frame cost on the face with every region treated (a tissue block each) against one
# block (issue 19), side by side in one run: the cheek crosshatch alone, then every
# region of the map needled followed by the same crosshatch; each run twice,
# interleaved (A B A B), headless at 1280×720 with the panels, ×60, 420 frames.
#
#   bench/face-blocks.sh            (after the tests that write the replays:
#                                    ctest -R 'FaceCli.ACheekCrosshatch|FaceBlocks.EveryRegion')
#
# Prints simulation (GPU timestamps) and frame percentiles per run and the ratio of
# the all-regions run to the cheek-only run; reports land in out/bench-face-blocks/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${NEEDLESIM:-$root/build/app/needlesim}"
replays="$root/build/test-output"
cheek="$replays/face/cheek-replay/cheek.jsonl"
all="$replays/face-blocks/all-regions/all-regions.jsonl"
for f in "$cheek" "$all"; do
  [ -f "$f" ] || { echo "face-blocks.sh: $f missing: run the face tests first (see the header)" >&2; exit 2; }
done
out="$root/out/bench-face-blocks"
mkdir -p "$out"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"

run() {  # name replay
  "$bin" --headless --scene "$root/scenes/face.json" --replay "$2" --frames 420 --time-scale 60 \
    --report "$out/$1.json" 2> "$out/$1.log"
}
for round in 1 2; do
  run "cheek-$round" "$cheek"
  run "all-$round" "$all"
done
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
def row(name):
    r = json.load(open(f"{out}/{name}.json"))
    sim, frame = r["gpu_ms"]["simulation"], r["frame_ms"]
    blocks = len(r["sim"].get("blocks", []))
    return blocks, [sim["p50"], sim["p95"], sim["p99"]], [frame["p50"], frame["p95"], frame["p99"]]
print(f"{'run':<12}{'blocks':>7}  simulation p50/p95/p99 ms   frame p50/p95/p99 ms")
rows = {}
for name in ["cheek-1", "all-1", "cheek-2", "all-2"]:
    b, s, f = row(name)
    rows[name] = (s, f)
    print(f"{name:<12}{b:>7}  {s[0]:7.1f} {s[1]:7.1f} {s[2]:7.1f}    {f[0]:7.1f} {f[1]:7.1f} {f[2]:7.1f}")
for k, label in enumerate(["p50", "p95", "p99"]):
    ratio = [rows[f"all-{i}"][1][k] / rows[f"cheek-{i}"][1][k] for i in (1, 2)]
    print(f"frame {label}: all regions / cheek only = {ratio[0]:.2f}, {ratio[1]:.2f}")
PY
