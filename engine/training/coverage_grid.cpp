#include "training/coverage_grid.h"

#include <algorithm>
#include <cmath>

namespace ns::training {

CoverageGrid patchCoverageGrid(double width_mm, const std::string& region, double cell_mm) {
  CoverageGrid g;
  g.nx = g.ny = std::max(1, int(std::round(width_mm / cell_mm)));
  g.patchHalfWidth_mm = width_mm / 2;
  g.cell_mm = width_mm / g.nx;
  double cell = width_mm / g.nx;
  g.area_mm2.assign(size_t(g.nx) * g.ny, float(cell * cell));
  g.region.assign(g.area_mm2.size(), 0);
  g.regionNames = {region};
  return g;
}

namespace {

// mm on the skin per unit of u and of v over triangle (a, b, c); false when its UVs
// are degenerate.
bool triangleJacobian(const scene::SurfaceMesh& m, uint32_t ia, uint32_t ib, uint32_t ic, glm::dvec2& perUv) {
  glm::dvec2 du1 = glm::dvec2(m.uvs[ib] - m.uvs[ia]), du2 = glm::dvec2(m.uvs[ic] - m.uvs[ia]);
  double det = du1.x * du2.y - du1.y * du2.x;
  if (std::fabs(det) < 1e-14) return false;
  glm::dvec3 e1 = glm::dvec3(m.positions[ib] - m.positions[ia]), e2 = glm::dvec3(m.positions[ic] - m.positions[ia]);
  glm::dvec3 dPdu = (e1 * du2.y - e2 * du1.y) / det, dPdv = (e2 * du1.x - e1 * du2.x) / det;
  perUv = {glm::length(dPdu), glm::length(dPdv)};
  return true;
}

}  // namespace

CoverageGrid coverageGrid(const scene::SkinSurface& skin, double cell_mm) {
  if (!skin.curved) return patchCoverageGrid(2 * skin.patchHalfWidth_mm, skin.patchRegion, cell_mm);
  const scene::SurfaceMesh& m = skin.mesh;
  CoverageGrid g;
  g.byUv = true;
  g.cell_mm = cell_mm;
  g.regionNames = m.regionNames;
  if (g.regionNames.empty()) g.regionNames = {"body"};
  if (m.uvs.empty()) return g;
  size_t regions = g.regionNames.size();
  auto regionOf = [&](uint32_t vertex) {
    return m.regions.empty() ? 0 : std::min<int>(int(m.regions[vertex]), int(regions) - 1);
  };
  // Each region's UV bounds and its area-weighted mean Jacobian.
  std::vector<glm::dvec2> lo(regions, glm::dvec2(1e9)), hi(regions, glm::dvec2(-1e9)), jacobian(regions, glm::dvec2(0.0));
  std::vector<double> weight(regions, 0.0);
  for (size_t t = 0; t + 2 < m.indices.size(); t += 3) {
    uint32_t ia = m.indices[t], ib = m.indices[t + 1], ic = m.indices[t + 2];
    int r = regionOf(ia);
    for (uint32_t v : {ia, ib, ic}) lo[r] = glm::min(lo[r], glm::dvec2(m.uvs[v])), hi[r] = glm::max(hi[r], glm::dvec2(m.uvs[v]));
    glm::dvec2 perUv;
    if (!triangleJacobian(m, ia, ib, ic, perUv)) continue;
    double area = 0.5 * glm::length(glm::cross(glm::dvec3(m.positions[ib] - m.positions[ia]),
                                               glm::dvec3(m.positions[ic] - m.positions[ia])));
    jacobian[r] += perUv * area;
    weight[r] += area;
  }
  g.charts.resize(regions);
  // On a mapped mesh "body" (scalp, linings) is never treated and gets no cells: its UV
  // bounds span the whole atlas (the head's islands, tools/make_face). A mesh that is
  // all "body" keeps it.
  bool mapped = std::any_of(m.regions.begin(), m.regions.end(), [](uint8_t r) { return r != 0; });
  for (size_t r = 0; r < regions; ++r) {
    RegionChart& c = g.charts[r];
    if (weight[r] <= 0 || (mapped && g.regionNames[r] == "body")) continue;
    glm::dvec2 perUv = jacobian[r] / weight[r];
    c.uv0 = lo[r];
    c.cellUv = cell_mm / glm::max(perUv, glm::dvec2(1e-9));
    c.nx = std::clamp(int(std::ceil((hi[r].x - lo[r].x) / c.cellUv.x)) + 1, 1, 4096);
    c.ny = std::clamp(int(std::ceil((hi[r].y - lo[r].y) / c.cellUv.y)) + 1, 1, 4096);
    c.cells.assign(size_t(c.nx) * c.ny, -1);
  }
  // Each triangle's area is spread over its region's cells: split into n² equal
  // sub-triangles (n from its size in cells), each sub-triangle's share to the cell
  // of its centroid. Twice: first to find the places that hold skin (numbered row by
  // row, region by region, as the dense grid had them), then to deposit.
  auto spread = [&](auto&& deposit) {
    for (size_t t = 0; t + 2 < m.indices.size(); t += 3) {
      uint32_t ia = m.indices[t], ib = m.indices[t + 1], ic = m.indices[t + 2];
      RegionChart& chart = g.charts[size_t(regionOf(ia))];
      if (chart.nx == 0) continue;
      auto inCells = [&](uint32_t v) { return (glm::dvec2(m.uvs[v]) - chart.uv0) / chart.cellUv; };
      glm::dvec2 a = inCells(ia), b = inCells(ib), c = inCells(ic);
      double extent = std::max({glm::length(b - a), glm::length(c - b), glm::length(a - c)});
      int n = std::clamp(int(std::ceil(extent)), 1, 32);
      auto at = [&](double i, double j) {  // barycentric steps along (b − a) and (c − a)
        glm::dvec2 p = a + (b - a) * (i / n) + (c - a) * (j / n);
        int x = std::clamp(int(p.x), 0, chart.nx - 1), y = std::clamp(int(p.y), 0, chart.ny - 1);
        deposit(chart, size_t(y * chart.nx + x), t, n, i, j);
      };
      for (int i = 0; i < n; ++i)
        for (int j = 0; i + j < n; ++j) {
          at(i + 1.0 / 3, j + 1.0 / 3);                     // upright sub-triangle
          if (i + j < n - 1) at(i + 2.0 / 3, j + 2.0 / 3);  // inverted one beside it
        }
    }
  };
  spread([](RegionChart& chart, size_t place, size_t, int, double, double) { chart.cells[place] = 0; });
  int cells = 0;
  for (size_t r = 0; r < regions; ++r)
    for (int& cell : g.charts[r].cells)
      if (cell == 0) {
        cell = cells++;
        g.region.push_back(int(r));
      }
  g.area_mm2.assign(size_t(cells), 0.0f);
  std::vector<glm::dvec3> moment(size_t(cells), glm::dvec3(0.0));  // Σ area × position, for the centroids
  spread([&](RegionChart& chart, size_t place, size_t t, int n, double i, double j) {
    uint32_t ia = m.indices[t], ib = m.indices[t + 1], ic = m.indices[t + 2];
    glm::dvec3 pa(m.positions[ia]), pb(m.positions[ib]), pc(m.positions[ic]);
    double area = 0.5 * glm::length(glm::cross(glm::dvec3(m.positions[ib] - m.positions[ia]),
                                               glm::dvec3(m.positions[ic] - m.positions[ia])));
    double share = area / double(n * n);
    size_t cell = size_t(chart.cells[place]);
    g.area_mm2[cell] += float(share);
    moment[cell] += share * (pa + (pb - pa) * (i / n) + (pc - pa) * (j / n));
  });
  g.centre_mm.resize(size_t(cells));
  for (size_t k = 0; k < size_t(cells); ++k)
    g.centre_mm[k] = g.area_mm2[k] > 0 ? glm::vec3(moment[k] / double(g.area_mm2[k])) : glm::vec3(0.0f);
  return g;
}

CoverageSpot coverageSpot(const CoverageGrid& g, const pen::Puncture& p) {
  CoverageSpot spot;
  if (g.byUv) {
    if (p.uvScale_mm.x <= 0 || p.uvScale_mm.y <= 0) return spot;  // a seam or a degenerate chart
    auto named = std::find(g.regionNames.begin(), g.regionNames.end(), p.region);
    if (named == g.regionNames.end() || g.charts.empty()) return spot;
    const RegionChart& c = g.charts[size_t(named - g.regionNames.begin())];
    glm::dvec2 at = (p.uv - c.uv0) / c.cellUv;
    // Written so that NaN falls outside too (int(NaN) would be an index anywhere).
    if (c.nx == 0 || !(at.x >= 0 && at.y >= 0 && at.x < c.nx && at.y < c.ny)) return spot;
    spot = {c.cells[size_t(int(at.y) * c.nx + int(at.x))], at, 0, c.nx, c.ny, &c, c.cellUv * p.uvScale_mm};
    if (spot.cell < 0) return spot;
  } else {
    if (g.nx <= 0 || g.ny <= 0) return spot;
    double u = (p.entry_mm.x + g.patchHalfWidth_mm) / (2 * g.patchHalfWidth_mm);
    double v = (p.entry_mm.y + g.patchHalfWidth_mm) / (2 * g.patchHalfWidth_mm);
    if (!(u >= 0 && v >= 0 && u < 1 && v < 1)) return spot;  // NaN too
    glm::dvec2 at{u * g.nx, v * g.ny};
    spot = {int(at.y) * g.nx + int(at.x), at, 0, g.nx, g.ny, nullptr, glm::dvec2(2 * g.patchHalfWidth_mm / g.nx)};
  }
  if (g.area_mm2[size_t(spot.cell)] <= 0) spot.cell = -1;
  return spot;
}

int coverageCell(const CoverageGrid& g, const pen::Puncture& p) { return coverageSpot(g, p).cell; }

int spotCell(const CoverageSpot& spot, int x, int y) {
  return spot.chart ? spot.chart->cells[size_t(y * spot.nx + x)] : spot.first + y * spot.nx + x;
}

}  // namespace ns::training
