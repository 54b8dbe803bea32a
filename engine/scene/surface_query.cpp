#include "scene/surface_query.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ns::scene {
namespace {

constexpr double kPi = 3.14159265358979323846;

glm::dvec3 corner(const SurfaceMesh& m, uint32_t triangle, int k) { return glm::dvec3(m.positions[m.indices[3 * triangle + k]]); }

// Möller–Trumbore, both sides; t and barycentrics (b1, b2) of the hit.
bool intersect(const SurfaceMesh& m, uint32_t tri, glm::dvec3 o, glm::dvec3 d, double& t, double& b1, double& b2) {
  glm::dvec3 p0 = corner(m, tri, 0), e1 = corner(m, tri, 1) - p0, e2 = corner(m, tri, 2) - p0;
  glm::dvec3 h = glm::cross(d, e2);
  double det = glm::dot(e1, h);
  if (std::fabs(det) < 1e-14) return false;
  double inv = 1.0 / det;
  glm::dvec3 s = o - p0;
  b1 = glm::dot(s, h) * inv;
  if (b1 < 0.0 || b1 > 1.0) return false;
  glm::dvec3 q = glm::cross(s, e1);
  b2 = glm::dot(d, q) * inv;
  if (b2 < 0.0 || b1 + b2 > 1.0) return false;
  t = glm::dot(e2, q) * inv;
  return true;
}

void fillHit(const SurfaceMesh& m, uint32_t tri, double t, double b1, double b2, glm::dvec3 o, glm::dvec3 d,
             SurfaceHit& hit) {
  const uint32_t* v = &m.indices[3 * tri];
  double w[3] = {1.0 - b1 - b2, b1, b2};
  hit.distance = t;
  hit.point = o + d * t;
  hit.triangle = tri;
  glm::dvec3 n(0.0);
  for (int k = 0; k < 3; ++k) n += w[k] * glm::dvec3(m.normals[v[k]]);
  glm::dvec3 face = glm::cross(corner(m, tri, 1) - corner(m, tri, 0), corner(m, tri, 2) - corner(m, tri, 0));
  if (glm::length(n) < 1e-9) n = face;
  n = glm::normalize(n);
  if (glm::dot(n, d) > 0) n = -n;  // the side the ray comes from
  hit.normal = n;
  int nearest = w[0] >= w[1] && w[0] >= w[2] ? 0 : w[1] >= w[2] ? 1 : 2;
  hit.region = m.regions.empty() ? 0 : m.regions[v[nearest]];
  hit.uvValid = false;
  hit.uv = glm::dvec2(-1.0);
  if (m.uvs.empty()) return;
  glm::dvec2 t0(m.uvs[v[0]]), t1(m.uvs[v[1]]), t2(m.uvs[v[2]]);
  hit.uv = w[0] * t0 + w[1] * t1 + w[2] * t2;
  // The chart's Jacobian: [e1 e2] = [dPdu dPdv]·[du1 du2; dv1 dv2].
  glm::dvec2 d1 = t1 - t0, d2 = t2 - t0;
  double det = d1.x * d2.y - d2.x * d1.y;
  bool seam = std::max({std::fabs(d1.x), std::fabs(d2.x), std::fabs(d1.y), std::fabs(d2.y)}) > 0.25;
  if (std::fabs(det) < 1e-14 || seam) return;
  glm::dvec3 e1 = corner(m, tri, 1) - corner(m, tri, 0), e2 = corner(m, tri, 2) - corner(m, tri, 0);
  hit.dPdu = (e1 * d2.y - e2 * d1.y) / det;
  hit.dPdv = (e2 * d1.x - e1 * d2.x) / det;
  hit.uvValid = true;
}

}  // namespace

SurfaceIndex buildSurfaceIndex(const SurfaceMesh& m) {
  SurfaceIndex index;
  glm::dvec3 lo(m.boundsMin), hi(m.boundsMax);
  glm::dvec3 extent = glm::max(hi - lo, glm::dvec3(1e-6));
  size_t triangles = m.indices.size() / 3;
  // About two triangles per occupied cell along the surface.
  double longest = std::max({extent.x, extent.y, extent.z});
  int along = std::clamp(int(std::cbrt(double(triangles)) * 1.5), 1, 256);
  index.cell_mm = longest / along;
  index.origin = lo - glm::dvec3(index.cell_mm * 0.01);
  index.cells = glm::max(glm::ivec3(glm::ceil((extent + index.cell_mm * 0.02) / index.cell_mm)), glm::ivec3(1));
  size_t cellCount = size_t(index.cells.x) * index.cells.y * index.cells.z;
  auto cellRange = [&](uint32_t tri, glm::ivec3& a, glm::ivec3& b) {
    glm::dvec3 p0 = corner(m, tri, 0), p1 = corner(m, tri, 1), p2 = corner(m, tri, 2);
    glm::dvec3 mn = glm::min(p0, glm::min(p1, p2)), mx = glm::max(p0, glm::max(p1, p2));
    a = glm::clamp(glm::ivec3(glm::floor((mn - index.origin) / index.cell_mm)), glm::ivec3(0), index.cells - 1);
    b = glm::clamp(glm::ivec3(glm::floor((mx - index.origin) / index.cell_mm)), glm::ivec3(0), index.cells - 1);
  };
  auto cellOf = [&](int x, int y, int z) { return (size_t(z) * index.cells.y + y) * index.cells.x + x; };
  std::vector<uint32_t> counts(cellCount + 1, 0);
  for (uint32_t tri = 0; tri < triangles; ++tri) {
    glm::ivec3 a, b;
    cellRange(tri, a, b);
    for (int z = a.z; z <= b.z; ++z)
      for (int y = a.y; y <= b.y; ++y)
        for (int x = a.x; x <= b.x; ++x) counts[cellOf(x, y, z) + 1]++;
  }
  for (size_t c = 0; c < cellCount; ++c) counts[c + 1] += counts[c];
  index.start = counts;
  index.triangles.resize(counts[cellCount]);
  for (uint32_t tri = 0; tri < triangles; ++tri) {
    glm::ivec3 a, b;
    cellRange(tri, a, b);
    for (int z = a.z; z <= b.z; ++z)
      for (int y = a.y; y <= b.y; ++y)
        for (int x = a.x; x <= b.x; ++x) index.triangles[counts[cellOf(x, y, z)]++] = tri;
  }
  return index;
}

bool raycastSurface(const SurfaceMesh& m, const SurfaceIndex& index, glm::dvec3 o, glm::dvec3 d, double maxDistance,
                    SurfaceHit& hit) {
  if (index.start.empty() || glm::length(d) < 1e-12) return false;
  d = glm::normalize(d);
  // Clip the ray to the grid's box (slabs).
  glm::dvec3 boxLo = index.origin, boxHi = index.origin + glm::dvec3(index.cells) * index.cell_mm;
  double t0 = 0.0, t1 = maxDistance;
  for (int a = 0; a < 3; ++a) {
    if (std::fabs(d[a]) < 1e-15) {
      if (o[a] < boxLo[a] || o[a] > boxHi[a]) return false;
      continue;
    }
    double ta = (boxLo[a] - o[a]) / d[a], tb = (boxHi[a] - o[a]) / d[a];
    t0 = std::max(t0, std::min(ta, tb));
    t1 = std::min(t1, std::max(ta, tb));
  }
  if (t0 > t1) return false;
  // Walk the cells the ray crosses in order (Amanatides & Woo); stop once the
  // nearest hit so far lies before the cell being left.
  glm::dvec3 entry = o + d * t0;
  glm::ivec3 cell = glm::clamp(glm::ivec3(glm::floor((entry - index.origin) / index.cell_mm)), glm::ivec3(0), index.cells - 1);
  glm::ivec3 step;
  glm::dvec3 next, delta;
  for (int a = 0; a < 3; ++a) {
    step[a] = d[a] > 0 ? 1 : -1;
    double boundary = index.origin[a] + (cell[a] + (d[a] > 0 ? 1 : 0)) * index.cell_mm;
    next[a] = std::fabs(d[a]) < 1e-15 ? std::numeric_limits<double>::infinity() : (boundary - o[a]) / d[a];
    delta[a] = std::fabs(d[a]) < 1e-15 ? std::numeric_limits<double>::infinity() : index.cell_mm / std::fabs(d[a]);
  }
  double best = std::numeric_limits<double>::infinity();
  uint32_t bestTri = 0;
  double bestB1 = 0, bestB2 = 0;
  while (true) {
    size_t c = (size_t(cell.z) * index.cells.y + cell.y) * index.cells.x + cell.x;
    for (uint32_t k = index.start[c]; k < index.start[c + 1]; ++k) {
      double t, b1, b2;
      uint32_t tri = index.triangles[k];
      if (intersect(m, tri, o, d, t, b1, b2) && t >= 0.0 && t <= maxDistance && t < best)
        best = t, bestTri = tri, bestB1 = b1, bestB2 = b2;
    }
    int a = next.x < next.y ? (next.x < next.z ? 0 : 2) : (next.y < next.z ? 1 : 2);
    double leave = next[a];
    if (best <= leave || leave > t1) break;
    cell[a] += step[a];
    if (cell[a] < 0 || cell[a] >= index.cells[a]) break;
    next[a] += delta[a];
  }
  if (!std::isfinite(best)) return false;
  fillHit(m, bestTri, best, bestB1, bestB2, o, d, hit);
  return true;
}

bool surfaceUnderPen(const SurfaceMesh& m, const SurfaceIndex& index, glm::dvec3 tip, glm::dvec3 axis,
                     SurfaceHit& hit) {
  // Ahead of the tip (a hovering pen) up to 30 mm, behind it (pressed in) up to 5 mm:
  // the skin nearest the tip, so a brow or rim further up the pen never wins.
  constexpr double kAhead_mm = 30.0, kBehind_mm = 5.0;
  glm::dvec3 a = glm::normalize(axis);
  SurfaceHit ahead, behind;
  bool foundAhead = raycastSurface(m, index, tip, a, kAhead_mm, ahead);
  bool foundBehind = raycastSurface(m, index, tip, -a, kBehind_mm, behind);
  if (!foundAhead && !foundBehind) return false;
  if (foundBehind) behind.distance = -behind.distance;  // < 0: the tip is in the skin
  hit = !foundBehind || (foundAhead && ahead.distance < -behind.distance) ? ahead : behind;
  if (glm::dot(hit.normal, a) > 0) hit.normal = -hit.normal;  // out of the skin, towards the pen
  return true;
}

SurfaceFrame skinFrame(glm::dvec3 point, glm::dvec3 normal) {
  SurfaceFrame f;
  f.origin = point;
  f.n = glm::normalize(normal);
  glm::dvec3 t = glm::cross(f.n, glm::dvec3(0, 0, 1));
  // Skin facing (within ~3°) straight up or down has no horizontal: x projected.
  if (glm::length(t) < 0.05) t = glm::dvec3(1, 0, 0) - f.n * f.n.x;
  f.t = glm::normalize(t);
  f.b = glm::cross(f.n, f.t);
  return f;
}

SurfaceFrame frameAt(const SurfaceHit& hit) { return skinFrame(hit.point, hit.normal); }

glm::dvec3 directionToFrame(const SurfaceFrame& f, glm::dvec3 d) { return {glm::dot(d, f.t), glm::dot(d, f.b), glm::dot(d, f.n)}; }
glm::dvec3 toFrame(const SurfaceFrame& f, glm::dvec3 p) { return directionToFrame(f, p - f.origin); }
glm::dvec3 directionFromFrame(const SurfaceFrame& f, glm::dvec3 d) { return f.t * d.x + f.b * d.y + f.n * d.z; }
glm::dvec3 fromFrame(const SurfaceFrame& f, glm::dvec3 p) { return f.origin + directionFromFrame(f, p); }

glm::dvec2 uvNear(const SurfaceHit& hit, glm::dvec3 worldPoint) {
  if (!hit.uvValid) return hit.uv;
  // Least squares: offset ≈ dPdu·Δu + dPdv·Δv.
  glm::dvec3 offset = worldPoint - hit.point;
  double uu = glm::dot(hit.dPdu, hit.dPdu), uv = glm::dot(hit.dPdu, hit.dPdv), vv = glm::dot(hit.dPdv, hit.dPdv);
  double det = uu * vv - uv * uv;
  if (std::fabs(det) < 1e-18) return hit.uv;
  double ou = glm::dot(offset, hit.dPdu), ov = glm::dot(offset, hit.dPdv);
  return hit.uv + glm::dvec2(vv * ou - uv * ov, uu * ov - uv * ou) / det;
}

glm::dvec2 uvStretch_mm(const SurfaceMesh& m) {
  if (m.uvs.empty()) return {0, 0};
  // Area-weighted medians: a few stretched triangles (near a chart's pole, say) must
  // not set the scale of the whole skin.
  std::vector<std::pair<double, double>> alongU, alongV;  // (stretch, area)
  double area = 0;
  // Over the skin a trainee may touch: a mapped mesh's "body" (scalp, hidden linings)
  // may sit on islands packed smaller (tools/make_face) and must not coarsen the
  // atlas over the face; a mesh that is all "body" is measured whole.
  bool mapped = std::any_of(m.regions.begin(), m.regions.end(), [](uint8_t r) { return r != 0; });
  for (size_t t = 0; t < m.indices.size() / 3; ++t) {
    const uint32_t* v = &m.indices[3 * t];
    if (mapped && m.regions[v[0]] == 0 && m.regions[v[1]] == 0 && m.regions[v[2]] == 0) continue;
    glm::dvec3 e1 = glm::dvec3(m.positions[v[1]] - m.positions[v[0]]), e2 = glm::dvec3(m.positions[v[2]] - m.positions[v[0]]);
    glm::dvec2 d1 = glm::dvec2(m.uvs[v[1]] - m.uvs[v[0]]), d2 = glm::dvec2(m.uvs[v[2]] - m.uvs[v[0]]);
    double det = d1.x * d2.y - d2.x * d1.y;
    if (std::fabs(det) < 1e-14 || std::max({std::fabs(d1.x), std::fabs(d2.x), std::fabs(d1.y), std::fabs(d2.y)}) > 0.25) continue;
    double a = 0.5 * glm::length(glm::cross(e1, e2));
    alongU.push_back({glm::length((e1 * d2.y - e2 * d1.y) / det), a});
    alongV.push_back({glm::length((e2 * d1.x - e1 * d2.x) / det), a});
    area += a;
  }
  if (area <= 0) return {0, 0};
  auto median = [&](std::vector<std::pair<double, double>>& values) {
    std::sort(values.begin(), values.end());
    double seen = 0;
    for (auto& [value, weight] : values)
      if ((seen += weight) >= area / 2) return value;
    return values.back().first;
  };
  return {median(alongU), median(alongV)};
}

glm::ivec2 uvAtlasSize(const SurfaceMesh& m, double texel_mm, long long maxTexels) {
  glm::dvec2 stretch = uvStretch_mm(m);
  if (stretch.x <= 0 || stretch.y <= 0) return {0, 0};
  glm::dvec2 size = glm::ceil(stretch / texel_mm);
  double shrink = std::sqrt(std::max(1.0, size.x * size.y / double(maxTexels)));
  return glm::max(glm::ivec2(glm::floor(size / shrink)), glm::ivec2(16));
}

double windingAgreement(const SurfaceMesh& m) {
  size_t triangles = m.indices.size() / 3, agree = 0;
  for (size_t t = 0; t < triangles; ++t) {
    const uint32_t* v = &m.indices[3 * t];
    glm::vec3 face = glm::cross(m.positions[v[1]] - m.positions[v[0]], m.positions[v[2]] - m.positions[v[0]]);
    agree += glm::dot(face, m.normals[v[0]] + m.normals[v[1]] + m.normals[v[2]]) > 0.0f;
  }
  return triangles ? double(agree) / double(triangles) : 0.0;
}

void generateSphericalUvs(SurfaceMesh& m) {
  glm::vec3 centre = 0.5f * (m.boundsMin + m.boundsMax);
  m.uvs.resize(m.positions.size());
  for (size_t i = 0; i < m.positions.size(); ++i) {
    glm::dvec3 d = glm::dvec3(m.positions[i] - centre);
    double r = glm::length(d);
    double u = std::atan2(d.x, d.y) / (2 * kPi) + 0.5;
    double v = r > 1e-12 ? std::asin(std::clamp(d.z / r, -1.0, 1.0)) / kPi + 0.5 : 0.5;
    m.uvs[i] = glm::vec2(float(u), float(v));
  }
}

float fitToMillimetres(SurfaceMesh& m) {
  float radius = 0.5f * glm::length(m.boundsMax - m.boundsMin);
  if (!(radius > 0.0f) || (radius >= 5.0f && radius <= 500.0f)) return 1.0f;
  float scale = 30.0f / radius;
  for (auto& p : m.positions) p *= scale;
  m.boundsMin *= scale;
  m.boundsMax *= scale;
  return scale;
}

}  // namespace ns::scene
