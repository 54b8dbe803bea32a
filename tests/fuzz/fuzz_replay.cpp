// libFuzzer: replay JSONL (--replay; also what --record writes and reads back).
#include <cstddef>
#include <cstdint>
#include <string>

#include "input/replay.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ns::input::PenTrack track;
  std::string error;
  bool ok = ns::input::parseReplayText(std::string(reinterpret_cast<const char*>(data), size), "fuzz.jsonl", track,
                                       error);
  if (!ok && (error.empty() || error.find('\n') != std::string::npos)) __builtin_trap();
  // What is accepted is within the documented ranges (input/pen_sample.h, issue 31).
  for (const ns::input::PenSample& s : track.samples)
    if (ok && !ns::input::penSampleInRange(s, error)) __builtin_trap();
  return 0;
}
