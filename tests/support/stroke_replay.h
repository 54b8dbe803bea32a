#pragma once
// Replay text for CLI tests: straight passes through the middle of the patch, 3 mm
// long along each direction (61 contact samples 6 ms apart: about 8 mm/s), the
// pen lifted between them (`lift_mm` above the skin), and a last lifted sample
// `tail_s` after the last pass.
#include <glm/glm.hpp>

#include <string>
#include <vector>

#include "input/replay.h"

namespace ns::test {

inline std::string strokesFrom(double t0, const std::vector<glm::dvec2>& directions, double dial_mm = 0.75,
                               double lift_mm = 3.0, double tail_s = 2.0) {
  input::PenSample s;
  s.dir = {0, 0, -1};
  s.depth_mm = dial_mm;
  std::string text;
  double t = t0;
  auto add = [&](glm::dvec2 p, bool contact) {
    s.t_s = t;
    s.pos_mm = {p.x, p.y, contact ? 0.0 : lift_mm};
    s.contact = contact;
    text += input::replayLine(s) + "\n";
  };
  for (glm::dvec2 d : directions) {
    add(-d * 1.5, false);
    for (int i = 0; i <= 60; ++i, t += 0.006) add(-d * 1.5 + d * (3.0 * i / 60), true);
    add(d * 1.5, false);
    t += 0.3;
  }
  t += tail_s;
  add({0, 0}, false);
  return text;
}

}  // namespace ns::test
