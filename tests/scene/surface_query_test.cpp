// Ray casts, frames and UV charts on skin meshes: a sphere with known answers, and
// our face against a brute-force search over every triangle.
#include <gtest/gtest.h>

#include <cmath>
#include <algorithm>
#include <random>

#include "scene/surface_query.h"

using namespace ns::scene;

namespace {

constexpr double kPi = 3.14159265358979323846;

// A UV sphere of radius r: u = longitude / 2π, v = latitude / π + 0.5.
SurfaceMesh uvSphere(float r, int slices, int stacks) {
  SurfaceMesh m;
  for (int j = 0; j <= stacks; ++j)
    for (int i = 0; i <= slices; ++i) {
      double lon = 2 * kPi * i / slices, lat = kPi * j / stacks - kPi / 2;
      glm::vec3 n(float(std::cos(lat) * std::cos(lon)), float(std::cos(lat) * std::sin(lon)), float(std::sin(lat)));
      m.positions.push_back(n * r);
      m.normals.push_back(n);
      m.uvs.push_back({float(i) / slices, float(j) / stacks});
      m.regions.push_back(j > stacks / 2 ? 1 : 0);
    }
  for (int j = 0; j < stacks; ++j)
    for (int i = 0; i < slices; ++i) {
      uint32_t a = j * (slices + 1) + i, b = a + 1, c = a + slices + 1, d = c + 1;
      m.indices.insert(m.indices.end(), {a, b, d, a, d, c});
    }
  m.regionNames = {"lower", "upper"};
  m.boundsMin = glm::vec3(-r);
  m.boundsMax = glm::vec3(r);
  return m;
}

bool bruteForce(const SurfaceMesh& m, glm::dvec3 o, glm::dvec3 d, double& best) {
  best = 1e300;
  d = glm::normalize(d);
  for (size_t t = 0; t < m.indices.size() / 3; ++t) {
    glm::dvec3 p0(m.positions[m.indices[3 * t]]), p1(m.positions[m.indices[3 * t + 1]]), p2(m.positions[m.indices[3 * t + 2]]);
    glm::dvec3 e1 = p1 - p0, e2 = p2 - p0, h = glm::cross(d, e2);
    double det = glm::dot(e1, h);
    if (std::fabs(det) < 1e-14) continue;
    glm::dvec3 s = o - p0;
    double u = glm::dot(s, h) / det;
    glm::dvec3 q = glm::cross(s, e1);
    double v = glm::dot(d, q) / det, tt = glm::dot(e2, q) / det;
    if (u >= 0 && v >= 0 && u + v <= 1 && tt >= 0) best = std::min(best, tt);
  }
  return best < 1e299;
}

}  // namespace

TEST(SurfaceQuery, RayMeetsTheSphereWhereGeometrySays) {
  SurfaceMesh sphere = uvSphere(50.0f, 128, 64);
  SurfaceIndex index = buildSurfaceIndex(sphere);
  SurfaceHit hit;
  // From +x towards the centre, a little above the equator.
  ASSERT_TRUE(raycastSurface(sphere, index, {200, 0, 10}, {-1, 0, 0}, 1000, hit));
  double expectedX = std::sqrt(50.0 * 50.0 - 100.0);
  EXPECT_NEAR(hit.point.x, expectedX, 0.15);
  EXPECT_NEAR(hit.distance, 200 - expectedX, 0.15);
  EXPECT_GT(hit.normal.x, 0.97);  // facing the ray's origin
  EXPECT_EQ(hit.region, 1);       // upper half
  ASSERT_TRUE(hit.uvValid);
  EXPECT_NEAR(hit.uv.y, std::asin(10.0 / 50.0) / kPi + 0.5, 2e-3);
  // Longitude 0 is the seam: just off it the chart is fine.
  ASSERT_TRUE(raycastSurface(sphere, index, {0, 200, 0}, {0, -1, 0}, 1000, hit));
  EXPECT_NEAR(hit.uv.x, 0.25, 2e-3);
  // mm per unit u along the equator: the circumference.
  EXPECT_NEAR(glm::length(hit.dPdu), 2 * kPi * 50, 2 * kPi * 50 * 0.01);
  EXPECT_NEAR(glm::length(hit.dPdv), kPi * 50, kPi * 50 * 0.01);
  // Misses: pointing away, or stopping short.
  EXPECT_FALSE(raycastSurface(sphere, index, {200, 0, 0}, {1, 0, 0}, 1000, hit));
  EXPECT_FALSE(raycastSurface(sphere, index, {200, 0, 0}, {-1, 0, 0}, 100, hit));
}

TEST(SurfaceQuery, UvNearFollowsTheChartAndTheFrameIsOrthonormal) {
  SurfaceMesh sphere = uvSphere(50.0f, 128, 64);
  SurfaceIndex index = buildSurfaceIndex(sphere);
  SurfaceHit hit;
  ASSERT_TRUE(raycastSurface(sphere, index, {0, 200, 5}, {0, -1, 0}, 1000, hit));
  SurfaceFrame f = frameAt(hit);
  EXPECT_NEAR(glm::dot(f.t, f.b), 0.0, 1e-12);
  EXPECT_NEAR(glm::dot(f.t, f.n), 0.0, 1e-12);
  EXPECT_NEAR(glm::length(glm::cross(f.t, f.b) - f.n), 0.0, 1e-12);
  EXPECT_NEAR(f.t.z, 0.0, 1e-12);  // t: the skin's horizontal
  EXPECT_GT(std::fabs(glm::dot(f.t, glm::normalize(hit.dPdu))), 0.99);  // here along the latitude
  // 1 mm along u is 1 / (2π·50) in u (within the facets' 1 % shortfall).
  glm::dvec2 moved = uvNear(hit, hit.point + glm::normalize(hit.dPdu) * 1.0);
  EXPECT_NEAR(moved.x - hit.uv.x, 1.0 / (2 * kPi * 50), 0.02 / (2 * kPi * 50));
  EXPECT_NEAR(moved.y - hit.uv.y, 0.0, 1e-5);
  glm::dvec3 local = toFrame(f, hit.point + f.b * 2.0 + f.n * 3.0);
  EXPECT_NEAR(local.y, 2.0, 1e-12);
  EXPECT_NEAR(local.z, 3.0, 1e-12);
  EXPECT_NEAR(glm::length(fromFrame(f, local) - (hit.point + f.b * 2.0 + f.n * 3.0)), 0.0, 1e-12);
}

TEST(SurfaceQuery, PenAboveOrPressedInFindsTheSkinUnderIt) {
  SurfaceMesh sphere = uvSphere(50.0f, 128, 64);
  SurfaceIndex index = buildSurfaceIndex(sphere);
  SurfaceHit hit;
  double top = std::sqrt(50.0 * 50.0 - 25.0);  // the sphere above (3, 4)
  ASSERT_TRUE(surfaceUnderPen(sphere, index, {3, 4, top + 3}, {0, 0, -1}, hit));
  EXPECT_NEAR(hit.distance, 3.0, 0.1);  // hovering 3 mm above
  ASSERT_TRUE(surfaceUnderPen(sphere, index, {3, 4, top - 0.5}, {0, 0, -1}, hit));
  EXPECT_NEAR(hit.distance, -0.5, 0.1);  // pressed 0.5 mm in
  EXPECT_GT(hit.normal.z, 0.99);
  EXPECT_FALSE(surfaceUnderPen(sphere, index, {0, 0, 120}, {0, 0, -1}, hit));  // too far above
}

TEST(SurfaceQuery, TheGridAgreesWithBruteForceOnOurFace) {
  SurfaceMesh face;
  std::string error;
  std::vector<std::string> warnings;
  ASSERT_TRUE(loadSurfaceMesh(NS_SOURCE_DIR "/assets/face.glb", face, error, warnings)) << error;
  SurfaceIndex index = buildSurfaceIndex(face);
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> angle(0, 2 * kPi), height(-180, 100), jitter(-30, 30);
  int hits = 0;
  for (int i = 0; i < 200; ++i) {
    double a = angle(rng);
    glm::dvec3 origin(300 * std::sin(a), 300 * std::cos(a), height(rng));
    glm::dvec3 target(jitter(rng), jitter(rng), height(rng));
    SurfaceHit hit;
    double expected;
    bool found = raycastSurface(face, index, origin, target - origin, 1000, hit);
    ASSERT_EQ(found, bruteForce(face, origin, target - origin, expected)) << i;
    if (!found) continue;
    hits++;
    EXPECT_NEAR(hit.distance, expected, 1e-9) << i;
  }
  EXPECT_GT(hits, 150);
}

TEST(SurfaceQuery, OurFaceHasOneChartOverTheFace) {
  // No two front-facing skin points share UVs: the chart keeps its orientation on
  // every triangle of the face (a fold would flip it).
  SurfaceMesh face;
  std::string error;
  std::vector<std::string> warnings;
  ASSERT_TRUE(loadSurfaceMesh(NS_SOURCE_DIR "/assets/face.glb", face, error, warnings)) << error;
  size_t faceTriangles = 0, agree = 0;
  for (size_t t = 0; t < face.indices.size() / 3; ++t) {
    const uint32_t* v = &face.indices[3 * t];
    std::string region = face.regionNames[face.regions[v[0]]];
    // The treated face (the neck included): the lids, lips, ears and eyes have
    // islands of their own where they fold (tests/scene/face_chart_test.cpp).
    if (region == "body" || region == "ear" || region == "eye" || region == "lid_margin" || region == "eyelid" ||
        region.find("vermilion") != std::string::npos)
      continue;
    glm::dvec3 p0(face.positions[v[0]]), p1(face.positions[v[1]]), p2(face.positions[v[2]]);
    glm::dvec2 t0(face.uvs[v[0]]), t1(face.uvs[v[1]]), t2(face.uvs[v[2]]);
    glm::dvec3 normal = glm::cross(p1 - p0, p2 - p0);
    glm::dvec2 d1 = t1 - t0, d2 = t2 - t0;
    double chart = d1.x * d2.y - d2.x * d1.y;
    // A fold-free chart relates the outward normal and the chart's orientation the
    // same way on every triangle.
    glm::dvec3 radial = (p0 + p1 + p2) / 3.0 - glm::dvec3(0, -5, -10);
    faceTriangles++;
    if ((glm::dot(normal, radial) > 0) == (chart > 0)) agree++;
  }
  size_t flipped = std::min(agree, faceTriangles - agree);
  ASSERT_GT(faceTriangles, 5000u);
  EXPECT_EQ(flipped, 0u) << flipped << " of " << faceTriangles;
}

TEST(SurfaceQuery, MeshesWithoutUvsGetSphericalOnesAndImplausibleSizesAreScaled) {
  SurfaceMesh sphere = uvSphere(0.5f, 16, 8);  // 0.5 mm: surely metres or such
  sphere.uvs.clear();
  generateSphericalUvs(sphere);
  ASSERT_EQ(sphere.uvs.size(), sphere.positions.size());
  for (auto& uv : sphere.uvs) {
    EXPECT_GE(uv.x, 0.0f);
    EXPECT_LE(uv.y, 1.0f);
  }
  float scale = fitToMillimetres(sphere);
  EXPECT_NEAR(scale, 30.0f / (0.5f * std::sqrt(3.0f)), 1e-3);
  EXPECT_NEAR(sphere.boundsMax.x * scale / scale, 0.5f * scale, 1e-4);
  SurfaceMesh normal = uvSphere(50.0f, 16, 8);
  EXPECT_EQ(fitToMillimetres(normal), 1.0f);
}

TEST(SurfaceQuery, TheChartsStretchIsMeasuredOverTheMappedRegionsNotBody) {
  // The sphere's lower half is "body" (region 0), its upper half a mapped region.
  // Squeezing the lower half's UVs to a third (an island packed smaller) leaves the
  // stretch, and so the atlas, as it was; on a mesh all "body" it is measured whole.
  SurfaceMesh sphere = uvSphere(50.0f, 64, 32);
  glm::dvec2 before = uvStretch_mm(sphere);
  for (size_t v = 0; v < sphere.uvs.size(); ++v)
    if (sphere.positions[v].z < -1e-3f) sphere.uvs[v] *= 1.0f / 3.0f;  // (below the equator's body row)
  glm::dvec2 after = uvStretch_mm(sphere);
  EXPECT_DOUBLE_EQ(after.x, before.x);
  EXPECT_DOUBLE_EQ(after.y, before.y);
  SurfaceMesh plain = uvSphere(50.0f, 64, 32);
  std::fill(plain.regions.begin(), plain.regions.end(), 0);
  for (auto& uv : plain.uvs) uv *= 0.5f;  // all body, all squeezed: measured whole
  EXPECT_NEAR(uvStretch_mm(plain).x, 2.0 * before.x, 1e-6 * before.x);
}
