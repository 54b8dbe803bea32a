#include "training/coverage_grid.h"

#include <algorithm>
#include <cmath>

namespace ns::training {

CoverageGrid patchCoverageGrid(double width_mm, const std::string& region, double cell_mm) {
  CoverageGrid g;
  g.nx = g.ny = std::max(1, int(std::round(width_mm / cell_mm)));
  g.patchHalfWidth_mm = width_mm / 2;
  double cell = width_mm / g.nx;
  g.area_mm2.assign(size_t(g.nx) * g.ny, float(cell * cell));
  g.region.assign(g.area_mm2.size(), 0);
  g.regionNames = {region};
  return g;
}

CoverageGrid coverageGrid(const scene::SkinSurface& skin, double cell_mm) {
  if (!skin.curved) return patchCoverageGrid(2 * skin.patchHalfWidth_mm, skin.patchRegion, cell_mm);
  const scene::SurfaceMesh& m = skin.mesh;
  CoverageGrid g;
  g.byUv = true;
  g.regionNames = m.regionNames;
  glm::dvec2 stretch = scene::uvStretch_mm(m);
  if (m.uvs.empty() || stretch.x <= 0 || stretch.y <= 0) return g;
  g.nx = std::clamp(int(std::ceil(stretch.x / cell_mm)), 1, 4096);
  g.ny = std::clamp(int(std::ceil(stretch.y / cell_mm)), 1, 4096);
  g.area_mm2.assign(size_t(g.nx) * g.ny, 0.0f);
  g.region.assign(g.area_mm2.size(), -1);
  // Each triangle's area is spread over the cells it covers: split into n² equal
  // sub-triangles (n from its size in cells), each sub-triangle's share to the cell
  // of its centroid.
  for (size_t t = 0; t + 2 < m.indices.size(); t += 3) {
    uint32_t ia = m.indices[t], ib = m.indices[t + 1], ic = m.indices[t + 2];
    double area = 0.5 * glm::length(glm::cross(glm::dvec3(m.positions[ib] - m.positions[ia]),
                                               glm::dvec3(m.positions[ic] - m.positions[ia])));
    glm::dvec2 scale(g.nx, g.ny), a = glm::dvec2(m.uvs[ia]) * scale, b = glm::dvec2(m.uvs[ib]) * scale,
                                  c = glm::dvec2(m.uvs[ic]) * scale;
    double extent = std::max({glm::length(b - a), glm::length(c - b), glm::length(a - c)});
    int n = std::clamp(int(std::ceil(extent)), 1, 32);
    double share = area / double(n * n);
    int regionIndex = m.regions.empty() ? 0 : int(m.regions[ia]);
    auto deposit = [&](double i, double j) {  // barycentric steps along (b − a) and (c − a)
      glm::dvec2 at = a + (b - a) * (i / n) + (c - a) * (j / n);
      int x = std::clamp(int(at.x), 0, g.nx - 1), y = std::clamp(int(at.y), 0, g.ny - 1);
      size_t cell = size_t(y) * g.nx + x;
      g.area_mm2[cell] += float(share);
      if (g.region[cell] < 0) g.region[cell] = regionIndex;
    };
    for (int i = 0; i < n; ++i)
      for (int j = 0; i + j < n; ++j) {
        deposit(i + 1.0 / 3, j + 1.0 / 3);                       // upright sub-triangle
        if (i + j < n - 1) deposit(i + 2.0 / 3, j + 2.0 / 3);    // inverted one beside it
      }
  }
  return g;
}

int coverageCell(const CoverageGrid& g, const pen::Puncture& p) {
  if (g.nx <= 0 || g.ny <= 0) return -1;
  double u, v;
  if (g.byUv) {
    if (p.uvScale_mm.x <= 0 || p.uvScale_mm.y <= 0) return -1;  // a seam or a degenerate chart
    u = p.uv.x, v = p.uv.y;
  } else {
    u = (p.entry_mm.x + g.patchHalfWidth_mm) / (2 * g.patchHalfWidth_mm);
    v = (p.entry_mm.y + g.patchHalfWidth_mm) / (2 * g.patchHalfWidth_mm);
  }
  if (u < 0 || v < 0 || u >= 1 || v >= 1) return -1;
  int cell = int(std::floor(v * g.ny)) * g.nx + int(std::floor(u * g.nx));
  return g.area_mm2[size_t(cell)] > 0 ? cell : -1;
}

}  // namespace ns::training
