#include "render/pen_mesh.h"

#include <algorithm>
#include <cmath>

#include "pen/cartridge.h"

namespace ns::render {
namespace {

constexpr int kSides = 24;

// A capped cylinder along z from z0 to z1 around (cx, cy).
void addCylinder(SolidMesh& m, float cx, float cy, float radius, float z0, float z1, const float (&color)[4]) {
  uint32_t base = uint32_t(m.vertices.size());
  for (int i = 0; i <= kSides; ++i) {
    float a = 2.0f * 3.14159265f * float(i) / kSides, c = std::cos(a), s = std::sin(a);
    for (float z : {z0, z1})
      m.vertices.push_back({{cx + radius * c, cy + radius * s, z}, {c, s, 0}, {color[0], color[1], color[2], color[3]}});
  }
  for (int i = 0; i < kSides; ++i) {
    uint32_t a = base + 2 * i;
    for (uint32_t v : {a, a + 2, a + 1, a + 1, a + 2, a + 3}) m.indices.push_back(v);
  }
  for (float z : {z0, z1}) {  // caps
    uint32_t centre = uint32_t(m.vertices.size());
    float nz = z == z1 ? 1.0f : -1.0f;
    m.vertices.push_back({{cx, cy, z}, {0, 0, nz}, {color[0], color[1], color[2], color[3]}});
    for (int i = 0; i <= kSides; ++i) {
      float a = 2.0f * 3.14159265f * float(i) / kSides;
      m.vertices.push_back({{cx + radius * std::cos(a), cy + radius * std::sin(a), z}, {0, 0, nz},
                            {color[0], color[1], color[2], color[3]}});
    }
    for (int i = 0; i < kSides; ++i)
      for (uint32_t v : {centre, centre + 1 + i, centre + 2 + i}) m.indices.push_back(v);
  }
}

}  // namespace

SolidMesh buildPenMesh(const scene::Pen& pen, double dial_mm, double needleOut_mm, bool tilted) {
  SolidMesh m;
  auto layout = pen::cartridgeLayout(pen);
  float span = 0;
  for (auto& n : layout) span = std::max(span, float(std::hypot(n.x, n.y)));
  float cartridge = span + 0.8f;
  // Cartridge: from the tip plane up 6 mm, white; its dial ring shows the setting
  // (blue shallow .. red deep).
  const float white[4] = {0.85f, 0.86f, 0.88f, 0.45f};  // translucent: the skin under it stays visible
  addCylinder(m, 0, 0, cartridge, 0.0f, 6.0f, white);
  float t = float(std::clamp(dial_mm / std::max(pen.dial_max_mm, 1e-6), 0.0, 1.0));
  const float ring[4] = {0.15f + 0.8f * t, 0.35f * (1 - t) + 0.1f, 0.9f * (1 - t) + 0.1f, 0.85f};
  addCylinder(m, 0, 0, cartridge + 0.15f, 4.0f, 5.0f, ring);
  // Body: translucent, so the skin under the pen stays visible; amber when tilted.
  const float body[4] = {tilted ? 0.9f : 0.35f, tilted ? 0.55f : 0.38f, tilted ? 0.15f : 0.45f, 0.2f};
  addCylinder(m, 0, 0, 7.0f, 6.0f, 60.0f, body);
  // Needles: out by the dial while striking.
  if (needleOut_mm > 0) {
    const float steel[4] = {0.75f, 0.75f, 0.8f, 1.0f};
    float r = float(pen.needle_diameter_um / 2000.0);
    for (auto& n : layout) addCylinder(m, float(n.x), float(n.y), r, -float(needleOut_mm), 0.0f, steel);
  }
  return m;
}

}  // namespace ns::render
