// The skin surface: the patch and a mesh answer the same questions, and the
// domain rules that hang on them (the serum on the skin, the lifted pen) hold.
#include <gtest/gtest.h>

#include <map>

#include <cmath>

#include "scene/scene.h"
#include "scene/skin_surface.h"

using namespace ns;

namespace {

// A 20 × 20 mm square facing +y at y = -10, two triangles, region "cheek".
scene::SurfaceMesh wall() {
  scene::SurfaceMesh mesh;
  mesh.positions = {{-10, -10, -10}, {10, -10, -10}, {10, -10, 10}, {-10, -10, 10}};
  mesh.normals.assign(4, glm::vec3(0, -1, 0));
  mesh.uvs = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
  mesh.regions.assign(4, 0);
  mesh.regionNames = {"cheek"};
  mesh.indices = {0, 2, 1, 0, 3, 2};
  mesh.boundsMin = {-10, -10, -10};
  mesh.boundsMax = {10, -10, 10};
  return mesh;
}

}  // namespace

TEST(SkinSurface, ThePatchIsThePlaneWithinItsSquareForTheMouse) {
  scene::SkinSurface patch = scene::patchSurface(scene::defaultScene());
  scene::SurfaceHit hit;
  ASSERT_TRUE(scene::raycastSkin(patch, {1, 2, 30}, {0, 0, -1}, 100, hit));
  EXPECT_EQ(hit.point, glm::dvec3(1, 2, 0));
  EXPECT_DOUBLE_EQ(hit.distance, 30.0);
  EXPECT_FALSE(scene::raycastSkin(patch, {6, 0, 30}, {0, 0, -1}, 100, hit)) << "outside the 10 mm square";
  EXPECT_FALSE(scene::raycastSkin(patch, {0, 0, 30}, {1, 0, 0}, 100, hit)) << "parallel to the skin";
  EXPECT_EQ(scene::regionAt(patch, hit), scene::defaultScene().tissue.region);
  EXPECT_TRUE(scene::hasCutFaces(patch));
  EXPECT_TRUE(scene::blockPlacedAtStart(patch));
  EXPECT_EQ(scene::surfaceAtlasSize(patch, 0.3, 1 << 20), glm::ivec2(60)) << "the visible 10 mm in 1/6 mm texels";
}

TEST(SkinSurface, ThePatchsChartCoversItsVisibleSquare) {
  scene::SkinSurface patch = scene::patchSurface(scene::defaultScene());
  const double w = scene::kPatchWidth_mm;
  scene::SurfaceHit hit;
  ASSERT_TRUE(scene::raycastSkin(patch, {1, 2, 30}, {0, 0, -1}, 100, hit));
  ASSERT_TRUE(hit.uvValid);
  EXPECT_NEAR(hit.uv.x, 1 / w + 0.5, 1e-12);
  EXPECT_NEAR(hit.uv.y, 2 / w + 0.5, 1e-12) << "v along +y, as the atlas's rows";
  EXPECT_EQ(hit.dPdu, glm::dvec3(w, 0, 0));
  EXPECT_EQ(hit.dPdv, glm::dvec3(0, w, 0));
  EXPECT_EQ(scene::uvScale_mm(hit), glm::dvec2(w, w));
  // The corners of the visible square are the atlas's; a point near the hit through
  // the chart's Jacobian is where the chart puts it.
  ASSERT_TRUE(scene::skinUnderPen(patch, {-5, -5, 0.5}, {0, 0, -1}, hit));
  EXPECT_TRUE(hit.uvValid);
  EXPECT_NEAR(glm::length(hit.uv), 0.0, 1e-12);
  ASSERT_TRUE(scene::skinUnderPen(patch, {4, 3.5, 0.5}, {0, 0, -1}, hit));
  glm::dvec2 near = scene::uvNear(hit, {4.6, 3.2, 0.0});
  EXPECT_NEAR(near.x, 4.6 / w + 0.5, 1e-12);
  EXPECT_NEAR(near.y, 3.2 / w + 0.5, 1e-12);
  // The chart goes on beyond the visible square: a strike whose tip is just outside
  // still places each needle (those inside land on the atlas; the atlas clips the rest).
  ASSERT_TRUE(scene::skinUnderPen(patch, {5.2, 0, 0.5}, {0, 0, -1}, hit));
  EXPECT_TRUE(hit.uvValid);
  EXPECT_NEAR(hit.uv.x, 5.2 / w + 0.5, 1e-12);
  EXPECT_NEAR(scene::uvNear(hit, {4.9, 0.0, 0.0}).x, 4.9 / w + 0.5, 1e-12) << "a needle inside the square";
}

TEST(SkinSurface, ThePatchsAtlasTexelsAreANeedleWideOrFinerIfAsked) {
  scene::SkinSurface patch = scene::patchSurface(scene::defaultScene());
  EXPECT_EQ(scene::surfaceAtlasSize(patch, 50.0, 1 << 20), glm::ivec2(60)) << "never coarser than 1/6 mm";
  EXPECT_EQ(scene::surfaceAtlasSize(patch, 0.1, 1 << 20), glm::ivec2(100)) << "finer if asked";
  EXPECT_EQ(scene::surfaceAtlasSize(patch, 0.3, 30 * 30), glm::ivec2(30)) << "at most maxTexels in all";
  // The pretreated channels (odd multiples of 0.25 mm) land on texel centres.
  scene::SurfaceHit hit;
  ASSERT_TRUE(scene::skinUnderPen(patch, {-1.75, 0.25, 0.0}, {0, 0, -1}, hit));
  glm::dvec2 texel = hit.uv * 60.0;
  EXPECT_NEAR(texel.x - std::floor(texel.x), 0.5, 1e-9);
  EXPECT_NEAR(texel.y - std::floor(texel.y), 0.5, 1e-9);
}

TEST(SkinSurface, UnderAPenThePatchExtendsEverywhereAndItsFramesAreTheScenes) {
  scene::SkinSurface patch = scene::patchSurface(scene::defaultScene());
  scene::SurfaceHit hit;
  ASSERT_TRUE(scene::skinUnderPen(patch, {40, -3, 0.5}, {0, 0, -1}, hit)) << "beyond the visible square too";
  EXPECT_EQ(hit.point, glm::dvec3(40, -3, 0));
  EXPECT_DOUBLE_EQ(hit.distance, 0.5);
  for (scene::SurfaceFrame f : {scene::strikeFrame(patch, hit), scene::treatmentFrame(patch, hit)}) {
    EXPECT_EQ(f.origin, glm::dvec3(0.0));
    EXPECT_EQ(scene::toFrame(f, {1.25, -2.5, 0.75}), glm::dvec3(1.25, -2.5, 0.75)) << "exactly the scene's frame";
  }
  EXPECT_TRUE(scene::treatmentFrameIsScene(patch));
}

TEST(SkinSurface, AMeshAnswersThroughItsGeometry) {
  scene::SkinSurface mesh = scene::meshSurface(wall());
  scene::SurfaceHit hit;
  ASSERT_TRUE(scene::raycastSkin(mesh, {2, 20, 3}, {0, -1, 0}, 100, hit));
  EXPECT_NEAR(hit.point.y, -10.0, 1e-9);
  EXPECT_EQ(scene::regionAt(mesh, hit), "cheek");
  ASSERT_TRUE(scene::skinUnderPen(mesh, {2, -9.5, 3}, {0, -1, 0}, hit));
  EXPECT_NEAR(hit.distance, 0.5, 1e-9);
  scene::SurfaceFrame frame = scene::treatmentFrame(mesh, hit);
  EXPECT_NEAR(frame.n.y, 1.0, 1e-9) << "out of the skin, towards the pen";
  EXPECT_NEAR(scene::toFrame(frame, {2, -9.0, 3}).z, 1.0, 1e-9);
  EXPECT_FALSE(scene::treatmentFrameIsScene(mesh));
  EXPECT_FALSE(scene::hasCutFaces(mesh));
  EXPECT_FALSE(scene::blockPlacedAtStart(mesh));
}

TEST(SkinSurface, ALiftedPenIsFarFromEverySkin) {
  scene::SkinSurface patch = scene::patchSurface(scene::defaultScene()), mesh = scene::meshSurface(wall());
  EXPECT_GT(scene::liftedAway(patch).z, scene::kNearSkin_mm);
  EXPECT_GT(scene::liftedAwayInTreatmentFrame().z, scene::kNearSkin_mm);
  EXPECT_GT(scene::liftedAway(mesh).z - mesh.mesh.boundsMax.z, scene::kNearSkin_mm);
}

TEST(SerumOnSkin, FromApplicationForItsStayThenDry) {
  scene::Serum serum;
  serum.applied_at_s = 10;
  serum.removed_after_s = 100;
  EXPECT_FALSE(scene::serumOnSkin(serum, 9.999));
  EXPECT_TRUE(scene::serumOnSkin(serum, 10.0));
  EXPECT_TRUE(scene::serumOnSkin(serum, 109.999));
  EXPECT_FALSE(scene::serumOnSkin(serum, 110.0));
  EXPECT_EQ(scene::serumChanges_s(serum), (std::array<double, 2>{10.0, 110.0}));
}

// A lesson's "face the region": a point of the region's own skin near its middle,
// seen along its normal; a region on both sides (the cheeks) is looked at on one.
TEST(SkinSurface, RegionViewLooksAtTheRegionsOwnSkin) {
  ns::scene::SurfaceMesh mesh;
  std::string error;
  std::vector<std::string> warnings;
  ASSERT_TRUE(ns::scene::loadSurfaceMesh(NS_SOURCE_DIR "/assets/face.glb", mesh, error, warnings)) << error;
  ns::scene::SkinSurface face = ns::scene::meshSurface(std::move(mesh));
  for (const char* name : {"forehead", "cheek", "nose", "perioral", "chin", "periorbital"}) {
    ns::scene::RegionView view;
    ASSERT_TRUE(ns::scene::regionView(face, name, view)) << name;
    ns::scene::SurfaceHit hit;
    glm::dvec3 eye = view.centre + view.normal * 50.0;
    ASSERT_TRUE(ns::scene::raycastSurface(face.mesh, face.index, eye, -view.normal, 100.0, hit)) << name;
    EXPECT_EQ(face.mesh.regionNames[size_t(hit.region)], name) << "seen from its normal, the skin is the region";
    EXPECT_NEAR(hit.distance, 50.0, 5.0) << name << ": nothing in front of it";
    EXPECT_GT(view.normal.y, 0.0) << name << ": faces forward";
    EXPECT_GT(view.radius_mm, 5.0) << name;
    EXPECT_LT(view.radius_mm, 80.0) << name;
    std::printf("%s: centre (%.1f %.1f %.1f) normal (%.2f %.2f %.2f) radius %.1f mm\n", name, view.centre.x,
                view.centre.y, view.centre.z, view.normal.x, view.normal.y, view.normal.z, view.radius_mm);
  }
  ns::scene::RegionView cheek;
  ASSERT_TRUE(ns::scene::regionView(face, "cheek", cheek));
  EXPECT_GT(std::abs(cheek.centre.x), 20.0) << "a cheek, not the nose between them";
  ns::scene::RegionView none;
  EXPECT_FALSE(ns::scene::regionView(face, "elbow", none));
}

// The anatomical head's regions sit where an atlas puts them: seen from the front,
// top to bottom forehead, glabella, the eyes' level (eyelids, periorbital), nose,
// upper then lower vermilion, chin, neck; temples and ears lateral to the orbits;
// the cheeks beside the nose; "orbital" and "lip_vermilion" resolve through their
// parts (a lesson's `face` view still finds them).
TEST(SkinSurface, TheFaceRegionsSitWhereAnatomyPutsThem) {
  ns::scene::SurfaceMesh mesh;
  std::string error;
  std::vector<std::string> warnings;
  ASSERT_TRUE(ns::scene::loadSurfaceMesh(NS_SOURCE_DIR "/assets/face.glb", mesh, error, warnings)) << error;
  std::map<std::string, glm::dvec3> centre;
  std::map<std::string, double> lateral, count;
  for (size_t v = 0; v < mesh.positions.size(); ++v) {
    const std::string& name = mesh.regionNames[mesh.regions[v]];
    centre[name] += glm::dvec3(mesh.positions[v]);
    lateral[name] += std::abs(mesh.positions[v].x);
    count[name] += 1;
  }
  for (auto& [name, c] : centre) c /= count[name], lateral[name] /= count[name];
  auto z = [&](const char* name) { return centre.at(name).z; };
  EXPECT_GT(z("forehead"), z("glabella"));
  EXPECT_GT(z("glabella"), z("eyelid"));
  EXPECT_GT(z("eyelid"), z("nose"));
  EXPECT_GT(z("nose"), z("upper_lip_vermilion"));
  EXPECT_GT(z("upper_lip_vermilion"), z("lower_lip_vermilion"));
  EXPECT_GT(z("lower_lip_vermilion"), z("chin"));
  EXPECT_GT(z("chin"), z("neck"));
  EXPECT_LT(lateral["nose"], 12.0);
  EXPECT_LT(lateral["glabella"], 10.0);
  EXPECT_GT(lateral["cheek"], 30.0);
  EXPECT_GT(lateral["temple"], 45.0);
  EXPECT_GT(lateral["ear"], 65.0);
  EXPECT_NEAR(lateral["eye"], 30.8, 3.0) << "interpupillary distance about 62 mm";
  ns::scene::SkinSurface face = ns::scene::meshSurface(std::move(mesh));
  for (const char* name : {"orbital", "lip_vermilion", "eyelid", "temple", "glabella", "jawline"}) {
    ns::scene::RegionView view;
    EXPECT_TRUE(ns::scene::regionView(face, name, view)) << name;
  }
}
