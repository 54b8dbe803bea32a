#include "render/pen_mesh.h"

#include <algorithm>
#include <cmath>

#include "pen/cartridge.h"

namespace ns::render {
namespace {

constexpr int kSides = 24;
constexpr float kPi = 3.14159265f;

// A capped frustum along z around (cx, cy): radius r0 at z0, r1 at z1 (a cylinder
// when they are equal), its sides' normals tilted by the slope.
void addFrustum(SolidMesh& m, float cx, float cy, float r0, float r1, float z0, float z1, const float (&color)[4]) {
  auto vertex = [&](float x, float y, float z, float nx, float ny, float nz) {
    m.vertices.push_back({{cx + x, cy + y, z}, {nx, ny, nz}, {color[0], color[1], color[2], color[3]}});
  };
  uint32_t base = uint32_t(m.vertices.size());
  float slope = (r0 - r1) / std::max(z1 - z0, 1e-6f), norm = 1.0f / std::sqrt(1.0f + slope * slope);
  for (int i = 0; i <= kSides; ++i) {
    float a = 2.0f * kPi * float(i) / kSides, c = std::cos(a), s = std::sin(a);
    vertex(r0 * c, r0 * s, z0, c * norm, s * norm, slope * norm);
    vertex(r1 * c, r1 * s, z1, c * norm, s * norm, slope * norm);
  }
  for (int i = 0; i < kSides; ++i) {
    uint32_t a = base + 2 * i;
    for (uint32_t v : {a, a + 2, a + 1, a + 1, a + 2, a + 3}) m.indices.push_back(v);
  }
  for (int end = 0; end < 2; ++end) {  // caps
    float z = end ? z1 : z0, r = end ? r1 : r0, nz = end ? 1.0f : -1.0f;
    uint32_t centre = uint32_t(m.vertices.size());
    vertex(0, 0, z, 0, 0, nz);
    for (int i = 0; i <= kSides; ++i) {
      float a = 2.0f * kPi * float(i) / kSides;
      vertex(r * std::cos(a), r * std::sin(a), z, 0, 0, nz);
    }
    for (int i = 0; i < kSides; ++i)
      for (uint32_t v : {centre, centre + 1 + uint32_t(i), centre + 2 + uint32_t(i)}) m.indices.push_back(v);
  }
}

// Proportions of a microneedling pen (mm): a handpiece the size of a felt-tip marker
// (Dermapen: The Aesthetic Guide, Nov/Dec 2012), 16 mm across and 150 mm long as
// such barrels are; a clear cartridge narrowing from the barrel to a tip just wider
// than its needle array, its dial ring near the handpiece.
constexpr float kBarrelRadius = 8.0f, kBarrelTop = 150.0f;
constexpr float kCartridgeRadius = 5.0f, kCartridgeTop = 24.0f, kNoseTop = 10.0f;

}  // namespace

SolidMesh buildPenMesh(const scene::Pen& pen, double dial_mm, double needleOut_mm, bool tilted) {
  SolidMesh m;
  auto layout = pen::cartridgeLayout(pen);
  float span = 0;
  for (auto& n : layout) span = std::max(span, float(std::hypot(n.x, n.y)));
  float tip = std::min(span + 0.6f, kCartridgeRadius - 1.0f);
  // Cartridge: its tip on the skin (the pen's origin), a cone up to its collar;
  // clear, so the needles and the skin show through. Its dial ring shows the
  // setting (blue shallow .. red deep).
  const float clear[4] = {0.85f, 0.88f, 0.92f, 0.4f};
  addFrustum(m, 0, 0, tip, tip, 0.0f, 1.5f, clear);
  addFrustum(m, 0, 0, tip, kCartridgeRadius, 1.5f, kNoseTop, clear);
  addFrustum(m, 0, 0, kCartridgeRadius, kCartridgeRadius, kNoseTop, kCartridgeTop, clear);
  float t = float(std::clamp(dial_mm / std::max(pen.dial_max_mm, 1e-6), 0.0, 1.0));
  const float ring[4] = {0.15f + 0.8f * t, 0.35f * (1 - t) + 0.1f, 0.9f * (1 - t) + 0.1f, 0.85f};
  addFrustum(m, 0, 0, kCartridgeRadius + 0.2f, kCartridgeRadius + 0.2f, kCartridgeTop - 5.0f, kCartridgeTop - 3.0f, ring);
  // Handpiece: a shoulder up to the barrel; glassy (the shader), amber when tilted.
  const float body[4] = {tilted ? 0.9f : 0.55f, tilted ? 0.55f : 0.6f, tilted ? 0.15f : 0.68f, 0.5f};
  addFrustum(m, 0, 0, kCartridgeRadius + 0.5f, kBarrelRadius, kCartridgeTop, kCartridgeTop + 8.0f, body);
  addFrustum(m, 0, 0, kBarrelRadius, kBarrelRadius, kCartridgeTop + 8.0f, kBarrelTop, body);
  // Needles: out by the dial while striking.
  if (needleOut_mm > 0) {
    const float steel[4] = {0.75f, 0.75f, 0.8f, 1.0f};
    float r = float(pen.needle_diameter_um / 2000.0);
    for (auto& n : layout) addFrustum(m, float(n.x), float(n.y), r, r, -float(needleOut_mm), 0.0f, steel);
  }
  return m;
}

}  // namespace ns::render
