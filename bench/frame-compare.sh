#!/usr/bin/env bash
# Frame time of this build against another build of needlesim (e.g. the commit
# before a refactor), measured in one run, interleaved, so that the machine's speed
# of the moment cancels out: the default scene and the face, headless, N frames each.
#
#   bench/frame-compare.sh BASELINE_NEEDLESIM [ROUNDS]
#
# Prints each run's frame_ms.p50 and the median ratio baseline / this build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
new="${NEEDLESIM:-$root/build/app/needlesim}"
old="$1"
rounds="${2:-3}"
out="$root/out/bench-frames"
mkdir -p "$out"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"

p50() {  # binary, name, args...: prints frame_ms.p50 of the run
  local binary="$1" name="$2"; shift 2
  "$binary" --headless --frames 240 --report "$out/$name.json" "$@" 2> "$out/$name.log"
  python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['frame_ms']['p50'])" "$out/$name.json"
}

for scene in default face; do
  args=()
  [ "$scene" = face ] && args=(--scene "$root/scenes/face.json")
  ratios=()
  for r in $(seq "$rounds"); do
    a=$(p50 "$old" "$scene-old-$r" "${args[@]}")
    b=$(p50 "$new" "$scene-new-$r" "${args[@]}")
    ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')")
    printf '%-8s round %d: baseline %7.2f ms  this build %7.2f ms\n' "$scene" "$r" "$a" "$b"
  done
  printf '%-8s median ratio baseline / this build: %s\n' "$scene" \
    "$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
done
