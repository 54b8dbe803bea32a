// libFuzzer: lesson files (--lesson). The path sits in scenes/lessons/ so a
// lesson's relative scene file resolves to the shipped scenes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "lesson/lesson.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ns::lesson::Lesson lesson;
  std::string error;
  bool ok = ns::lesson::parseLesson(std::string(reinterpret_cast<const char*>(data), size),
                                    NS_SOURCE_DIR "/scenes/lessons/fuzz.json", lesson, error);
  if (!ok && (error.empty() || error.find('\n') != std::string::npos)) __builtin_trap();
  return 0;
}
