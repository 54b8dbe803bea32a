#!/usr/bin/env bash
# Start-up of the face scene, this build against a baseline checkout, side by side in
# one run (issue 32). Start-up is the process's start (exec) to its first frame finished
# on the GPU; headless `--frames 1` runs it, and its whole life under /usr/bin/time (to
# exit: the first frame, then the report and teardown) bounds it from above for a
# build that does not report it. This build's report says it exactly (`startup_s`:
# `first_frame` wall, `cpu` user + system of all threads and the mesh import's child).
# Interleaved ROUNDS times (default 7); medians.
#   bench/face-startup.sh BASELINE_CHECKOUT [THIS_CHECKOUT]   (each with build/app/needlesim)
set -euo pipefail
base="$1"
this="${2:-$(cd "$(dirname "$0")/.." && pwd)}"
rounds="${ROUNDS:-7}"
out="$this/out/bench-face-startup"
mkdir -p "$out"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
export VK_ICD_FILENAMES="${VK_ICD_FILENAMES:-/usr/share/vulkan/icd.d/lvp_icd.x86_64.json}"
: > "$out/rows.txt"
for i in $(seq "$rounds"); do
  for which in baseline this; do
    root="$base"; [ "$which" = this ] && root="$this"
    /usr/bin/time -f "%e %U %S" -o "$out/time.txt" "$root/build/app/needlesim" --headless \
      --scene "$root/scenes/face.json" --frames 1 --report "$out/$which-$i.json" 2> /dev/null
    read -r wall user sys < "$out/time.txt"
    first=$(python3 -c "import json; s=json.load(open('$out/$which-$i.json')).get('startup_s'); print(f\"{s['first_frame']} {s['cpu']}\" if s else '- -')")
    echo "$which $wall $(python3 -c "print($user + $sys)") $first" >> "$out/rows.txt"
  done
done
python3 - "$out/rows.txt" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def med(which, k):
    values = [float(r[k]) for r in rows if r[0] == which and r[k] != "-"]
    return statistics.median(values) if values else None
print(f"load average at the end: {sys.argv[2]}; {len(rows) // 2} rounds, medians")
print("| what | this | baseline | this vs baseline |\n|---|---|---|---|")
for what, k in (("exec to exit, wall s", 1), ("exec to exit, CPU s (user + sys)", 2),
                ("exec to first frame finished, wall s (report startup_s.first_frame)", 3),
                ("exec to first frame finished, CPU s (report startup_s.cpu)", 4)):
    t, b = med("this", k), med("baseline", k)
    ratio = f"{b / t:.2f}x {'faster' if b > t else 'slower'}" if t and b else "(baseline does not report it)"
    print(f"| {what} | {t:.3g} | {'-' if b is None else f'{b:.3g}'} | {ratio} |")
PY
