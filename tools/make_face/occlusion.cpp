#include "occlusion.h"

#include <cmath>

#include "scene/surface_query.h"

namespace ns::tools {

void bakeOcclusion(Mesh& mesh, float reach_mm, int rays) {
  scene::SurfaceMesh head;
  head.positions = mesh.positions;
  head.normals = mesh.normals;
  head.indices = mesh.indices;
  head.regions.assign(mesh.positions.size(), 0);
  head.regionNames = {"head"};
  head.boundsMin = head.boundsMax = mesh.positions.front();
  for (auto& p : mesh.positions) head.boundsMin = glm::min(head.boundsMin, p), head.boundsMax = glm::max(head.boundsMax, p);
  scene::SurfaceIndex index = scene::buildSurfaceIndex(head);
  // Cosine-weighted directions about +z (Hammersley points on the disc, lifted to
  // the hemisphere: Malley's method), the same for every vertex.
  std::vector<glm::dvec3> local(static_cast<size_t>(rays));
  for (int i = 0; i < rays; ++i) {
    unsigned bits = unsigned(i);
    bits = (bits << 16u) | (bits >> 16u);
    bits = ((bits & 0x55555555u) << 1u) | ((bits & 0xAAAAAAAAu) >> 1u);
    bits = ((bits & 0x33333333u) << 2u) | ((bits & 0xCCCCCCCCu) >> 2u);
    bits = ((bits & 0x0F0F0F0Fu) << 4u) | ((bits & 0xF0F0F0F0u) >> 4u);
    bits = ((bits & 0x00FF00FFu) << 8u) | ((bits & 0xFF00FF00u) >> 8u);
    double r = std::sqrt((i + 0.5) / rays), phi = 2.0 * 3.14159265358979 * double(bits) * 2.3283064365386963e-10;
    local[size_t(i)] = {r * std::cos(phi), r * std::sin(phi), std::sqrt(std::max(0.0, 1.0 - r * r))};
  }
  mesh.occlusion.assign(mesh.positions.size(), 0.0f);
  for (size_t v = 0; v < mesh.positions.size(); ++v) {
    glm::dvec3 n = glm::normalize(glm::dvec3(mesh.normals[v]));
    glm::dvec3 helper = std::fabs(n.z) < 0.9 ? glm::dvec3(0, 0, 1) : glm::dvec3(1, 0, 0);
    glm::dvec3 t = glm::normalize(glm::cross(helper, n)), b = glm::cross(n, t);
    glm::dvec3 from = glm::dvec3(mesh.positions[v]) + n * 0.05;  // off the skin, past its own triangles
    double hidden = 0;
    for (const glm::dvec3& d : local) {
      scene::SurfaceHit hit;
      glm::dvec3 dir = t * d.x + b * d.y + n * d.z;
      if (scene::raycastSurface(head, index, from, dir, reach_mm, hit)) {
        double x = hit.distance / reach_mm;
        hidden += 1.0 - x * x;
      }
    }
    mesh.occlusion[v] = float(hidden / rays);
  }
}

}  // namespace ns::tools
