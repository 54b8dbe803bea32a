#!/usr/bin/env bash
# Headless runs compute only what is asked (issue 11), measured side by side in one
# run: a recorded 60 s session replayed, then followed by six weeks of healing, on
# this build and (optionally) another build of needlesim, e.g. the previous commit's.
#
#   bench/headless-replay.sh [BASELINE_NEEDLESIM]
#
# Prints wall seconds per run and the ratio; the reports land in out/bench-replay/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
new="${NEEDLESIM:-$root/build/app/needlesim}"
old="${1:-}"
out="$root/out/bench-replay"
mkdir -p "$out"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
"$root/bench/make-session-replay.sh" 60 > "$out/session60.jsonl"

timed() {  # name, binary, extra args...: prints the wall seconds
  local name="$1" binary="$2"; shift 2
  local start end
  start=$(date +%s.%N)
  "$binary" --headless --replay "$out/session60.jsonl" --report "$out/$name.json" "$@" 2> "$out/$name.log"
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
}

six_weeks=$((42 * 86400))
printf '%-34s %10s\n' run wall_s
replay_new=$(timed replay-new "$new")
printf '%-34s %10.2f\n' "replay, this build" "$replay_new"
if [ -n "$old" ]; then
  replay_old=$(timed replay-old "$old")
  printf '%-34s %10.2f\n' "replay, baseline" "$replay_old"
  printf '%-34s %10.2f\n' "ratio baseline / this" "$(awk -v a="$replay_old" -v b="$replay_new" 'BEGIN { print a / b }')"
fi
weeks_new=$(timed weeks-new "$new" --sim-seconds "$six_weeks")
printf '%-34s %10.2f\n' "replay + six weeks, this build" "$weeks_new"
