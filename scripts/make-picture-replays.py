#!/usr/bin/env python3
"""Writes the pen recordings that scripts/pictures.sh plays for the README pictures
into scenes/replays/ (JSONL, one pen sample a line, as --replay reads them):

  tilted-glide.jsonl               the default patch: the pen leaning 17 deg away from
                                   the viewer, dial 1.5 mm, four slow horizontal passes
                                   (pen.png: the amber body, the red dial ring, torn
                                   wounds and the technique panel's advice)
  crosshatch-then-lift.jsonl       the default patch: a crosshatch in three directions
                                   over its centre at ~15 mm/s, then the pen lifted out
                                   of the view (redness-and-bleeding.png)
  face-crosshatch-then-lift.jsonl  scenes/kiosk/attract-face.jsonl (the kiosk's cheek
                                   crosshatch) with the pen then lifted out of the view
                                   (face-needled-closeup.png)

  scripts/make-picture-replays.py      (from anywhere; rewrites the three files)
"""
import json
import math
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "scenes", "replays")
LINE = '{"t": %.4f, "pos_mm": [%.4f, %.4f, %.4f], "dir": [%.5f, %.5f, %.5f], "contact": %s, "depth_mm": %.2f}\n'


def write(name, samples):
    with open(os.path.join(OUT, name), "w") as f:
        for t, p, d, contact, dial in samples:
            f.write(LINE % (t, *p, *d, "true" if contact else "false", dial))


def tilted_glide():
    a = math.radians(17)  # past the 10 deg the technique panel allows while moving
    d = (0.0, -math.sin(a), -math.cos(a))  # the body leans away from the default camera
    dial, t = 1.5, 0.4
    samples = [(0.0, (-2.5, -1.0, 3.0), d, False, dial)]
    for i, y in enumerate((-1.0, -0.5, 0.0, 0.5)):
        xs = [-2.5 + 5.0 * k / 12 for k in range(13)]
        for x in (xs[::-1] if i % 2 else xs):
            samples.append((t, (x, y, 0.0), d, True, dial))
            t += 1.0 / 30
    write("tilted-glide.jsonl", samples)


def crosshatch_then_lift():
    d, dial = (0.0, 0.0, -1.0), 0.75
    samples = [(0.0, (-2.5, -2.5, 3.0), d, False, dial)]
    t = 0.3

    def stroke(p0, p1, n=10):  # 5 mm in a third of a second, then up off the skin
        nonlocal t
        for k in range(n + 1):
            f = k / n
            samples.append((t, (p0[0] + (p1[0] - p0[0]) * f, p0[1] + (p1[1] - p0[1]) * f, 0.0), d, True, dial))
            t += 1.0 / 30
        samples.append((t, (p1[0], p1[1], 2.0), d, False, dial))
        t += 0.15

    for y in (-2.0, -1.0, 0.0, 1.0, 2.0):
        stroke((-2.5, y), (2.5, y))
    for x in (-2.0, -1.0, 0.0, 1.0, 2.0):
        stroke((x, -2.5), (x, 2.5))
    for c in (-2.0, -1.0, 0.0, 1.0, 2.0):  # oblique, along y = x - c
        lo, hi = max(-2.5, -2.5 + c), min(2.5, 2.5 + c)
        stroke((lo, lo - c), (hi, hi - c))
    samples.append((t, (0.0, 0.0, 30.0), d, False, dial))
    samples.append((t + 0.5, (60.0, 40.0, 120.0), d, False, dial))  # out of the default view
    write("crosshatch-then-lift.jsonl", samples)


def face_crosshatch_then_lift():
    src = os.path.join(ROOT, "scenes", "kiosk", "attract-face.jsonl")
    lines = [l for l in open(src) if l.strip()]
    last = json.loads(lines[-1])
    x, y, z = last["pos_mm"]
    fmt = ('{"t": %.6f, "pos_mm": [%.6f, %.6f, %.6f], "dir": [%.6f, %.6f, %.6f], "contact": false, '
           '"depth_mm": %.4f, "pressure": %.4f}\n')
    with open(os.path.join(OUT, "face-crosshatch-then-lift.jsonl"), "w") as f:
        f.writelines(lines)
        for dt, p in ((0.3, (x + 40, y + 60, z)), (0.8, (600.0, 300.0, 0.0))):  # away from the face, out of view
            f.write(fmt % (last["t"] + dt, *p, *last["dir"], last["depth_mm"], last.get("pressure", 0.5)))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    tilted_glide()
    crosshatch_then_lift()
    face_crosshatch_then_lift()
