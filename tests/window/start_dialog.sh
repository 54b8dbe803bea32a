#!/usr/bin/env bash
# The start dialog in a real window, under Xvfb (ctest runs this through xvfb-run):
# without --trainee the window asks who is training. Typing a stored trainee's name
# in another case trains as that trainee (no second one); a new name creates one;
# a window stopped on the dialog trains nobody (guest: nothing in the store, and
# nothing moved). Screenshots of the dialog are left in $out.
set -euo pipefail
bin="$1"; out="$2"
rm -rf "$out"; mkdir -p "$out"
data="$out/data"
export NEEDLESIM_CONFIG="$out/no-config.json"   # no site config, no LRS

# A trainee already on this station: two sessions, each with its summary picture
# (the last frame, kept under the data dir); the second's picture is gone since
# (its thumbnail is then a plain placeholder).
"$bin" --headless --frames 2 --trainee "Anna Smith" --data-dir "$data" 2> "$out/seed-stderr.txt"
"$bin" --headless --frames 2 --trainee "Anna Smith" --data-dir "$data" --report "$out/seed2.json" 2>> "$out/seed-stderr.txt"
rm "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["records"]["picture"])' "$out/seed2.json")"

# dialog NAME TEXT: a window run; TEXT typed into the dialog and Enter (empty: the
# run is stopped on the dialog). Stopped with SIGTERM, as a supervisor would.
dialog() {
  local name="$1" text="$2"
  "$bin" --validate --data-dir "$data" --report "$out/$name.json" 2> "$out/$name-stderr.txt" &
  local pid=$!
  sleep 6                                   # window up, first frames drawn
  xdotool mousemove 640 600 sleep 0.3       # keys go to the window under the pointer
  import -window root "$out/$name-dialog.png" || true
  if [ -n "$text" ]; then
    xdotool type --delay 60 "$text"
    sleep 1
    import -window root "$out/$name-typed.png" || true
    xdotool key Return
    sleep 3
    import -window root "$out/$name-started.png" || true
    xdotool mousemove 962 375 sleep 0.3 click 1 sleep 2   # unfold the Progress panel (its arrow, bottom right)
    import -window root "$out/$name-progress.png" || true
    xdotool mousemove 1100 480 sleep 0.3 click 5 sleep 0.3 click 5 sleep 0.3 click 5 sleep 1.5  # scroll to the pictures
    import -window root "$out/$name-pictures.png" || true
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  wait "$pid"
}

dialog anna "anna smith"
dialog ben "Ben Jones"
dialog nobody ""

python3 - "$out" "$data" <<'PY'
import json, os, sqlite3, sys
out, data = sys.argv[1], sys.argv[2]
def report(name):
    r = json.load(open(os.path.join(out, name + ".json")))
    assert r["validation"]["errors"] == 0, r["validation"]
    return r
anna, ben, nobody = report("anna"), report("ben"), report("nobody")
assert anna["records"]["trainee"] == "Anna Smith", anna["records"]
assert ben["records"]["trainee"] == "Ben Jones", ben["records"]
assert nobody["records"]["trainee"] == "guest", nobody["records"]
assert nobody["sim"]["time_s"] == 0, "nothing moves while the dialog asks: %s" % nobody["sim"]["time_s"]
db = sqlite3.connect(os.path.join(data, "records.sqlite"))
names = sorted(n for (n,) in db.execute("SELECT name FROM trainees"))
assert names == ["Anna Smith", "Ben Jones"], names
count = dict(db.execute("SELECT t.name, count(*) FROM sessions s JOIN trainees t ON t.id = s.trainee_id GROUP BY t.name"))
assert count == {"Anna Smith": 3, "Ben Jones": 1}, count
pictures = [p for (p,) in db.execute("SELECT summary_image FROM sessions")]
assert sum(os.path.exists(p) for p in pictures) == 3 and len(pictures) == 4, pictures
box = os.path.join(data, "outbox")
actors = {}
for f in os.listdir(box):
    if f.endswith(".xapi.json"):
        s = json.load(open(os.path.join(box, f)))
        actors[s["actor"]["name"]] = actors.get(s["actor"]["name"], 0) + 1
assert actors.get("Anna Smith", 0) >= 6 and actors.get("Ben Jones", 0) >= 2, actors
print("start dialog: trainees", names, "sessions", count, "statements by actor", actors)
PY
