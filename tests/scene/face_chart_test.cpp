// The head's UV chart, its neck cut and its baked creases (tools/make_face), checked
// on the shipped asset: no two triangles share a place in the chart, no seam runs
// through a region a trainee treats, the runtime's atlas gives every treated region
// texels of about 0.3 mm, the neck ends on one plane, and the creases are darker
// than the open skin.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "scene/surface_mesh.h"
#include "scene/surface_query.h"

using namespace ns::scene;

namespace {

SurfaceMesh loadFace() {
  SurfaceMesh face;
  std::string error;
  std::vector<std::string> warnings;
  EXPECT_TRUE(loadSurfaceMesh(NS_SOURCE_DIR "/assets/face.glb", face, error, warnings)) << error;
  return face;
}

const std::set<std::string> kTreated = {"forehead", "temple", "glabella", "periorbital", "nose",
                                        "cheek",    "perioral", "chin",   "jawline",     "neck"};

// The region of two corners or more (else the first corner's).
std::string triangleRegion(const SurfaceMesh& m, size_t t) {
  const uint32_t* v = &m.indices[3 * t];
  int r = m.regions[v[1]] == m.regions[v[2]] ? m.regions[v[1]] : m.regions[v[0]];
  return m.regionNames[size_t(r)];
}

// Separating axes with a tolerance: touching along an edge is not overlap.
bool overlap(const glm::dvec2* a, const glm::dvec2* b, double tolerance) {
  for (const glm::dvec2* tri : {a, b})
    for (int k = 0; k < 3; ++k) {
      glm::dvec2 e = tri[(k + 1) % 3] - tri[k], n(-e.y, e.x);
      double len = glm::length(n);
      if (len < 1e-30) continue;
      double minA = 1e300, maxA = -1e300, minB = 1e300, maxB = -1e300;
      for (int i = 0; i < 3; ++i) {
        minA = std::min(minA, glm::dot(n, a[i])), maxA = std::max(maxA, glm::dot(n, a[i]));
        minB = std::min(minB, glm::dot(n, b[i])), maxB = std::max(maxB, glm::dot(n, b[i]));
      }
      if ((std::min(maxA, maxB) - std::max(minA, minB)) / len <= tolerance) return false;
    }
  return true;
}

}  // namespace

TEST(FaceChart, NoTwoTrianglesShareAPlaceInTheChart) {
  SurfaceMesh face = loadFace();
  ASSERT_EQ(face.uvs.size(), face.positions.size());
  for (auto& uv : face.uvs) {
    ASSERT_GE(uv.x, 0.0f);
    ASSERT_LE(uv.x, 1.0f);
    ASSERT_GE(uv.y, 0.0f);
    ASSERT_LE(uv.y, 1.0f);
  }
  // Every pair of triangles whose boxes meet in a 1/256 grid, tested exactly.
  const double cell = 1.0 / 256;
  std::unordered_map<long long, std::vector<size_t>> grid;
  size_t overlaps = 0, pairs = 0;
  for (size_t t = 0; t < face.indices.size() / 3; ++t) {
    glm::dvec2 c[3];
    for (int k = 0; k < 3; ++k) c[k] = glm::dvec2(face.uvs[face.indices[3 * t + k]]);
    glm::dvec2 lo = glm::min(glm::min(c[0], c[1]), c[2]), hi = glm::max(glm::max(c[0], c[1]), c[2]);
    std::set<size_t> seen;
    for (long long x = (long long)(lo.x / cell); x <= (long long)(hi.x / cell); ++x)
      for (long long y = (long long)(lo.y / cell); y <= (long long)(hi.y / cell); ++y) {
        auto& list = grid[x * 100000 + y];
        for (size_t other : list) {
          if (!seen.insert(other).second) continue;
          glm::dvec2 d[3];
          for (int k = 0; k < 3; ++k) d[k] = glm::dvec2(face.uvs[face.indices[3 * other + k]]);
          pairs++;
          // 1e-7 of the chart: 0.05 mm on this 450 mm chart, a sixth of a texel.
          if (overlap(c, d, 1e-7)) overlaps++;
        }
        list.push_back(t);
      }
  }
  EXPECT_GT(pairs, 100000u) << "the grid saw the neighbours";
  EXPECT_EQ(overlaps, 0u);
}

TEST(FaceChart, NoSeamRunsThroughATreatedRegion) {
  // A seam: an edge two triangles share on the skin (the same two positions) but not
  // in the chart (their corners are different vertices). At least one side of every
  // seam must be skin no one treats (scalp, linings, ears, eyes, the lids' margins).
  SurfaceMesh face = loadFace();
  std::map<glm::vec3, uint32_t, bool (*)(const glm::vec3&, const glm::vec3&)> weld(
      [](const glm::vec3& a, const glm::vec3& b) { return std::tie(a.x, a.y, a.z) < std::tie(b.x, b.y, b.z); });
  std::vector<uint32_t> welded(face.positions.size());
  for (size_t v = 0; v < face.positions.size(); ++v) welded[v] = weld.emplace(face.positions[v], uint32_t(v)).first->second;
  std::map<std::pair<uint32_t, uint32_t>, std::vector<std::pair<size_t, std::pair<uint32_t, uint32_t>>>> edges;
  for (size_t t = 0; t < face.indices.size() / 3; ++t)
    for (int k = 0; k < 3; ++k) {
      uint32_t a = face.indices[3 * t + k], b = face.indices[3 * t + (k + 1) % 3];
      uint32_t wa = welded[a], wb = welded[b];
      edges[{std::min(wa, wb), std::max(wa, wb)}].push_back({t, {std::min(a, b), std::max(a, b)}});
    }
  size_t seams = 0, throughTreated = 0;
  std::map<std::string, size_t> byRegion;
  for (auto& [edge, sides] : edges) {
    if (sides.size() != 2 || sides[0].second == sides[1].second) continue;
    seams++;
    std::string a = triangleRegion(face, sides[0].first), b = triangleRegion(face, sides[1].first);
    if (kTreated.count(a) && kTreated.count(b)) throughTreated++, byRegion[a + "|" + b]++;
  }
  EXPECT_GT(seams, 1000u) << "the ears, linings and back of the head are islands";
  EXPECT_EQ(throughTreated, 0u);
  for (auto& [pair, n] : byRegion) ADD_FAILURE() << pair << ": " << n << " seam edges";
}

TEST(FaceChart, TheAtlasGivesTreatedSkinTexelsOfAboutAThirdOfAMillimetre) {
  // The runtime's atlas (runtime/live_run.cpp: 0.3 mm texels at the chart's median
  // stretch over the mapped regions, 4 Mi texels at most); per region the
  // area-weighted median texel along u and v, as docs/face-head.md lists them.
  SurfaceMesh face = loadFace();
  glm::ivec2 atlas = uvAtlasSize(face, 0.3, 4ll << 20);
  EXPECT_LT(double(atlas.x) * atlas.y, 3.0e6) << atlas.x << " x " << atlas.y;
  std::map<std::string, std::vector<std::pair<double, double>>> u, v;
  for (size_t t = 0; t < face.indices.size() / 3; ++t) {
    const uint32_t* i = &face.indices[3 * t];
    glm::dvec3 e1 = glm::dvec3(face.positions[i[1]] - face.positions[i[0]]), e2 = glm::dvec3(face.positions[i[2]] - face.positions[i[0]]);
    glm::dvec2 d1 = glm::dvec2(face.uvs[i[1]] - face.uvs[i[0]]), d2 = glm::dvec2(face.uvs[i[2]] - face.uvs[i[0]]);
    double det = d1.x * d2.y - d2.x * d1.y, area = 0.5 * glm::length(glm::cross(e1, e2));
    if (std::fabs(det) < 1e-14) continue;
    std::string region = triangleRegion(face, t);
    u[region].push_back({glm::length((e1 * d2.y - e2 * d1.y) / det) / atlas.x, area});
    v[region].push_back({glm::length((e2 * d1.x - e1 * d2.x) / det) / atlas.y, area});
  }
  auto median = [](std::vector<std::pair<double, double>> values) {
    std::sort(values.begin(), values.end());
    double total = 0, seen = 0;
    for (auto& value : values) total += value.second;
    for (auto& value : values)
      if ((seen += value.second) >= total / 2) return value.first;
    return values.back().first;
  };
  for (const std::string& region : kTreated) {
    double mu = median(u[region]), mv = median(v[region]);
    std::printf("%-12s %.2f x %.2f mm per texel\n", region.c_str(), mu, mv);
    EXPECT_GT(mu, 0.15) << region;
    EXPECT_LT(mu, 0.40) << region;
    EXPECT_GT(mv, 0.15) << region;
    EXPECT_LT(mv, 0.42) << region;
    if (region == "neck") {  // seen edge-on from the chart's centre, given more chart (0.50 mm along v before)
      EXPECT_LT(mu, 0.32) << "the neck's texels along u";
      EXPECT_LT(mv, 0.34) << "the neck's texels along v";
    }
  }
}

TEST(FaceChart, TheVermilionsBorderIsOneSmoothFieldThatAgreesWithTheRegionMap) {
  // Colour 0's blue (tools/make_face: vermilionShare): 0.5 on the border, more inside.
  // Every vermilion vertex lies inside it and every other front skin vertex outside,
  // so the shader's border (where the field crosses 0.5, between vertices) is the map's
  // border without its steps; and it changes gently from vertex to vertex (a ±3 mm ramp).
  SurfaceMesh face = loadFace();
  ASSERT_EQ(face.vermilion.size(), face.positions.size());
  auto named = [&](size_t v) { return face.regionNames[face.regions[v]]; };
  size_t lips = 0;
  for (size_t v = 0; v < face.positions.size(); ++v) {
    const std::string& region = named(v);
    bool lip = region == "upper_lip_vermilion" || region == "lower_lip_vermilion";
    lips += lip;
    if (lip) EXPECT_GE(face.vermilion[v], 0.5f) << "vertex " << v;
    if (kTreated.count(region)) EXPECT_LT(face.vermilion[v], 0.5f) << "vertex " << v << " (" << region << ")";
  }
  EXPECT_GT(lips, 100u);
  float steepest = 0.0f;  // field per mm along an edge near the border
  for (size_t i = 0; i < face.indices.size(); ++i) {
    uint32_t a = face.indices[i], b = face.indices[i - i % 3 + (i + 1) % 3];
    float fa = face.vermilion[a], fb = face.vermilion[b];
    if (std::max(fa, fb) < 0.3f || std::min(fa, fb) > 0.7f) continue;
    float length = glm::length(face.positions[a] - face.positions[b]);
    if (length > 1e-3f) steepest = std::max(steepest, std::fabs(fa - fb) / length);
  }
  EXPECT_LT(steepest, 0.5f) << "per mm: a step, not a ramp";
}

TEST(FaceChart, TheNeckEndsOnOnePlaneClosedByAFlatCap) {
  // tools/make_face cuts at z = -125 - 0.15 y (mm): lower under the chin than at the
  // nape. Nothing lies below it; the cap's vertices lie on it, facing down and out.
  SurfaceMesh face = loadFace();
  const glm::vec3 down = -glm::normalize(glm::vec3(0.0f, 0.15f, 1.0f));
  size_t onPlane = 0, cap = 0;
  for (size_t v = 0; v < face.positions.size(); ++v) {
    glm::vec3 p = face.positions[v];
    float side = p.z + 0.15f * p.y + 125.0f;
    EXPECT_GT(side, -1e-3f) << "vertex " << v << " below the cut";
    if (std::fabs(side) < 1e-3f) onPlane++;
    if (glm::dot(face.normals[v], down) > 0.999f && std::fabs(side) < 1e-3f) {
      cap++;
      EXPECT_EQ(face.regionNames[face.regions[v]], "body") << "the cap is never treated";
    }
  }
  EXPECT_GT(cap, 40u) << "a closed cap under the neck";
  EXPECT_GE(onPlane, 2 * cap - 2) << "the neck's rim and the cap's rim lie on the plane";
}

TEST(FaceChart, TheCreasesAreDarkerThanTheOpenSkin) {
  // The baked occlusion (colour 0's green): the forehead's and cheeks' open skin
  // almost unshaded; the ears' folds, the lids' margins and the corners of the lips
  // well shaded.
  SurfaceMesh face = loadFace();
  ASSERT_EQ(face.occlusion.size(), face.positions.size());
  std::map<std::string, std::vector<float>> byRegion;
  for (size_t v = 0; v < face.positions.size(); ++v) byRegion[face.regionNames[face.regions[v]]].push_back(face.occlusion[v]);
  auto median = [&](const char* region) {
    std::vector<float>& values = byRegion[region];
    std::nth_element(values.begin(), values.begin() + long(values.size() / 2), values.end());
    return values[values.size() / 2];
  };
  for (const char* open : {"forehead", "cheek", "temple"}) {
    std::printf("%s median occlusion %.3f\n", open, median(open));
    EXPECT_LT(median(open), 0.08f) << open;
  }
  for (const char* crease : {"ear", "lid_margin"}) {
    std::printf("%s median occlusion %.3f\n", crease, median(crease));
    EXPECT_GT(median(crease), 2.0f * median("forehead") + 0.05f) << crease;
  }
  float highest = *std::max_element(face.occlusion.begin(), face.occlusion.end());
  EXPECT_GT(highest, 0.5f);
  EXPECT_LE(highest, 1.0f);
}
