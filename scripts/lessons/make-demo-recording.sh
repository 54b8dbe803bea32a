#!/usr/bin/env bash
# Writes the demonstration the "why it works" lesson plays (replay JSONL, the
# contract's format): passes along y over the left half of the cheek patch's tissue
# block (x from -1.6 to -0.2 mm), the pen upright, dial 0.75 mm (the cheek's chart
# range 0.5-1.0 mm), 10 mm/s, lifted between passes. The right half stays intact, so
# the cross-section at y = 0 shows needled skin beside intact skin.
#   scripts/lessons/make-demo-recording.sh > scenes/lessons/recordings/why-it-works-demo.jsonl
set -euo pipefail
awk 'BEGIN {
  dt = 0.01; speed = 10.0; half = 1.8; t = 0
  printf("{\"t\": %.3f, \"pos_mm\": [%.4f, %.4f, 3.0], \"dir\": [0, 0, -1], \"contact\": false, \"depth_mm\": 0.75}\n", t, -1.6, -half)
  t += 0.5
  for (x = -1.6; x <= -0.19; x += 0.35) {
    steps = int(2 * half / speed / dt)
    for (i = 0; i <= steps; i++) {
      y = -half + 2 * half * i / steps
      printf("{\"t\": %.3f, \"pos_mm\": [%.4f, %.4f, 0.0], \"dir\": [0, 0, -1], \"contact\": true, \"depth_mm\": 0.75}\n", t, x, y)
      t += dt
    }
    printf("{\"t\": %.3f, \"pos_mm\": [%.4f, %.4f, 3.0], \"dir\": [0, 0, -1], \"contact\": false, \"depth_mm\": 0.75}\n", t, x, half)
    t += 0.4
  }
  printf("{\"t\": %.3f, \"pos_mm\": [3.0, 3.0, 8.0], \"dir\": [0, 0, -1], \"contact\": false, \"depth_mm\": 0.75}\n", t)
}'
