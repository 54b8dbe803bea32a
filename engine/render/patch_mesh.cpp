#include "render/patch_mesh.h"

#include <glm/glm.hpp>

namespace ns::render {
namespace {

void addQuad(PatchMesh& mesh, const float (&a)[3], const float (&b)[3], const float (&c)[3],
             const float (&d)[3], const float (&normal)[3]) {
  uint32_t base = static_cast<uint32_t>(mesh.vertices.size());
  for (const float* p : {a, b, c, d})
    mesh.vertices.push_back({{p[0], p[1], p[2]}, {normal[0], normal[1], normal[2]}, -p[2] * 1000.0f, {-1.0f, -1.0f}});
  // a, b, c, d counter-clockwise seen from outside the block.
  for (uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u}) mesh.indices.push_back(base + i);
}

// A cut face (a, b along the bottom, c above b, d above a) in `n` strips, each vertex
// on the patch's chart: the top edge rises with the skin's swelling, as the top
// face's vertices above it do (skin_patch.vert), so the cross-section shows it.
void addCutFace(PatchMesh& mesh, const float (&a)[3], const float (&b)[3], const float (&c)[3],
                const float (&d)[3], const float (&normal)[3], int n, float width_mm) {
  auto at = [&](const float (&from)[3], const float (&to)[3], float f) {
    glm::vec3 p = glm::mix(glm::vec3(from[0], from[1], from[2]), glm::vec3(to[0], to[1], to[2]), f);
    return PatchVertex{{p.x, p.y, p.z}, {normal[0], normal[1], normal[2]}, -p.z * 1000.0f,
                       {p.x / width_mm + 0.5f, p.y / width_mm + 0.5f}};
  };
  uint32_t base = static_cast<uint32_t>(mesh.vertices.size());
  for (int k = 0; k <= n; ++k) {
    float f = float(k) / float(n);
    mesh.vertices.push_back(at(a, b, f));  // bottom
    mesh.vertices.push_back(at(d, c, f));  // top
  }
  for (int k = 0; k < n; ++k) {
    uint32_t lo = base + 2 * k, hi = lo + 1, lo2 = lo + 2, hi2 = lo + 3;
    for (uint32_t i : {lo, lo2, hi2, lo, hi2, hi}) mesh.indices.push_back(i);
  }
}

}  // namespace

PatchMesh buildPatchMesh(const scene::Tissue& tissue, float width_mm, int surfaceDivisions) {
  PatchMesh mesh;
  float h = width_mm * 0.5f;
  float t = static_cast<float>(tissue.totalThickness_um() / 1000.0);
  mesh.halfWidth_mm = h;
  mesh.thickness_mm = t;

  // Top: a grid, so per-fragment detail has vertices to use, with the patch's UV
  // chart (u = x / width + 1/2, v = y / width + 1/2: scene::SkinSurface) for the
  // surface fields' atlas.
  int n = surfaceDivisions;
  for (int j = 0; j <= n; ++j)
    for (int i = 0; i <= n; ++i) {
      float x = -h + width_mm * float(i) / float(n);
      float y = -h + width_mm * float(j) / float(n);
      mesh.vertices.push_back({{x, y, 0.0f}, {0, 0, 1}, 0.0f, {float(i) / float(n), float(j) / float(n)}});
    }
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      uint32_t a = j * (n + 1) + i, b = a + 1, c = a + (n + 1) + 1, d = a + (n + 1);
      for (uint32_t v : {a, b, c, a, c, d}) mesh.indices.push_back(v);
    }

  // Cut faces (outward normals) and the bottom.
  addCutFace(mesh, {-h, -h, -t}, {h, -h, -t}, {h, -h, 0}, {-h, -h, 0}, {0, -1, 0}, n, width_mm);
  addCutFace(mesh, {h, -h, -t}, {h, h, -t}, {h, h, 0}, {h, -h, 0}, {1, 0, 0}, n, width_mm);
  addCutFace(mesh, {h, h, -t}, {-h, h, -t}, {-h, h, 0}, {h, h, 0}, {0, 1, 0}, n, width_mm);
  addCutFace(mesh, {-h, h, -t}, {-h, -h, -t}, {-h, -h, 0}, {-h, h, 0}, {-1, 0, 0}, n, width_mm);
  addQuad(mesh, {-h, h, -t}, {h, h, -t}, {h, -h, -t}, {-h, -h, -t}, {0, 0, -1});
  return mesh;
}

}  // namespace ns::render
