#include <gtest/gtest.h>

#include <cmath>

#include "pen/cartridge.h"
#include "pen/pen_model.h"

using namespace ns;

namespace {

scene::Scene penScene() {
  scene::Scene scene = scene::defaultScene();
  scene.pen.needles = 12;
  scene.pen.frequency_hz = 110;
  scene.pen.depth_mm = 1.0;
  scene.pen.penetration_efficiency = 0.6;
  return scene;
}

// A straight glide from x0 to x1 at height 0 (tip on the skin) over [t0, t1].
input::PenTrack glide(double t0, double t1, double x0, double x1, glm::dvec3 dir = {0, 0, -1}) {
  input::PenTrack track;
  input::PenSample a;
  a.t_s = t0;
  a.pos_mm = {x0, 0, 0};
  a.dir = glm::normalize(dir);
  a.contact = true;
  a.depth_mm = 1.0;
  input::PenSample b = a;
  b.t_s = t1;
  b.pos_mm = {x1, 0, 0};
  input::appendSample(track, a);
  input::appendSample(track, b);
  input::PenSample off = b;
  off.contact = false;
  input::appendSample(track, off);
  return track;
}

}  // namespace

TEST(Cartridge, TwelveNeedlesMakeAFourByThreeGrid) {
  scene::Pen pen;
  pen.needles = 12;
  pen.needle_pitch_mm = 0.5;
  auto layout = pen::cartridgeLayout(pen);
  ASSERT_EQ(layout.size(), 12u);
  double minX = 1e9, maxX = -1e9, minY = 1e9, maxY = -1e9;
  for (auto& n : layout) minX = std::min(minX, n.x), maxX = std::max(maxX, n.x), minY = std::min(minY, n.y), maxY = std::max(maxY, n.y);
  EXPECT_NEAR(maxX - minX, 3 * 0.5, 1e-12);  // 4 columns
  EXPECT_NEAR(maxY - minY, 2 * 0.5, 1e-12);  // 3 rows
  pen.layout = "circle";
  pen.needles = 9;
  auto ring = pen::cartridgeLayout(pen);
  ASSERT_EQ(ring.size(), 9u);
  EXPECT_NEAR(glm::distance(ring[1], ring[2]), 0.5, 1e-9);  // neighbours on the ring one pitch apart
}

TEST(Cartridge, DialSnapsToSettings) {
  scene::Pen pen;  // 0..2.5 in 0.25 steps
  EXPECT_DOUBLE_EQ(pen::snapDial(pen, 0.6), 0.5);
  EXPECT_DOUBLE_EQ(pen::snapDial(pen, 0.63), 0.75);
  EXPECT_DOUBLE_EQ(pen::snapDial(pen, 9.0), 2.5);
  EXPECT_DOUBLE_EQ(pen::snapDial(pen, -1.0), 0.0);
}

TEST(PenModel, PuncturesAreNeedlesTimesFrequencyTimesContactTime) {
  auto model = pen::createPenModel(penScene());
  auto track = glide(0.1, 2.1, -1.0, 1.0);  // 2 s of contact
  std::vector<pen::Puncture> punctures;
  pen::advancePen(model, track, 3.0, punctures);
  EXPECT_NEAR(model.stats.contact_s, 2.0, 1e-9);
  double expectedCycles = 110 * 2.0;
  EXPECT_NEAR(double(model.stats.cycles), expectedCycles, 1.0);  // ± one cycle
  EXPECT_EQ(model.stats.punctures, model.stats.cycles * 12);
  EXPECT_EQ(punctures.size(), model.stats.punctures);
}

TEST(PenModel, ChannelDepthIsDialTimesEfficiencyClampedBySkin) {
  auto scene = penScene();
  auto model = pen::createPenModel(scene);
  input::PenSample pose;
  pose.pos_mm = {0, 0, 0};
  pose.depth_mm = 1.0;
  pose.contact = true;
  auto made = pen::strike(model, pose, {0, 0, 0});
  ASSERT_EQ(made.size(), 12u);
  for (auto& p : made) {
    EXPECT_NEAR(p.depth_um, 600.0, 1e-9);  // 1.0 mm × 0.6
    EXPECT_NEAR(p.width_um, scene.pen.needle_diameter_um, 1e-12);
    EXPECT_EQ(p.elongation_um, 0.0);
    EXPECT_FALSE(p.torn);
  }
  pose.depth_mm = 2.5;
  model.tissueThickness_um = 1000;  // thin tissue: the needle cannot go deeper than the skin
  for (auto& p : pen::strike(model, pose, {0, 0, 0})) EXPECT_NEAR(p.depth_um, 1000.0, 1e-9);
}

TEST(PenModel, TiltWhileMovingTearsElongatedChannels) {
  auto model = pen::createPenModel(penScene());
  glm::dvec3 tilted = {std::sin(30 * M_PI / 180), 0, -std::cos(30 * M_PI / 180)};
  std::vector<pen::Puncture> straight, torn, stillTilted;
  auto m1 = model, m2 = model, m3 = model;
  pen::advancePen(m1, glide(0, 1, -5, 5), 1.0, straight);         // 10 mm/s, perpendicular
  pen::advancePen(m2, glide(0, 1, -5, 5, tilted), 1.0, torn);     // 10 mm/s, 30° tilt
  pen::advancePen(m3, glide(0, 1, 0, 0, tilted), 1.0, stillTilted);  // 30° tilt, not moving
  ASSERT_FALSE(straight.empty());
  ASSERT_FALSE(torn.empty());
  for (auto& p : straight) {
    EXPECT_FALSE(p.torn);
    EXPECT_LT(p.elongation_um, p.width_um * 0.5) << "a perpendicular glide only smears a little";
  }
  // A tilted cartridge plane also leaves the needles on the raised side shallower,
  // so compare the deepest needles' wounds and the mean.
  double longest = 0, meanTorn = 0, meanStraight = 0;
  for (auto& p : torn) {
    EXPECT_TRUE(p.torn);
    EXPECT_NEAR(p.tilt_deg, 30.0, 1e-6);
    longest = std::max(longest, p.elongation_um);
    meanTorn += p.elongation_um / double(torn.size());
  }
  for (auto& p : straight) meanStraight += p.elongation_um / double(straight.size());
  EXPECT_GT(longest, torn[0].width_um) << "the deepest wounds are longer than twice their width";
  EXPECT_GT(meanTorn, 3 * meanStraight);
  for (auto& p : stillTilted) EXPECT_FALSE(p.torn) << "tilt without motion makes a slanted channel, not a tear";
}

TEST(PenModel, SameTrackSameStrikesWhateverTheFrameChunks) {
  auto track = glide(0.013, 1.77, -2, 3);
  auto coarse = pen::createPenModel(penScene()), fine = coarse;
  std::vector<pen::Puncture> a, b;
  pen::advancePen(coarse, track, 2.0, a);
  for (double t = 1.0 / 60; t < 2.0 + 1e-9; t += 1.0 / 60) pen::advancePen(fine, track, t, b);
  pen::advancePen(fine, track, 2.0, b);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_DOUBLE_EQ(a[i].t_s, b[i].t_s);
    EXPECT_EQ(a[i].entry_mm, b[i].entry_mm);
  }
  EXPECT_NEAR(coarse.stats.contact_s, fine.stats.contact_s, 1e-9);
}

TEST(PenModel, NoContactNoPunctures) {
  auto model = pen::createPenModel(penScene());
  auto track = glide(0, 1, -1, 1);
  for (auto& s : track.samples) s.contact = false;
  std::vector<pen::Puncture> out;
  pen::advancePen(model, track, 2.0, out);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(model.stats.cycles, 0u);
}

namespace {

// A wall of skin facing +y (the plane y = 0, 40 × 40 mm): what a face's cheek is to
// a pen held along −y. UVs: u along +x, v along +z, 40 mm each.
scene::SurfaceMesh wall() {
  scene::SurfaceMesh m;
  const int n = 20;
  for (int j = 0; j <= n; ++j)
    for (int i = 0; i <= n; ++i) {
      m.positions.push_back({-20.0f + 40.0f * i / n, 0.0f, -20.0f + 40.0f * j / n});
      m.normals.push_back({0, 1, 0});
      m.uvs.push_back({float(i) / n, float(j) / n});
      m.regions.push_back(i < n / 2 ? 1 : 0);
    }
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      uint32_t a = j * (n + 1) + i, b = a + 1, c = a + n + 1, d = c + 1;
      m.indices.insert(m.indices.end(), {a, d, b, a, c, d});
    }
  m.regionNames = {"cheek", "forehead"};
  m.boundsMin = {-20, 0, -20};
  m.boundsMax = {20, 0, 20};
  return m;
}

}  // namespace

TEST(PenModel, TheSkinUnderTheTipIsTheNearestNotTheFirstUpThePen) {
  // Two walls facing +y, 12 mm apart (a brow overhanging the lids): a pen resting on
  // the far one must strike it, not the one up its body.
  scene::SurfaceMesh near = wall(), far = wall();
  scene::SurfaceMesh both = near;
  uint32_t base = uint32_t(both.positions.size());
  for (auto p : far.positions) both.positions.push_back(p - glm::vec3(0, 12, 0));
  for (auto n : far.normals) both.normals.push_back(n);
  for (auto uv : far.uvs) both.uvs.push_back(uv);
  for (auto r : far.regions) both.regions.push_back(r);
  for (auto i : far.indices) both.indices.push_back(base + i);
  both.boundsMin.y = -12;
  scene::SurfaceIndex index = scene::buildSurfaceIndex(both);
  scene::SurfaceHit hit;
  ASSERT_TRUE(scene::surfaceUnderPen(both, index, {5, -12, 0}, {0, -1, 0}, hit));
  EXPECT_NEAR(hit.point.y, -12.0, 1e-9);
  EXPECT_NEAR(hit.distance, 0.0, 1e-9);
  EXPECT_NEAR(hit.normal.y, 1.0, 1e-9);  // out towards the pen
  ASSERT_TRUE(scene::surfaceUnderPen(both, index, {5, -11.5, 0}, {0, -1, 0}, hit));  // hovering 0.5 mm
  EXPECT_NEAR(hit.distance, 0.5, 1e-9);
  ASSERT_TRUE(scene::surfaceUnderPen(both, index, {5, -12.4, 0}, {0, -1, 0}, hit));  // pressed 0.4 mm in
  EXPECT_NEAR(hit.distance, -0.4, 1e-9);
  EXPECT_NEAR(hit.normal.y, 1.0, 1e-9);
}

TEST(PenModel, OnAMeshTheSkinIsWhereverTheSurfaceIs) {
  scene::Scene scene = penScene();
  scene::SkinSurface skin = scene::meshSurface(wall());
  pen::PenModel model = pen::createPenModel(scene);
  // Perpendicular to the wall, tip on it, at x = 5 (region "cheek").
  input::PenSample pose;
  pose.pos_mm = {5, 0, 2};
  pose.dir = {0, -1, 0};
  pose.contact = true;
  pose.depth_mm = 1.0;
  auto made = pen::strikeOnSkin(model, skin, pose, {0, 0, 0});
  ASSERT_EQ(made.size(), 12u);
  for (const pen::Puncture& p : made) {
    EXPECT_NEAR(p.entry_mm.y, 0.0, 1e-9);  // on the wall
    EXPECT_NEAR(p.depth_um, 600.0, 1e-6);  // dial × efficiency, measured along the wall's normal
    EXPECT_NEAR(p.tilt_deg, 0.0, 1e-6);
    EXPECT_NEAR(p.normal.y, 1.0, 1e-9);
    EXPECT_EQ(p.region, "cheek");
    EXPECT_NEAR(p.uv.x, (p.entry_mm.x + 20.0) / 40.0, 1e-6);  // float UVs
    EXPECT_NEAR(p.uv.y, (p.entry_mm.z + 20.0) / 40.0, 1e-6);
    EXPECT_NEAR(p.uvScale_mm.x, 40.0, 1e-4);
    EXPECT_FALSE(p.torn);
  }
  // The same pen leaning 20° from the wall's normal while gliding along it tears;
  // a pen held along −z (parallel to the wall) glances off.
  pose.dir = glm::normalize(glm::dvec3(0, -1, std::tan(glm::radians(20.0))));
  made = pen::strikeOnSkin(model, skin, pose, {10, 0, 0});
  ASSERT_FALSE(made.empty());
  EXPECT_NEAR(made[0].tilt_deg, 20.0, 1e-6);
  EXPECT_TRUE(made[0].torn);
  EXPECT_NEAR(made[0].drag_mm.y, 0.0, 1e-12);  // drag stays in the wall
  // Pressing straight in (velocity along the normal) is not gliding: no tear.
  made = pen::strikeOnSkin(model, skin, pose, {0, -5, 0});
  ASSERT_FALSE(made.empty());
  EXPECT_FALSE(made[0].torn);
  pose.dir = {0, 0, -1};
  EXPECT_TRUE(pen::strikeOnSkin(model, skin, pose, {0, 0, 0}).empty());
  // Off the wall: no skin under the tip, no punctures.
  pose.dir = {0, -1, 0};
  pose.pos_mm = {30, 0, 0};
  EXPECT_TRUE(pen::strikeOnSkin(model, skin, pose, {0, 0, 0}).empty());
  // advancePen strikes on the surface: region "forehead" at x < 0.
  input::PenTrack track;
  pose.pos_mm = {-5, 0.0, 0};
  pose.t_s = 0;
  input::appendSample(track, pose);
  pose.t_s = 0.1;
  input::appendSample(track, pose);
  std::vector<pen::Puncture> out;
  pen::advancePen(model, skin, track, 0.1, out);
  ASSERT_EQ(out.size(), 11u * 12u);
  EXPECT_EQ(out.front().region, "forehead");
}

TEST(Cartridge, SpanIsTheLayoutsExtentAcrossXPlusOneNeedle) {
  scene::Pen pen = penScene().pen;  // 12 needles: 4 x 3 at 0.6 mm
  double lo = 0, hi = 0;
  for (const glm::dvec2& n : pen::cartridgeLayout(pen)) lo = std::min(lo, n.x), hi = std::max(hi, n.x);
  EXPECT_NEAR(pen::cartridgeSpan_mm(pen), hi - lo + pen.needle_diameter_um / 1000.0, 1e-12);
  EXPECT_GT(pen::cartridgeSpan_mm(pen), 1.0);
  pen.needles = 1;
  EXPECT_NEAR(pen::cartridgeSpan_mm(pen), pen.needle_diameter_um / 1000.0, 1e-12) << "one needle: its own width";
}

TEST(PenModel, OnThePatchAStrikeOnTheSkinIsThePlaneStrikeExactly) {
  // The patch is a skin surface like a mesh; seen through it, a strike must give
  // the plane's punctures to the last bit (replays and goldens depend on it).
  scene::Scene scene = penScene();
  pen::PenModel model = pen::createPenModel(scene);
  scene::SkinSurface patch = scene::patchSurface(scene);
  input::PenSample pose;
  pose.pos_mm = {0.37, -1.21, 0.05};
  pose.dir = glm::normalize(glm::dvec3(0.1, -0.05, -1));
  pose.contact = true;
  pose.depth_mm = 1.0;
  glm::dvec3 velocity(4.0, -2.0, 0.7);
  auto plane = pen::strike(model, pose, {velocity.x, velocity.y, 0.0});
  auto skin = pen::strikeOnSkin(model, patch, pose, velocity);
  ASSERT_EQ(plane.size(), skin.size());
  ASSERT_FALSE(plane.empty());
  for (size_t i = 0; i < plane.size(); ++i) {
    EXPECT_EQ(plane[i].entry_mm, skin[i].entry_mm);
    EXPECT_EQ(plane[i].axis, skin[i].axis);
    EXPECT_EQ(plane[i].drag_mm, skin[i].drag_mm);
    EXPECT_EQ(plane[i].depth_um, skin[i].depth_um);
    EXPECT_EQ(plane[i].region, skin[i].region);
    EXPECT_NEAR(glm::length(skin[i].uv - (glm::dvec2(skin[i].entry_mm) / scene::kPatchWidth_mm + 0.5)), 0.0, 1e-12)
        << "on the patch's chart: u = x / W + 1/2, v = y / W + 1/2";
  }
}
