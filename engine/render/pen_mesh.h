#pragma once
// The pen as geometry in its own frame: the needle tips at the origin, the axis
// along −z (into the skin), millimetres. A translucent body, a translucent cartridge
// with a dial ring whose colour shows the depth setting, and the needles, which
// stick out by the dial depth while the motor strikes.
#include <cstdint>
#include <vector>

#include "scene/scene.h"

namespace ns::render {

struct SolidVertex {
  float position[3];
  float normal[3];
  float color[4];
};

struct SolidMesh {
  std::vector<SolidVertex> vertices;
  std::vector<uint32_t> indices;
};

// `needleOut_mm` is how far the needles show beyond the tip (0 when retracted).
SolidMesh buildPenMesh(const scene::Pen& pen, double dial_mm, double needleOut_mm, bool tilted);

}  // namespace ns::render
