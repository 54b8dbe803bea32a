#!/usr/bin/env bash
# Writes a recorded needling session as replay JSONL (the contract's format): a
# crosshatch over the default patch's tissue block — horizontal, vertical and
# diagonal passes at 8 mm/s with the pen lifted between them — for SECONDS seconds
# of pen time, sampled every 10 ms. Used by bench/headless-replay.sh.
#   bench/make-session-replay.sh 60 > session.jsonl
set -euo pipefail
seconds="${1:-60}"
awk -v total="$seconds" 'BEGIN {
  dt = 0.01; speed = 8.0; half = 1.6; t = 0; pass = 0
  while (t < total) {
    dir = pass % 3                     # 0: along x, 1: along y, 2: diagonal
    offset = ((pass * 0.35) % (2 * half)) - half
    span = 2 * half; steps = int(span / speed / dt)
    for (i = 0; i <= steps && t < total; i++) {
      s = -half + span * i / steps
      if (dir == 0) { x = s; y = offset } else if (dir == 1) { x = offset; y = s } else { x = s * 0.7071; y = s * 0.7071 + offset * 0.3 }
      printf("{\"t\": %.3f, \"pos_mm\": [%.4f, %.4f, 0.0], \"dir\": [0, 0, -1], \"contact\": true, \"depth_mm\": 0.75}\n", t, x, y)
      t += dt
    }
    printf("{\"t\": %.3f, \"pos_mm\": [%.4f, %.4f, 3.0], \"dir\": [0, 0, -1], \"contact\": false, \"depth_mm\": 0.75}\n", t, x, y)
    t += 0.2; pass++
  }
}'
