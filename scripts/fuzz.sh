#!/usr/bin/env bash
# Runs the libFuzzer targets (tests/fuzz/) over their seeds and regression inputs,
# then on new inputs.
#   scripts/fuzz.sh --short TARGET FUZZ_BUILD_DIR   what ctest runs: every seed and regression input,
#                                                   then NS_FUZZ_SHORT_S (6) s of new inputs, fixed seed
#   scripts/fuzz.sh --long SECONDS [TARGET...]       builds build/fuzz, runs each target SECONDS
# Targets: scene lesson replay osc mesh kiosk records pipeline camera class. A crash, leak, timeout or out-of-memory
# input is written to FUZZ_BUILD_DIR/artifacts/TARGET/ and fails the run: fix it,
# then keep the input as tests/fuzz/regressions/TARGET/<what-it-was> so it is
# replayed by every run from then on.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mode="${1:-}"
all=(scene lesson replay osc mesh kiosk records pipeline camera class)
# The suite's new-input time per target, the one setting for it: the seeds and the
# regression inputs are all replayed first whatever it is (libFuzzer reads its whole
# corpus before it looks at the clock). 6 s x 10 targets keeps the suite's fuzzing near a
# minute of CPU (it was 15 s: ~160 s of CI's 20 minutes); --long is the campaign.
short_s="${NS_FUZZ_SHORT_S:-6}"

seeds_for() {  # the shipped files each parser reads, plus hand-made seeds
  case "$1" in
    scene) echo "$root/scenes" ;;
    lesson) echo "$root/scenes/lessons" ;;
    kiosk) echo "$root/scenes/kiosk" ;;
    camera) echo "$root/assets/rigs" ;;
    *) echo "$root/tests/fuzz/seeds/$1" ;;
  esac
}

judge_mesh() {  # binary, artifacts folder, the run's log, its status
  local bin="$1" artifacts="$2" log="$3" status="$4"
  # In fork mode the parent exits with the status of its *last* job (libFuzzer's
  # FuzzerFork.cpp), even one whose crash -ignore_crashes told it to ignore: a job that
  # died inside Assimp as the time ran out failed a suite run (139). A parent that ran
  # to its end says so ("INFO: exiting: N"); its status then says nothing of its own,
  # and every crash a job found is judged by its input below. A parent that did not
  # get there (it crashed, or was killed) fails the run.
  grep -q '^INFO: exiting: ' "$log" && status=0
  mkdir -p "$artifacts/assimp" "$artifacts/unreproduced"
  local crash first tries
  for crash in "$artifacts"/crash-*; do
    [ -e "$crash" ] || continue
    first=""
    for tries in 1 2 3; do  # Assimp reads memory it never wrote: not every crash repeats
      # The first frame that is not the reporting itself (libFuzzer's handler, the
      # sanitizer's printer, libc's abort and raise): an abort in Assimp's ai_assert
      # has those above libassimp's frames.
      first=$(UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$bin" "$crash" 2>&1 | grep -E '^ +#[0-9]+ ' |
              grep -v -E '__sanitizer_|fuzzer::|libc\.so|nptl/|signal/\.\./|stdlib/abort' | head -1 || true)
      [ -n "$first" ] && break
    done
    if [[ "$first" == *libassimp* ]]; then
      echo "fuzz.sh: $(basename "$crash") crashes inside Assimp (the program's import child refuses it): kept in assimp/"
      mv "$crash" "$artifacts/assimp/"
    elif [ -z "$first" ]; then
      # Our conversion is deterministic: a crash of ours repeats.
      echo "fuzz.sh: $(basename "$crash") crashed a job but not when replayed alone (3 tries): kept in unreproduced/"
      mv "$crash" "$artifacts/unreproduced/"
    else
      echo "fuzz.sh: $(basename "$crash") crashes in our code: $first"
      status=1
    fi
  done
  return "$status"
}

run_one() {  # target, build dir, seconds, fixed seed (or empty)
  local target="$1" build="$2" seconds="$3" seed="$4"
  local bin="$build/tests/fuzz/fuzz_$target"
  local work="$build/corpus/$target" artifacts="$build/artifacts/$target"
  mkdir -p "$work" "$artifacts"
  local max_len=65536  # large inputs for the JSON targets and the pipeline (issue 31)
  case "$target" in scene|lesson|replay|kiosk|records|pipeline|class) max_len="${NS_FUZZ_MAX_LEN:-1048576}" ;; esac
  local args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 -max_len="$max_len"
              -artifact_prefix="$artifacts/" -print_final_stats=1)
  case "$target" in
    # JSON: hostile values (huge, tiny, denormal, NaN/Inf spelled out, deep nesting, long
    # strings, keys to splice twice) on top of json.dict's tokens.
    scene|lesson|replay|kiosk|records|pipeline|camera|class) args+=(-dict="$root/tests/fuzz/hostile.dict") ;;
  esac
  [ -n "$seed" ] && args+=(-seed="$seed")
  # Meshes: Assimp itself hangs, exhausts memory or crashes on some inputs (tests/scene/
  # hostile_meshes/spin.ply and assimp_segv*.obj, found here); the program's import
  # child and its budget handle those, so the mesh fuzzer records them as artifacts and
  # goes on (fork mode). A crash is then replayed alone: one whose first frame is in
  # libassimp is Assimp's (kept in artifacts/mesh/assimp/), any other fails the run
  # (judge_mesh).
  if [ "$target" = mesh ]; then
    args+=(-fork=1 -ignore_timeouts=1 -ignore_ooms=1 -ignore_crashes=1 -timeout=5 -timeout_exitcode=0)
  else
    args+=(-detect_leaks=1)
  fi
  echo "fuzz.sh: $target for ${seconds}s"
  local status=0 log="$build/artifacts/$target.log"
  # The output is kept (ARTIFACTS/TARGET.log) for judge_mesh, its status beside it.
  { ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=0:detect_stack_use_after_return=1}" \
    UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
      "$bin" "${args[@]}" "$work" "$(seeds_for "$target")" "$root/tests/fuzz/regressions/$target" && status=0 || status=$?
    echo "$status" >"$log.status"; } 2>&1 | tee "$log"
  status=$(cat "$log.status")
  if [ "$target" = mesh ]; then
    judge_mesh "$bin" "$artifacts" "$log" "$status"
    return
  fi
  return "$status"
}

case "$mode" in
  --short)
    target="$2"; build="$3"
    run_one "$target" "$build" "$short_s" 1
    ;;
  --long)
    seconds="${2:?seconds}"; shift 2
    targets=("${@:-${all[@]}}")
    [ $# -gt 0 ] || targets=("${all[@]}")
    build="${NEEDLESIM_FUZZ_BUILD_DIR:-$root/build/fuzz}"
    cxx="$(command -v clang++-14 || command -v clang++)"
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
          -DNEEDLESIM_FUZZERS=ON >/dev/null
    cmake --build "$build" --target fuzzers --parallel "$(nproc)"
    for t in "${targets[@]}"; do run_one "$t" "$build" "$seconds" ""; done
    ;;
  *)
    sed -n '2,10p' "$0"; exit 2 ;;
esac
