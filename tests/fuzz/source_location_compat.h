// The fuzz build only (clang 14 with GCC 12's libstdc++): <source_location> there
// needs __builtin_source_location, which clang has from version 15, so
// std::source_location is missing and engine/vk (which names its callers with it)
// would not compile. The whole-pipeline fuzzer links the simulation, which links
// engine/vk; this stands in with clang 14's older builtins. Included before every
// source of the fuzz build (top-level CMakeLists.txt) and only where clang < 15.
#pragma once
#if defined(__clang__) && __clang_major__ < 15 && defined(__cplusplus)
#include <version>
#if !defined(__cpp_lib_source_location)
namespace std {
struct source_location {
  static constexpr source_location current(const char* file = __builtin_FILE(), unsigned line = __builtin_LINE(),
                                           const char* function = __builtin_FUNCTION()) noexcept {
    source_location here;
    here.file_ = file;
    here.line_ = line;
    here.function_ = function;
    return here;
  }
  constexpr const char* file_name() const noexcept { return file_; }
  constexpr const char* function_name() const noexcept { return function_; }
  constexpr unsigned line() const noexcept { return line_; }
  constexpr unsigned column() const noexcept { return 0; }

 private:
  const char* file_ = "";
  const char* function_ = "";
  unsigned line_ = 0;
};
}  // namespace std
#endif
#endif
