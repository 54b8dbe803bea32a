#!/usr/bin/env bash
# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer (GCC),
# GPU tests on lavapipe included: build-asan/, then ctest there. A separate stage
# from scripts/test.sh (CI runs both, .ci/run): it builds everything a second
# time and runs ~3x slower, which would double every developer's test command.
# Any ASan report, UBSan report (halt_on_error) or leak of ours fails its test.
# The fuzz tests are not repeated here (they run under ASan + UBSan already).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
build="${NEEDLESIM_ASAN_BUILD_DIR:-$root/build-asan}"
# NEEDLESIM_JOBS: build and test parallelism (default: every core); 1 on a shared machine.
jobs="${NEEDLESIM_JOBS:-$(nproc)}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEEDLESIM_SANITIZE=ON >/dev/null
cmake --build "$build" --parallel "$jobs"
cd "$build"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0"
ctest --output-on-failure --parallel "$jobs" -E '^fuzz\.' "$@"
