#!/usr/bin/env bash
# The class view in a real window, under Xvfb (issue 35): a class of three trainees
# from a cache (the LRS named is down: the cached class is shown and the failure
# said), the search box typed into, a trainee picked in the table, Export CSV
# clicked, Esc and Enter quit. Screenshots of each step are left in $out.
set -euo pipefail
bin="$1"; out="$2"
rm -rf "$out"; mkdir -p "$out/data"

python3 - "$out/data/classroom-w.json" <<'PY'
import json, sys, uuid
def statement(name, station, score, warnings, day):
    return {"id": str(uuid.uuid4()), "actor": {"objectType": "Agent", "name": name, "account": {"homePage": "http://x/", "name": name}},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
            "object": {"objectType": "Activity", "id": "urn:needlesim:scene:face"},
            "context": {"registration": str(uuid.uuid4()), "extensions": {"urn:needlesim:ext:station": station},
                        "contextActivities": {"grouping": [{"id": "urn:needlesim:class:w"}]}},
            "timestamp": "2026-11-%02dT10:00:00.000Z" % day, "stored": "2026-11-%02dT10:00:01.000Z" % day,
            "result": {"score": {"raw": score}, "extensions": {"urn:needlesim:ext:technique": {"passes": 3, "warnings": warnings}}}}
s = [statement("Ana Lima", "bench-1", 60, ["angle"], 1), statement("Ana Lima", "bench-2", 72, ["angle"], 2),
     statement("Ben Okafor", "bench-1", 81, [], 3), statement("Cleo Park", "bench-2", 55, ["overlap"], 4)]
json.dump({"class_id": "w", "fetched_at": "2026-11-05T10:00:00.000Z", "since": "2026-11-04T10:00:01.000Z", "statements": s},
          open(sys.argv[1], "w"))
PY
chmod 600 "$out/data/classroom-w.json"

NEEDLESIM_CONFIG="$out/none.json" "$bin" --validate --guest --mode educator --class --class-id w --data-dir "$out/data" \
  --lrs http://127.0.0.1:9/xapi/ --report "$out/class.json" 2> "$out/stderr.txt" &
pid=$!
sleep 5                                   # window up, the refresh tried and failed
import -window root "$out/opened.png" || true
xdotool mousemove 245 96 click 1 sleep 0.4 type --delay 80 "ben"
sleep 0.8
xdotool mousemove 60 135 click 1 sleep 0.8   # the one row left: Ben Okafor
import -window root "$out/picked.png" || true
xdotool mousemove 120 96 click 1 sleep 1  # Export CSV
import -window root "$out/exported.png" || true
xdotool mousemove 640 600 key Escape sleep 1 key Return
for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
if kill -0 "$pid" 2>/dev/null; then xdotool key Escape sleep 1 key Return; fi
for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
if kill -0 "$pid" 2>/dev/null; then echo "the run did not end"; kill -TERM "$pid"; exit 1; fi
wait "$pid"

python3 - "$out/class.json" "$out/data/class-w.csv" "$out/stderr.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["validation"]["errors"] == 0, r["validation"]
c = r["classroom"]
assert c["source"] == "cache", c["source"]
assert "did not answer" in c["problem"], c.get("problem")
assert [t["name"] for t in c["trainees"]] == ["Ana Lima", "Ben Okafor", "Cleo Park"], c["trainees"]
assert c["shown"] == {"search": "ben", "rows": 1, "trainee": "Ben Okafor"}, c["shown"]
assert c["export"] == "written: " + sys.argv[2], c.get("export")
rows = open(sys.argv[2]).read().splitlines()
assert len(rows) == 4 and rows[1].startswith("w,Ana Lima,scene:face,2,72.0,72.0,no,"), rows
said = [l for l in open(sys.argv[3]).read().splitlines() if "class w" in l]
assert len(said) == 1 and "showing the cached class" in said[0], said
print("class window:", c["shown"], c["export"])
PY
