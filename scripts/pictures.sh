#!/usr/bin/env bash
# Regenerates every picture README.md shows (docs/images/*.png) from the current build,
# from named scenes and pen recordings in the repository, without a display: all but
# one headless; the Progress panel, which starts folded, in a window on a private Xvfb
# where the mouse opens it. Run it before resolving an issue that changes the look, and
# commit the pictures it writes (replays: scenes/replays/, scripts/make-picture-replays.py).
#
#   scripts/pictures.sh [NEEDLESIM_BINARY]     (default: build/app/needlesim, built
#                                               with scripts/build.sh if missing)
#
# Vulkan runs on lavapipe, as the tests do, so the pictures do not depend on the GPU
# of whoever makes them. Each picture is written beside its final name and renamed
# into docs/images/ when complete. Needs Xvfb, xdotool, ImageMagick and sqlite3 (or
# Python's sqlite3), all from scripts/install-deps.sh. A few minutes on two cores.
set -euo pipefail

# scripts/pictures.sh --progress-window BIN DATA TMP (under xvfb-run, from below): an
# educator's window on Alice Martin's records; the mouse opens the Progress panel and
# F12 saves the frame. (The coordinates are the 1280x720 dock's at UI scale 1.)
if [ "${1:-}" = "--progress-window" ]; then
  bin="$2" data="$3" tmp="$4" name=progress-panel
  "$bin" --mode educator --trainee "Alice Martin" --data-dir "$data" --outbox "$tmp/box" --width 1280 \
    --height 720 --ui-scale 1 --screenshot "$tmp/$name-exit.png" 2> "$tmp/$name.log" &
  pid=$!
  for _ in $(seq 1 120); do xdotool search --pid "$pid" > /dev/null 2>&1 && break; sleep 0.25; done
  sleep 4                                                  # first frames drawn, the dock settled
  # The Serum and Technique panels folded by their arrows (the panels together have a
  # third of the window), then the Progress panel's (it starts folded) opened.
  xdotool mousemove 18 42 sleep 0.3 click 1 sleep 1.5
  xdotool mousemove 962 136 sleep 0.3 click 1 sleep 1.5
  xdotool mousemove 962 161 sleep 0.3 click 1 sleep 2
  # It opens at the few lines it had folded: its corner dragged down to show it all.
  xdotool mousemove 1268 358 sleep 0.3 mousedown 1 sleep 0.3 mousemove 1268 450 sleep 0.3 \
    mousemove 1268 700 sleep 0.5 mouseup 1 sleep 1.5
  xdotool mousemove 640 40 sleep 1.5                       # off the panels and the skin
  xdotool key F12
  shot=""
  for _ in $(seq 1 80); do
    shot="$(find "$tmp/box" -name 'needlesim-*.png' ! -name '*summary*' 2>/dev/null | head -n 1)"
    [ -n "$shot" ] && break
    sleep 0.25
  done
  xdotool key Escape sleep 1 key Return                    # asks, then quits
  for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; fi
  wait "$pid" || true
  [ -n "$shot" ] || { echo "pictures: $name: no F12 screenshot in $tmp/box" >&2; exit 1; }
  cp "$shot" "$tmp/$name.png"
  exit 0
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
self="$root/scripts/$(basename "$0")"
images="$root/docs/images"
bin="${1:-${NEEDLESIM_BUILD_DIR:-$root/build}/app/needlesim}"
if [ ! -x "$bin" ]; then
  if [ $# -gt 0 ]; then echo "pictures: $bin: not an executable" >&2; exit 2; fi
  "$root/scripts/build.sh"
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

tmp="$(mktemp -d)"
cleanup() {
  rm -rf "$tmp"
  rm -f "$images"/.*.part.png
}
trap cleanup EXIT

export XDG_RUNTIME_DIR="$tmp/runtime"  # the Vulkan loader complains without one
mkdir -m 700 "$XDG_RUNTIME_DIR"
lvp=/usr/share/vulkan/icd.d/lvp_icd.x86_64.json
if [ -f "$lvp" ]; then export VK_ICD_FILENAMES="$lvp"; fi
export TZ=UTC  # the Progress panel's session times
unset NEEDLESIM_DEVICE
cd "$root"  # scenes and recordings by their repository paths

# done NAME WHAT: move the finished picture into place and say what it shows.
done_picture() {
  mv -f "$images/.$1.part.png" "$images/$1.png"
  printf 'pictures: docs/images/%-26s %s\n' "$1.png" "$2"
}

# shot NAME WHAT [needlesim arguments]: one headless run, its last frame the picture.
shot() {
  local name="$1" what="$2"
  shift 2
  if ! "$bin" --headless --width 1280 --height 720 --ui-scale 1 --screenshot "$images/.$name.part.png" \
       --report "$tmp/$name.json" "$@" 2> "$tmp/$name.log"; then
    cat "$tmp/$name.log" >&2
    echo "pictures: $name: needlesim failed" >&2
    exit 1
  fi
  done_picture "$name" "$what"
}

mkdir -p "$images"

shot default-scene "default scene, 5 min at x60 (the scene's pretreated grid)" \
  --sim-seconds 300 --time-scale 60

shot needling "default scene, scenes/kiosk/attract.jsonl to 16 s (second direction)" \
  --replay scenes/kiosk/attract.jsonl --sim-seconds 16

shot redness-and-bleeding "default scene, scenes/replays/crosshatch-then-lift.jsonl, 2 min after" \
  --replay scenes/replays/crosshatch-then-lift.jsonl --sim-seconds 136

shot pen "default scene, scenes/replays/tilted-glide.jsonl to 1.6 s (17 deg, dial 1.5 mm)" \
  --replay scenes/replays/tilted-glide.jsonl --sim-seconds 1.6

shot face "scenes/face.json, untouched" \
  --scene scenes/face.json --frames 30

shot face-needled "scenes/face.json, scenes/kiosk/attract-face.jsonl to 9.5 s (last stroke)" \
  --scene scenes/face.json --replay scenes/kiosk/attract-face.jsonl --sim-seconds 9.5

# The close-up: no camera flag exists, so the face is rendered at 4x the size without
# panels and the treated cheek cut out of it (the face's home view: the cheek's
# crosshatch is at about (612, 510) of a 1280x720 frame on the anatomical head).
name=face-needled-closeup
if ! "$bin" --headless --no-ui --width 5120 --height 2880 --scene scenes/face.json \
     --replay scenes/replays/face-crosshatch-then-lift.jsonl --sim-seconds 250 \
     --screenshot "$tmp/$name-full.png" --report "$tmp/$name.json" 2> "$tmp/$name.log"; then
  cat "$tmp/$name.log" >&2; echo "pictures: $name: needlesim failed" >&2; exit 1
fi
convert "$tmp/$name-full.png" -crop 1280x720+1808+1680 +repage "$images/.$name.part.png"
done_picture "$name" "scenes/face.json, scenes/replays/face-crosshatch-then-lift.jsonl, 4 min after, 4x crop"

# Skin types I, III and VI on the head side by side (scenes/face.json with
# tissue.fitzpatrick set; no panels), each cropped to the head.
name=face-skin-types
for type in 1 3 6; do
  python3 -c "import json, sys; s = json.load(open('scenes/face.json')); s['tissue']['fitzpatrick'] = int(sys.argv[1]); \
s['surface']['mesh'] = '$root/assets/face.glb'; json.dump(s, open(sys.argv[2], 'w'))" "$type" "$tmp/face-$type.json"
  if ! "$bin" --headless --no-ui --width 1280 --height 720 --scene "$tmp/face-$type.json" --frames 3 \
       --screenshot "$tmp/face-$type.png" --report "$tmp/face-$type-report.json" 2> "$tmp/face-$type.log"; then
    cat "$tmp/face-$type.log" >&2; echo "pictures: $name: needlesim failed" >&2; exit 1
  fi
done
convert "$tmp/face-1.png" "$tmp/face-3.png" "$tmp/face-6.png" -crop 480x660+400+40 +repage +append \
  "$images/.$name.part.png"
done_picture "$name" "scenes/face.json with tissue.fitzpatrick 1, 3 and 6, untouched"

# The Progress panel: Alice Martin's three sessions (the face twice, then the first
# lesson passed) on three mornings, seen by an educator.
data="$tmp/data"
trainee=(--headless --trainee "Alice Martin" --data-dir "$data")
# session N [needlesim arguments]: one of them (its --screenshot is its thumbnail).
session() {
  local n="$1"
  shift
  "$bin" "${trainee[@]}" --screenshot "$tmp/session$n.png" "$@" 2> "$tmp/session$n.log" \
    || { cat "$tmp/session$n.log" >&2; echo "pictures: progress-panel: session $n failed" >&2; exit 1; }
}
session 1 --scene scenes/face.json --replay scenes/kiosk/attract-face.jsonl --sim-seconds 4
session 2 --scene scenes/face.json --replay scenes/kiosk/attract-face.jsonl --sim-seconds 11
session 3 --lesson scenes/lessons/first-glide-cheek.json --replay tests/lesson/recordings/first-glide-cheek.pass.jsonl
dates="UPDATE sessions SET started_at = day || 'T09:30:00.000Z', ended_at = day || 'T09:42:00.000Z'
       FROM (SELECT id, '2026-05-0' || (3 + row_number() OVER (ORDER BY started_at)) AS day FROM sessions) AS r
       WHERE sessions.id = r.id;"
if command -v sqlite3 >/dev/null; then
  sqlite3 "$data/records.sqlite" "$dates"
else
  python3 -c 'import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute(sys.argv[2]); db.commit()' \
    "$data/records.sqlite" "$dates"
fi
name=progress-panel
xvfb-run -a -s "-screen 0 1280x720x24 -nolisten tcp" "$self" --progress-window "$bin" "$data" "$tmp" \
  || { cat "$tmp/$name.log" >&2 2>/dev/null || true; echo "pictures: $name: failed" >&2; exit 1; }
cp "$tmp/$name.png" "$images/.$name.part.png"
done_picture "$name" "educator, Alice Martin's three sessions (Xvfb: the panel unfolded, F12)"
