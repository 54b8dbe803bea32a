// libFuzzer: one OSC/UDP packet (--osc-port): decoded, then applied to the pen.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "input/osc.h"
#include "input/osc_source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<ns::input::OscMessage> messages;
  std::string error;
  if (!ns::input::decodeOscPacket(data, size, messages, error)) {
    if (error.empty()) __builtin_trap();
    return 0;
  }
  ns::input::PenSample pen;
  for (auto& message : messages) {
    if (ns::input::applyOscMessage(message, pen, error)) {
      // What is applied is finite and a unit axis: the simulation never sees NaN.
      if (!std::isfinite(pen.pos_mm.x) || !std::isfinite(pen.dir.z) || !std::isfinite(pen.depth_mm)) __builtin_trap();
      // ... and within the documented ranges (input/pen_sample.h, issue 31), the axis a unit.
      if (!ns::input::penSampleInRange(pen, error) || std::fabs(glm::length(pen.dir) - 1.0) > 1e-9) __builtin_trap();
    }
  }
  return 0;
}
