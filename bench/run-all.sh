#!/usr/bin/env bash
# The whole performance table of BENCHMARKS.md (issue 18) in one run: this build and a
# baseline build measured side by side, interleaved, so a regression shows as a ratio
# (machines differ ~2x between sessions; compare ratios, not times across runs).
#
#   bench/run-all.sh                   the baseline is the previous commit (HEAD~1), built
#                                      in out/baseline/ from a worktree (incremental after
#                                      the first time)
#   bench/run-all.sh BASELINE_BUILD    another build folder (with app/needlesim and
#                                      bench/diffusion_bench), e.g. of a release
#   bench/run-all.sh --this-only       no baseline
#
# Rows: memory triad; the diffusion kernels at 128x128x64 (GPU and twin, explicit and LOD:
# G cell/s, and the explicit step's share of the triad at its minimum traffic, 16 B a
# cell; the default scene's grid, 64x64x128, for the simulation's cost per frame against
# its step); frames at 1280x720 headless (default scene with and without the panels, the
# face idle: frame, render and simulation p50); six weeks of healing as a batch (wall);
# start-up to the first frame (wall, median of 3). Output: out/bench-all/table.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
this="${NEEDLESIM_BUILD:-$root/build}"
out="$root/out/bench-all"
mkdir -p "$out"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"

baseline=""
case "${1:-}" in
  --this-only) ;;
  "")
    src="$root/out/baseline-src"
    if [ ! -d "$src" ]; then git -C "$root" worktree add --detach "$src" HEAD~1 > /dev/null
    else git -C "$src" checkout --detach -q "$(git -C "$root" rev-parse HEAD~1)"; fi
    baseline="$root/out/baseline"
    cmake -S "$src" -B "$baseline" -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
    cmake --build "$baseline" --parallel 2 --target needlesim diffusion_bench > /dev/null
    ;;
  *) baseline="$1" ;;
esac
[ -x "$this/app/needlesim" ] || { echo "run-all.sh: $this/app/needlesim missing: build first" >&2; exit 2; }

builds=(this)
[ -n "$baseline" ] && builds+=(baseline)
dir_of() { if [ "$1" = this ]; then echo "$this"; else echo "$baseline"; fi; }

wall() {  # prints the wall seconds of the command
  local start end
  start=$(date +%s.%N); "$@" > /dev/null 2>&1; end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
}

for b in "${builds[@]}"; do  # kernels: one build after the other (each is a few repetitions)
  "$(dir_of "$b")/bench/diffusion_bench" --benchmark_filter='memory/triad|128x128x64|gpu/explicit/64x64x128' --benchmark_repetitions=3 \
    --benchmark_report_aggregates_only=true --benchmark_format=json > "$out/kernels-$b.json" 2> /dev/null
done
for run in default default-no-ui face; do  # frames: interleaved
  for b in "${builds[@]}"; do
    args=(--headless --frames 240 --width 1280 --height 720 --report "$out/frames-$run-$b.json")
    [ "$run" = default-no-ui ] && args+=(--no-ui)
    [ "$run" = face ] && args+=(--scene "$root/scenes/face.json")
    "$(dir_of "$b")/app/needlesim" "${args[@]}" 2> "$out/frames-$run-$b.log"
  done
done
for b in "${builds[@]}"; do
  wall "$(dir_of "$b")/app/needlesim" --headless --sim-seconds 3628800 --report "$out/weeks-$b.json" > "$out/weeks-$b.s"
done
for k in 1 2 3; do
  for b in "${builds[@]}"; do
    wall "$(dir_of "$b")/app/needlesim" --headless --frames 1 --report "$out/start-$b.json" >> "$out/start-$b.s"
  done
done

python3 - "$out" "${builds[@]}" <<'PY' | tee "$out/table.md"
import json, statistics, sys
out, builds = sys.argv[1], sys.argv[2:]
rows = []  # (what, {build: value}, unit, higher is better)
def kernels(b):
    runs = json.load(open(f"{out}/kernels-{b}.json"))["benchmarks"]
    base = lambda name: name.replace("/real_time", "").replace("/manual_time", "")
    med = {base(r["run_name"]): r for r in runs if r.get("aggregate_name") == "median"}
    return {k: v.get("Gcell/s", v.get("GB/s")) for k, v in med.items()}
k = {b: kernels(b) for b in builds}
triad = {b: k[b].get("memory/triad", 0) for b in builds}
rows.append(("memory triad", triad, "GB/s", True))
for name in ["gpu/explicit/128x128x64", "cpu_twin/explicit/128x128x64", "gpu/lod/128x128x64", "cpu_twin/lod/128x128x64"]:
    rows.append((name, {b: k[b].get(name, 0) for b in builds}, "G cell/s", True))
rows.append(("explicit GPU step, share of the triad (16 B/cell)",
             {b: 100 * 16 * k[b].get("gpu/explicit/128x128x64", 0) / max(triad[b], 1e-9) for b in builds}, "%", True))
for run, label in [("default", "default scene, panels"), ("default-no-ui", "default scene, no panels"), ("face", "face, idle")]:
    r = {b: json.load(open(f"{out}/frames-{run}-{b}.json")) for b in builds}
    rows.append((f"{label}: frame p50", {b: r[b]["frame_ms"]["p50"] for b in builds}, "ms", False))
    rows.append((f"{label}: render p50", {b: r[b]["gpu_ms"]["render"]["p50"] for b in builds}, "ms", False))
    rows.append((f"{label}: simulation p50", {b: r[b]["gpu_ms"]["simulation"]["p50"] for b in builds}, "ms", False))
# The default scene's simulation per frame against one explicit step of its grid (64x64x128,
# 524 288 cells) in the kernel bench: what a frame's simulation costs beyond its diffusion.
step_ms = {b: 524288 / max(k[b].get("gpu/explicit/64x64x128", 0), 1e-12) * 1e-6 for b in builds}
rows.append(("default scene: simulation p50 per explicit step of its grid",
             {b: json.load(open(f"{out}/frames-default-{b}.json"))["gpu_ms"]["simulation"]["p50"] / step_ms[b]
              if k[b].get("gpu/explicit/64x64x128") else 0 for b in builds}, "x", False))
frames = {run: {b: json.load(open(f"{out}/frames-{run}-{b}.json"))["frame_ms"]["p50"] for b in builds}
           for run in ["default", "default-no-ui"]}
rows.append(("the panels' share of the frame (default scene)",
             {b: 100 * max(0.0, 1 - frames["default-no-ui"][b] / frames["default"][b]) for b in builds}, "%", False))
rows.append(("six weeks of healing, batch", {b: float(open(f"{out}/weeks-{b}.s").read()) for b in builds}, "s", False))
rows.append(("start-up to the first frame (median of 3)",
             {b: statistics.median(float(x) for x in open(f"{out}/start-{b}.s").read().split()) for b in builds}, "s", False))
head = "| what | this |" + (" baseline | this vs baseline |" if len(builds) > 1 else "")
print(head)
print("|---|---|" + ("---|---|" if len(builds) > 1 else ""))
for what, v, unit, higher in rows:
    line = f"| {what} | {v['this']:.3g} {unit} |"
    if len(builds) > 1:
        base = v["baseline"]
        ratio = (v["this"] / base if higher else base / v["this"]) if base and v["this"] else float("nan")
        line += f" {base:.3g} {unit} | {ratio:.2f}x {'better' if ratio > 1.02 else 'worse' if ratio < 0.98 else 'same'} |"
    print(line)
PY
