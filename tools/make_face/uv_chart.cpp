#include "uv_chart.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "scene/surface_query.h"

namespace ns::tools {
namespace {

const glm::vec3 kCentre(0.0f, -5.0f, -10.0f);  // inside the head: every ray leaves the outer skin once
constexpr float kR0_mm = 100.0f;                // chart mm per radian from straight ahead (the face is ~100 mm out)
constexpr float kPi = 3.14159265f;
constexpr float kKeep = 115.0f * kPi / 180.0f;  // distances kept to here (the neck's back is at ~112°)
constexpr float kBack = 140.0f * kPi / 180.0f;  // beyond: the back of the head, islands
constexpr float kIslandCone = 0.57f;            // cos 55°: an island's triangles face within 55° of its seed
constexpr float kGap_mm = 3.0f;                 // between packed pieces (the shader's 0.5 mm blur stays inside)
constexpr float kTolerance_mm = 1e-5f;          // overlap that counts (the asset's check, in UV, allows 6e-5 mm)

float angleFromFront(glm::vec3 p) { return std::acos(std::clamp(glm::normalize(p - kCentre).y, -1.0f, 1.0f)); }

// ∫ smoothstep(x0, x0 + width, t) dt from x0 to x: a rate that ramps up smoothly.
float rampIntegral(float x, float x0, float width) {
  if (x <= x0) return 0.0f;
  if (x >= x0 + width) return 0.5f * width + (x - x0 - width);
  float t = (x - x0) / width;
  return width * (t * t * t - 0.5f * t * t * t * t);
}

// The neck (and the chin above it) is seen nearly edge-on from the chart's centre: at
// one chart mm per 0.01 rad its skin ran 1.2–1.8 mm per chart mm down the front and
// 3–4.6 at the nape (past 115°, where distances were halved), against 0.9 on the
// cheeks — texels of 0.50 mm along v. Looking down (`down` 1 below the face, 0 to the
// sides and above), the radius grows faster from the chin on (+50 % from 45° to 65°)
// and again past the neck's side (+100 % from 105°), and is not halved beyond kKeep.
// For each direction across, the radius still grows with the angle, so the chart stays
// one piece without folds; `down` varies smoothly round the face, so nothing shears.
constexpr float kDeg = kPi / 180.0f;
constexpr float kChinRise = 0.3f, kNapeRise = 0.6f;
float neckRadius(float theta, float down) {
  float base = theta <= kKeep ? theta : kKeep + 0.5f * (theta - kKeep);
  float neck = theta + kChinRise * rampIntegral(theta, 45.0f * kDeg, 20.0f * kDeg) +
               kNapeRise * rampIntegral(theta, 105.0f * kDeg, 15.0f * kDeg);
  return base + down * (neck - base);
}

// Mirrored in x so triangles facing out wind counter-clockwise in the chart.
glm::vec2 faceChart(glm::vec3 p) {
  glm::vec3 d = glm::normalize(p - kCentre);
  float theta = std::acos(std::clamp(d.y, -1.0f, 1.0f));
  glm::vec2 across(-d.x, d.z);
  float l = glm::length(across);
  if (l <= 1e-7f) return glm::vec2(0.0f);
  float t = std::clamp((-across.y / l - 0.35f) / 0.5f, 0.0f, 1.0f);  // down: from 0.35 to 0.85 of the way straight down
  float rho = neckRadius(theta, t * t * (3.0f - 2.0f * t));
  return kR0_mm * rho * across / l;
}

float signedArea(glm::vec2 a, glm::vec2 b, glm::vec2 c) { return 0.5f * ((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)); }

// Separating axes: the triangles overlap when no edge normal of either separates
// them by more than -tolerance (touching along a shared edge is not overlap).
bool overlap(const glm::vec2* a, const glm::vec2* b, float tolerance) {
  for (const glm::vec2* tri : {a, b})
    for (int k = 0; k < 3; ++k) {
      glm::dvec2 e = glm::dvec2(tri[(k + 1) % 3]) - glm::dvec2(tri[k]), n(-e.y, e.x);
      double minA = 1e300, maxA = -1e300, minB = 1e300, maxB = -1e300;
      for (int i = 0; i < 3; ++i) {
        double pa = glm::dot(n, glm::dvec2(a[i])), pb = glm::dot(n, glm::dvec2(b[i]));
        minA = std::min(minA, pa), maxA = std::max(maxA, pa), minB = std::min(minB, pb), maxB = std::max(maxB, pb);
      }
      double len = glm::length(n);
      if (len < 1e-30) continue;
      if ((std::min(maxA, maxB) - std::max(minA, minB)) / len <= tolerance) return false;
    }
  return true;
}

// Pairs of overlapping triangles among `triangles`, their corners at corner[3t + k].
std::vector<std::pair<size_t, size_t>> overlapsOf(const std::vector<glm::vec2>& corner,
                                                  const std::vector<size_t>& triangles, float cell, float tolerance) {
  std::unordered_map<long long, std::vector<size_t>> grid;
  auto key = [](long long x, long long y) { return (x << 32) ^ (y & 0xffffffffll); };
  std::set<std::pair<size_t, size_t>> found;
  for (size_t t : triangles) {
    const glm::vec2* c = &corner[3 * t];
    glm::vec2 lo = glm::min(glm::min(c[0], c[1]), c[2]), hi = glm::max(glm::max(c[0], c[1]), c[2]);
    for (long long x = (long long)std::floor(lo.x / cell); x <= (long long)std::floor(hi.x / cell); ++x)
      for (long long y = (long long)std::floor(lo.y / cell); y <= (long long)std::floor(hi.y / cell); ++y) {
        auto& list = grid[key(x, y)];
        for (size_t other : list)
          if (overlap(c, &corner[3 * other], tolerance)) found.insert({std::min(t, other), std::max(t, other)});
        list.push_back(t);
      }
  }
  return {found.begin(), found.end()};
}

struct Piece {
  std::vector<size_t> triangles;
  int group = 2;  // packing order: the eyes' islands (0), the ears' (1), the rest (2)
  glm::vec2 lo{1e30f}, hi{-1e30f};
  glm::vec2 offset{0.0f};  // where its lower corner goes in the packed rectangle
};

// Packed on a 1 mm grid: the face's chart first, in the corner; then each island,
// largest first, at the first place (row by row) where its cells (every triangle's
// box, grown by the gap) are free: into the disc's corners and the room below the
// neck before the rectangle grows. The rectangle is as wide as the face's chart.
glm::vec2 pack(std::vector<Piece>& pieces, const std::vector<glm::vec2>& corner) {
  constexpr float kCell_mm = 1.0f;
  const int grow = int(std::ceil(0.5f * kGap_mm / kCell_mm));
  auto cellsOf = [&](const Piece& piece) {
    std::vector<glm::ivec2> cells;
    glm::ivec2 size = glm::ivec2(glm::ceil((piece.hi - piece.lo) / kCell_mm)) + 2 * grow + 1;
    std::vector<uint8_t> mark(size_t(size.x) * size.y, 0);
    for (size_t t : piece.triangles) {
      const glm::vec2* c = &corner[3 * t];
      glm::vec2 lo = (glm::min(glm::min(c[0], c[1]), c[2]) - piece.lo) / kCell_mm;
      glm::vec2 hi = (glm::max(glm::max(c[0], c[1]), c[2]) - piece.lo) / kCell_mm;
      for (int y = int(lo.y); y <= int(hi.y) + 2 * grow; ++y)
        for (int x = int(lo.x); x <= int(hi.x) + 2 * grow; ++x) mark[size_t(y) * size.x + x] = 1;
    }
    glm::ivec2 middle = size / 2;
    for (int y = 0; y < size.y; ++y)
      for (int x = 0; x < size.x; ++x)
        if (mark[size_t(y) * size.x + x]) cells.push_back({x, y});
    // The middle first: a taken place is usually found taken there.
    std::stable_sort(cells.begin(), cells.end(), [&](glm::ivec2 a, glm::ivec2 b) {
      glm::ivec2 da = a - middle, db = b - middle;
      return da.x * da.x + da.y * da.y < db.x * db.x + db.y * db.y;
    });
    return std::make_pair(cells, size);
  };
  std::vector<size_t> order(pieces.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto boxArea = [&](size_t i) { glm::vec2 s = pieces[i].hi - pieces[i].lo; return s.x * s.y; };
  // Each region's islands near each other (the eyes', then the ears', in the first free
  // places): the coverage grid (training/coverage_grid.cpp) spans each region's UV
  // bounds, so scattered islands would make its grid as big as the atlas.
  std::stable_sort(order.begin() + 1, order.end(), [&](size_t a, size_t b) {
    return pieces[a].group != pieces[b].group ? pieces[a].group < pieces[b].group : boxArea(a) > boxArea(b);
  });
  const int width = int(std::ceil((pieces[0].hi.x - pieces[0].lo.x) / kCell_mm)) + 2 * grow + 1;
  std::vector<std::vector<uint8_t>> rows;
  auto taken = [&](int x, int y) { return y < int(rows.size()) && rows[size_t(y)][size_t(x)]; };
  glm::ivec2 used(0);
  for (size_t i : order) {
    auto [cells, size] = cellsOf(pieces[i]);
    glm::ivec2 at(-1);
    for (int y = 0; at.x < 0; ++y)
      for (int x = 0; x + size.x <= std::max(width, size.x) && at.x < 0; ++x)
        if (std::none_of(cells.begin(), cells.end(), [&](glm::ivec2 c) { return taken(x + c.x, y + c.y); })) at = {x, y};
    for (glm::ivec2 c : cells) {
      while (int(rows.size()) <= at.y + c.y) rows.emplace_back(size_t(std::max(width, size.x)), 0);
      rows[size_t(at.y + c.y)][size_t(at.x + c.x)] = 1;
    }
    used = glm::max(used, at + size);
    pieces[i].offset = glm::vec2(at) * kCell_mm + glm::vec2(float(grow) * kCell_mm) - pieces[i].lo;
  }
  return glm::vec2(used) * kCell_mm;
}

}  // namespace

std::vector<std::pair<size_t, size_t>> overlappingTriangles(const std::vector<glm::vec2>& uv,
                                                            const std::vector<unsigned>& indices,
                                                            const std::vector<size_t>& triangles, float tolerance) {
  std::vector<glm::vec2> corner(indices.size());
  for (size_t i = 0; i < indices.size(); ++i) corner[i] = uv[indices[i]];
  return overlapsOf(corner, triangles, 0.004f, tolerance);
}

ChartSummary chartHead(Mesh& mesh, const std::vector<bool>& notOnFace, int ear, int eye, const std::set<int>& untreated) {
  const size_t triangles = mesh.indices.size() / 3;
  auto P = [&](size_t t, int k) { return mesh.positions[mesh.indices[3 * t + k]]; };
  auto regionOf = [&](size_t t) {  // the region of two corners or more, else the first's
    const unsigned* v = &mesh.indices[3 * t];
    return mesh.regions[v[1]] == mesh.regions[v[2]] ? mesh.regions[v[1]] : mesh.regions[v[0]];
  };
  std::vector<glm::vec3> faceNormal(triangles);
  std::vector<float> area(triangles);
  for (size_t t = 0; t < triangles; ++t) {
    glm::vec3 n = glm::cross(P(t, 1) - P(t, 0), P(t, 2) - P(t, 0));
    area[t] = 0.5f * glm::length(n);
    faceNormal[t] = area[t] > 1e-9f ? glm::normalize(n) : glm::vec3(0.0f);
  }
  // What covers what, seen from the centre: the skin the face's chart may take.
  scene::SurfaceMesh blockers;
  blockers.positions = mesh.positions;
  blockers.normals = mesh.normals;
  blockers.regions.assign(mesh.positions.size(), 0);
  blockers.regionNames = {"skin"};
  for (size_t t = 0; t < triangles; ++t)
    if (!notOnFace[t]) blockers.indices.insert(blockers.indices.end(), &mesh.indices[3 * t], &mesh.indices[3 * t] + 3);
  blockers.boundsMin = blockers.boundsMax = mesh.positions.front();
  for (auto& p : mesh.positions) blockers.boundsMin = glm::min(blockers.boundsMin, p), blockers.boundsMax = glm::max(blockers.boundsMax, p);
  scene::SurfaceIndex index = scene::buildSurfaceIndex(blockers);

  std::vector<glm::vec2> corner(3 * triangles, glm::vec2(0.0f));
  std::vector<bool> onFace(triangles, false);
  std::vector<size_t> face;
  for (size_t t = 0; t < triangles; ++t) {
    if (notOnFace[t] || area[t] <= 1e-9f) continue;
    glm::vec3 centroid = (P(t, 0) + P(t, 1) + P(t, 2)) / 3.0f;
    glm::vec3 out = glm::normalize(centroid - kCentre);
    if (angleFromFront(centroid) > kBack || glm::dot(faceNormal[t], out) <= 0.02f) continue;
    for (int k = 0; k < 3; ++k) corner[3 * t + k] = faceChart(P(t, k));
    if (signedArea(corner[3 * t], corner[3 * t + 1], corner[3 * t + 2]) <= 0.0f) continue;
    scene::SurfaceHit hit;
    glm::dvec3 from = glm::dvec3(centroid) + glm::dvec3(out) * 0.02;
    if (scene::raycastSurface(blockers, index, from, glm::dvec3(out), 400.0, hit)) continue;  // skin further out
    onFace[t] = true;
    face.push_back(t);
  }
  // Whatever still overlaps on the chart (a fold's edge): the inner triangle leaves.
  for (int pass = 0; pass < 8; ++pass) {
    auto pairs = overlapsOf(corner, face, 2.0f, kTolerance_mm);
    if (pairs.empty()) break;
    for (auto [a, b] : pairs) {
      auto depth = [&](size_t t) { return glm::length((P(t, 0) + P(t, 1) + P(t, 2)) / 3.0f - kCentre); };
      onFace[depth(a) < depth(b) ? a : b] = false;
    }
    face.erase(std::remove_if(face.begin(), face.end(), [&](size_t t) { return !onFace[t]; }), face.end());
  }

  // Islands over the rest, neighbours across shared edges.
  std::map<std::pair<unsigned, unsigned>, std::vector<size_t>> edgeTriangles;
  for (size_t t = 0; t < triangles; ++t)
    if (!onFace[t])
      for (int k = 0; k < 3; ++k) {
        unsigned a = mesh.indices[3 * t + k], b = mesh.indices[3 * t + (k + 1) % 3];
        edgeTriangles[{std::min(a, b), std::max(a, b)}].push_back(t);
      }
  std::vector<int> island(triangles, -1);
  std::vector<Piece> pieces(1);
  pieces[0].triangles = face;
  std::vector<size_t> free;
  for (size_t t = 0; t < triangles; ++t)
    if (!onFace[t]) free.push_back(t);
  std::stable_sort(free.begin(), free.end(), [&](size_t a, size_t b) { return area[a] > area[b]; });
  for (size_t seed : free) {
    if (island[seed] >= 0) continue;
    int id = int(pieces.size());
    pieces.emplace_back();
    glm::vec3 n = glm::length(faceNormal[seed]) > 0.5f ? faceNormal[seed] : glm::vec3(0, 0, 1);
    glm::vec3 helper = std::fabs(n.z) < 0.9f ? glm::vec3(0, 0, 1) : glm::vec3(1, 0, 0);
    glm::vec3 tAxis = glm::normalize(glm::cross(helper, n)), bAxis = glm::cross(n, tAxis);
    std::unordered_map<long long, std::vector<size_t>> grid;
    auto key = [](long long x, long long y) { return (x << 32) ^ (y & 0xffffffffll); };
    auto tryAdd = [&](size_t t) {
      for (int k = 0; k < 3; ++k) corner[3 * t + k] = {glm::dot(P(t, k), tAxis), glm::dot(P(t, k), bAxis)};
      const glm::vec2* c = &corner[3 * t];
      bool first = pieces[id].triangles.empty();
      if (!first && (glm::dot(faceNormal[t], n) < kIslandCone || signedArea(c[0], c[1], c[2]) <= 0.0f)) return false;
      glm::vec2 lo = glm::min(glm::min(c[0], c[1]), c[2]), hi = glm::max(glm::max(c[0], c[1]), c[2]);
      std::vector<long long> cells;
      for (long long x = (long long)std::floor(lo.x / 2.0f); x <= (long long)std::floor(hi.x / 2.0f); ++x)
        for (long long y = (long long)std::floor(lo.y / 2.0f); y <= (long long)std::floor(hi.y / 2.0f); ++y) {
          cells.push_back(key(x, y));
          for (size_t other : grid[key(x, y)])
            if (overlap(c, &corner[3 * other], kTolerance_mm)) return false;
        }
      for (long long cellKey : cells) grid[cellKey].push_back(t);
      island[t] = id;
      pieces[id].triangles.push_back(t);
      return true;
    };
    tryAdd(seed);
    for (size_t i = 0; i < pieces[id].triangles.size(); ++i) {
      size_t t = pieces[id].triangles[i];
      for (int k = 0; k < 3; ++k) {
        unsigned a = mesh.indices[3 * t + k], b = mesh.indices[3 * t + (k + 1) % 3];
        for (size_t other : edgeTriangles[{std::min(a, b), std::max(a, b)}])
          if (island[other] < 0) tryAdd(other);
      }
    }
  }
  for (size_t t : face) island[t] = 0;

  // Islands no one treats take less of the atlas: the scalp, the linings and the
  // eyes (drawn from their normals) a third, the ears (no-go, but seen) 0.6.
  for (size_t id = 1; id < pieces.size(); ++id) {
    std::map<int, float> byRegion;
    for (size_t t : pieces[id].triangles) byRegion[regionOf(t)] += area[t];
    int region = std::max_element(byRegion.begin(), byRegion.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
    float scale = region == ear ? 0.6f : untreated.count(region) ? 0.35f : 1.0f;
    pieces[id].group = region == eye ? 0 : region == ear ? 1 : 2;
    for (size_t t : pieces[id].triangles)
      for (int k = 0; k < 3; ++k) corner[3 * t + k] *= scale;
  }
  // Packed, and every vertex split per piece it is in.
  for (Piece& piece : pieces)
    for (size_t t : piece.triangles)
      for (int k = 0; k < 3; ++k) piece.lo = glm::min(piece.lo, corner[3 * t + k]), piece.hi = glm::max(piece.hi, corner[3 * t + k]);
  glm::vec2 extent = pack(pieces, corner);
  ChartSummary summary;
  summary.faceTriangles = face.size();
  summary.islandTriangles = triangles - face.size();
  summary.islands = pieces.size() - 1;
  summary.onFace = onFace;
  summary.width_mm = extent.x, summary.height_mm = extent.y;
  Mesh out;
  out.openEdges = mesh.openEdges;
  out.occlusion.clear();
  std::map<std::pair<int, unsigned>, unsigned> split;
  std::vector<bool> used(mesh.positions.size(), false);
  out.indices.resize(mesh.indices.size());
  for (size_t t = 0; t < triangles; ++t)
    for (int k = 0; k < 3; ++k) {
      unsigned v = mesh.indices[3 * t + k];
      auto [it, added] = split.try_emplace({island[t], v}, unsigned(out.positions.size()));
      if (added) {
        summary.seamVertices += used[v];
        used[v] = true;
        out.positions.push_back(mesh.positions[v]);
        out.normals.push_back(mesh.normals[v]);
        out.regions.push_back(mesh.regions[v]);
        if (!mesh.occlusion.empty()) out.occlusion.push_back(mesh.occlusion[v]);
        out.uvs.push_back((corner[3 * t + k] + pieces[size_t(island[t])].offset) / extent);
      }
      out.indices[3 * t + k] = it->second;
    }
  mesh = std::move(out);
  return summary;
}

}  // namespace ns::tools
