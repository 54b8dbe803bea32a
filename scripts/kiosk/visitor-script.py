#!/usr/bin/env python3
"""Writes a scripted kiosk visitor as replay JSONL (the pen contract of product.md) for
`needlesim --mode kiosk --headless --replay FILE`: each cycle a visitor touches the
skin (which starts the try), sets a cheek depth, glides once and crosshatches, then
lets go while the score screen shows; every `--walk-away`th visitor touches once and
walks away (the try's idle reset). Timings fit a kiosk config whose score_s and
idle_reset_s are `--score-s` and `--idle-s` (the test and soak configs use 3 s)."""
import argparse
import json
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cycles", type=int, default=200)
    ap.add_argument("--walk-away", type=int, default=4, help="every Nth visitor walks away mid-try (0: none)")
    ap.add_argument("--score-s", type=float, default=3.0)
    ap.add_argument("--idle-s", type=float, default=3.0)
    ap.add_argument("--depth-mm", type=float, default=0.75)
    a = ap.parse_args()
    out = sys.stdout
    t = 0.0

    def sample(x, y, contact):
        out.write(json.dumps({"t": round(t, 4), "pos_mm": [round(x, 4), round(y, 4), 0.0], "dir": [0, 0, -1],
                              "contact": contact, "depth_mm": a.depth_mm}) + "\n")

    def stroke(dx, dy):
        nonlocal t
        sample(-1.5 * dx, -1.5 * dy, False)
        for i in range(61):
            sample(-1.5 * dx + 3.0 * dx * i / 60, -1.5 * dy + 3.0 * dy * i / 60, True)
            t += 0.006
        sample(1.5 * dx, 1.5 * dy, False)
        t += 0.3

    for n in range(a.cycles):
        t += 0.5  # the attract loop plays
        if a.walk_away and n % a.walk_away == a.walk_away - 1:
            stroke(1, 0)  # one glide, then nobody: back to attract after idle_reset_s
            t += a.idle_s + 0.5
            sample(0, 0, False)
            continue
        for dx, dy in ((1, 0), (0, 1), (1, 0), (0, 1)):  # a glide, then across it: a crosshatch
            stroke(dx, dy)
        t += 1.0 + a.score_s + 0.5  # the last step is judged, the score shows, the stand resets
        sample(0, 0, False)
    t += 0.5
    sample(0, 0, False)


if __name__ == "__main__":
    main()
