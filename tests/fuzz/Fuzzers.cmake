# The fuzzers need clang and its libFuzzer runtime (Debian: clang-14,
# libclang-rt-14-dev; scripts/install-deps.sh). With them, the main build builds
# build/fuzz (the whole tree configured by clang with NEEDLESIM_FUZZERS=ON, only
# the `fuzzers` target built) and ctest runs each target briefly over its seeds
# and regression inputs (scripts/fuzz.sh runs them long). Without them the tests
# are there and skip, saying why.
set(ns_fuzz_targets scene lesson replay osc mesh kiosk records pipeline camera class)
if(NEEDLESIM_SANITIZE)  # the sanitizer stage runs the suite, not the fuzzers again
  return()
endif()
find_program(NS_CLANGXX NAMES clang++-14 clang++)
set(ns_fuzz_missing "")
if(NOT NS_CLANGXX)
  set(ns_fuzz_missing "clang++ not found (apt install clang-14)")
else()
  execute_process(COMMAND ${NS_CLANGXX} -print-resource-dir OUTPUT_VARIABLE ns_clang_resources
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  file(GLOB ns_libfuzzer "${ns_clang_resources}/lib/linux/libclang_rt.fuzzer-x86_64.a")
  if(NOT ns_libfuzzer)
    set(ns_fuzz_missing "libFuzzer runtime not found (apt install libclang-rt-14-dev)")
  endif()
endif()

set(ns_fuzz_script ${CMAKE_SOURCE_DIR}/scripts/fuzz.sh)
if(ns_fuzz_missing)
  foreach(target ${ns_fuzz_targets})
    add_test(NAME fuzz.${target} COMMAND ${CMAKE_COMMAND} -E echo "fuzz.${target} skipped: ${ns_fuzz_missing}")
    set_tests_properties(fuzz.${target} PROPERTIES SKIP_REGULAR_EXPRESSION "skipped")
  endforeach()
  return()
endif()

include(ExternalProject)
ExternalProject_Add(ns_fuzz_build
  SOURCE_DIR ${CMAKE_SOURCE_DIR}
  BINARY_DIR ${CMAKE_BINARY_DIR}/fuzz
  CMAKE_GENERATOR Ninja
  CMAKE_ARGS -DCMAKE_CXX_COMPILER=${NS_CLANGXX} -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEEDLESIM_FUZZERS=ON
  BUILD_COMMAND ${CMAKE_COMMAND} --build <BINARY_DIR> --target fuzzers
  BUILD_ALWAYS ON
  INSTALL_COMMAND ""
  USES_TERMINAL_BUILD ON)

foreach(target ${ns_fuzz_targets})
  # Every seed and regression input, then NS_FUZZ_SHORT_S (scripts/fuzz.sh: 6) s of new inputs from a fixed seed
  # (deterministic mutations, bounded time): a regression or a shallow crash fails.
  add_test(NAME fuzz.${target}
           COMMAND ${ns_fuzz_script} --short ${target} ${CMAKE_BINARY_DIR}/fuzz)
  set_tests_properties(fuzz.${target} PROPERTIES TIMEOUT 180 ENVIRONMENT "${NS_TEST_ENV}")
endforeach()
