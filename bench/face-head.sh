#!/usr/bin/env bash
# The face scene before and after the anatomical head (issue 32), side by side in one run:
# each build with its own checkout's scenes/face.json (and so its own assets/face.glb),
# headless, 1280x720 with the panels, interleaved three times: frame_ms.p50 over 150
# frames, and start-up to the first frame (--frames 1: wall, and CPU user+sys, which a
# machine shared with other builds disturbs less). Medians printed as a table.
#   bench/face-head.sh BASELINE_CHECKOUT [THIS_CHECKOUT]   (each with build/app/needlesim)
set -euo pipefail
base="$1"
this="${2:-$(cd "$(dirname "$0")/.." && pwd)}"
out="$this/out/bench-face-head"
mkdir -p "$out"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
export VK_ICD_FILENAMES="${VK_ICD_FILENAMES:-/usr/share/vulkan/icd.d/lvp_icd.x86_64.json}"
: > "$out/rows.txt"
for i in 1 2 3; do
  for which in baseline this; do
    root="$base"; [ "$which" = this ] && root="$this"
    "$root/build/app/needlesim" --headless --scene "$root/scenes/face.json" --frames 150 \
      --report "$out/$which-$i.json" 2> /dev/null
    /usr/bin/time -f "%e %U %S" -o "$out/time.txt" "$root/build/app/needlesim" --headless \
      --scene "$root/scenes/face.json" --frames 1 --report "$out/$which-start-$i.json" 2> /dev/null
    read -r wall user sys < "$out/time.txt"
    p50=$(python3 -c "import json; print(json.load(open('$out/$which-$i.json'))['frame_ms']['p50'])")
    echo "$which $p50 $wall $(python3 -c "print($user + $sys)")" >> "$out/rows.txt"
  done
done
python3 - "$out/rows.txt" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
med = lambda which, k: statistics.median(float(r[k]) for r in rows if r[0] == which)
print("| what | this | baseline | this vs baseline |\n|---|---|---|---|")
for what, k in (("face, idle: frame_ms.p50 over 150 frames (median of 3)", 1),
                ("face: start-up to the first frame, wall s (median of 3)", 2),
                ("face: start-up to the first frame, CPU s user+sys (median of 3)", 3)):
    t, b = med("this", k), med("baseline", k)
    print(f"| {what} | {t:.3g} | {b:.3g} | {b / t:.2f}x {'better' if t < b * 0.98 else 'worse' if t > b * 1.02 else 'same'} |")
PY
