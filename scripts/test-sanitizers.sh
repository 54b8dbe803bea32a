#!/usr/bin/env bash
# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer (GCC),
# GPU tests on lavapipe included: build-asan/, then ctest there. A separate stage
# from scripts/test.sh and not in CI (.ci/run runs the README's test command only):
# it builds everything a second time (~45 min on 2 cores) and runs ~3x slower, past
# CI's 20-minute budget; run it before a release and after touching memory handling.
# Any ASan report, UBSan report (halt_on_error) or leak of ours fails its test.
# The fuzz tests are not repeated here (they run under ASan + UBSan already), nor the
# trainee soak's memory run: ASan's quarantine keeps freed memory, so resident memory
# says nothing about leaks there (LeakSanitizer does; the kiosk soak skips its RSS
# bound under ASan and keeps its Vulkan object counts).
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
ctest --output-on-failure --parallel "$jobs" -E '^fuzz\.|^soak\.trainee_memory$' "$@"
