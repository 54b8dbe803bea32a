// Headless renders compared with approved golden images (perceptual tolerance).
#include <gtest/gtest.h>

#include "render/offscreen_target.h"
#include "pen/pen_model.h"
#include "render/scene_renderer.h"
#include "scene/surface_query.h"
#include "sim/channel_stamp.h"
#include "sim/diffusion_solver.h"
#include "sim/healing_gpu.h"
#include "support/golden.h"
#include "support/gpu_test.h"
#include "vk/commands.h"
#include "vk/readback.h"

using ns::test::GpuTest;

namespace {

// `mesh` (with its healing `atlas`, if any) replaces the patch, before `adjust`.
ns::core::ImageRGBA8 renderScene(ns::vk::Context& ctx, const ns::scene::Scene& scene, VkExtent2D extent,
                                 const std::function<void(ns::render::SceneRenderer&)>& adjust = {},
                                 const ns::sim::DiffusionGpu* field = nullptr,
                                 const ns::sim::HealingGpu* healing = nullptr,
                                 const ns::scene::SurfaceMesh* mesh = nullptr, glm::ivec2 atlas = {0, 0}) {
  ns::render::OffscreenTarget target;
  ns::render::createOffscreenTarget(ctx, target, extent);
  ns::render::SceneRenderer renderer;
  ns::render::createSceneRenderer(ctx, VK_NULL_HANDLE, target.renderPass, scene, renderer, field, healing);
  if (mesh) ns::render::setSurfaceMesh(ctx, VK_NULL_HANDLE, target.renderPass, renderer, *mesh, atlas);
  if (adjust) adjust(renderer);
  ns::vk::submitAndWait(ctx, [&](VkCommandBuffer cmd) { ns::render::recordScene(ctx, cmd, renderer, target); });
  ns::core::ImageRGBA8 image{extent.width, extent.height,
                             ns::vk::readbackRGBA8(ctx, target.color, ns::render::kColorRestingLayout)};
  ns::render::destroySceneRenderer(ctx, renderer);
  ns::render::destroyOffscreenTarget(ctx, target);
  return image;
}

// The pretreated default scene on a smaller grid after `seconds` of uptake (GPU).
ns::sim::DiffusionSolver solverAfter(ns::vk::Context& ctx, const ns::scene::Scene& scene, double seconds) {
  ns::sim::DiffusionSolver solver;
  ns::sim::createDiffusionSolver(&ctx, VK_NULL_HANDLE, scene, ns::sim::Backend::Gpu, {}, solver);
  ns::vk::submitAndWait(ctx, [&](VkCommandBuffer cmd) {
    ns::sim::advanceSolver(&ctx, cmd, solver, seconds);
    ns::sim::recordFieldToFragmentBarrier(ctx, cmd);
  });
  return solver;
}

ns::scene::SurfaceMesh loadFace() {
  ns::scene::SurfaceMesh face;
  std::string error;
  std::vector<std::string> warnings;
  EXPECT_TRUE(ns::scene::loadSurfaceMesh(NS_SOURCE_DIR "/assets/face.glb", face, error, warnings)) << error;
  return face;
}

ns::scene::Scene smallGridScene() {
  ns::scene::Scene scene = ns::scene::defaultScene();
  scene.domain.cells = {32, 32, 64};
  return scene;
}

}  // namespace

TEST_F(GpuTest, GoldenDefaultSkinPatch) {
  auto image = renderScene(ctx(), ns::scene::defaultScene(), {480, 270});
  ns::test::expectMatchesGolden("default-skin-patch", image);
}

TEST_F(GpuTest, GoldenSkinPatchCloseUpOfLayers) {
  // Low and close to the cut face: the five layer bands must be distinct.
  auto image = renderScene(ctx(), ns::scene::defaultScene(), {480, 270}, [](auto& r) {
    r.camera.pitch_deg = 8.0f;
    r.camera.distance_mm = 9.0f;
    r.camera.target = {0.0f, -6.0f, -1.2f};
  });
  ns::test::expectMatchesGolden("skin-patch-layers-closeup", image);
}

TEST_F(GpuTest, GoldenSerumCrossSectionAfterTwoMinutes) {
  // The pretreated default patch after 120 s of uptake, seen close to the cut face:
  // plumes of serum around each channel in the cross-section, channel openings on top.
  ns::scene::Scene scene = smallGridScene();
  ns::sim::DiffusionSolver solver = solverAfter(ctx(), scene, 120.0);
  auto image = renderScene(ctx(), scene, {480, 270}, [](auto& r) {
    r.camera.yaw_deg = -10.0f;
    r.camera.pitch_deg = 20.0f;
    r.camera.distance_mm = 7.0f;
    r.camera.target = {0.0f, -5.0f, -0.6f};
    r.settings.fieldSliceY = 14;  // through a row of channels: y = -0.25 mm is cell 14 of 32
  }, &solver.gpu);
  ns::sim::destroyDiffusionSolver(&ctx(), solver);
  ns::test::expectMatchesGolden("serum-cross-section-120s", image);
}

TEST_F(GpuTest, GoldenMicroViewOfChannelPlumes) {
  // The inset under a row of pretreated channels after two minutes of uptake.
  ns::scene::Scene scene = smallGridScene();
  ns::sim::DiffusionSolver solver = solverAfter(ctx(), scene, 120.0);
  auto image = renderScene(ctx(), scene, {480, 270}, [](auto& r) {
    r.settings.showMicroView = true;
    r.settings.microCentre_mm = {0.0f, -0.25f};  // a row of channels
  }, &solver.gpu);
  ns::sim::destroyDiffusionSolver(&ctx(), solver);
  ns::test::expectMatchesGolden("micro-view-120s", image);
}

TEST_F(GpuTest, GoldenRednessAndPinpointBleedingTwoMinutesAfterNeedling) {
  // A 0.25 mm grid of punctures 450 µm deep over the middle of the block, two
  // minutes on: redness rising around them, pinpoint bleeding still showing.
  ns::scene::Scene scene = ns::scene::defaultScene();
  scene.pretreatment.enabled = false;
  scene.domain.cells = {32, 32, 32};
  ns::sim::DiffusionSolver solver;
  ns::sim::createDiffusionSolver(&ctx(), VK_NULL_HANDLE, scene, ns::sim::Backend::Gpu, {}, solver);
  ns::sim::HealingState healing = ns::sim::createHealing(scene, solver.shape);
  ns::sim::HealingGpu healingGpu = ns::sim::createHealingGpu(ctx(), VK_NULL_HANDLE, healing, solver.channels, solver.gpu);
  for (double y = -1.0; y <= 1.0; y += 0.25)
    for (double x = -1.0; x <= 1.0; x += 0.25) ns::sim::depositPuncture(healing, {0.0, {x, y, 0.0}, 450, 200, false});
  ns::vk::submitAndWait(ctx(), [&](VkCommandBuffer cmd) {
    ns::sim::recordHealingStep(ctx(), cmd, healingGpu, healing, solver.channels, solver.gpu, 120.0);
  });
  auto image = renderScene(ctx(), scene, {480, 270}, [](auto& r) {
    r.settings.showField = false;
    r.settings.simTime_s = 120.0f;
    r.camera.pitch_deg = 55.0f;
    r.camera.distance_mm = 9.0f;
    r.camera.target = {0.0f, 0.0f, 0.0f};
  }, &solver.gpu, &healingGpu);
  ns::sim::destroyHealingGpu(ctx(), healingGpu);
  ns::sim::destroyDiffusionSolver(&ctx(), solver);
  ns::test::expectMatchesGolden("redness-and-bleeding-120s", image);
}

TEST_F(GpuTest, GoldenPenTiltedOverTheSkinWithNeedlesOut) {
  auto image = renderScene(ctx(), ns::scene::defaultScene(), {480, 270}, [](auto& r) {
    r.settings.penVisible = true;
    r.settings.penTip_mm = {1.0f, -1.0f, 0.0f};
    r.settings.penAxis = glm::normalize(glm::vec3(0.3f, 0.0f, -1.0f));  // ~17°: drawn amber
    r.settings.penContact = true;
    r.settings.penDial_mm = 1.5f;
    r.camera.distance_mm = 40.0f;
  });
  ns::test::expectMatchesGolden("pen-tilted-needling", image);
}

TEST_F(GpuTest, GoldenFaceMesh) {
  ns::scene::SurfaceMesh face = loadFace();
  ASSERT_FALSE(face.indices.empty());
  auto image = renderScene(ctx(), ns::scene::defaultScene(), {480, 270}, {}, nullptr, nullptr, &face);
  ns::test::expectMatchesGolden("face-mesh", image);
}

TEST_F(GpuTest, GoldenFaceNeedledOnTheCheekFourMinutesOn) {
  // A short glide on the cheek by the pen model on the face mesh: its punctures go
  // into the face's UV atlas by their UVs; four minutes on, seen close up, redness
  // rises around the puncture marks and pinpoint bleeding still shows.
  ns::scene::SurfaceMesh face = loadFace();
  ASSERT_FALSE(face.indices.empty());
  ns::scene::SurfaceIndex index = ns::scene::buildSurfaceIndex(face);
  ns::scene::Scene scene = ns::scene::defaultScene();
  scene.pretreatment.enabled = false;
  scene.domain.cells = {32, 32, 32};
  glm::ivec2 atlas = ns::scene::uvAtlasSize(face, 0.3, 4 << 20);
  ASSERT_GT(atlas.x, 256);
  ns::sim::DiffusionSolver solver;
  ns::sim::createDiffusionSolver(&ctx(), VK_NULL_HANDLE, scene, ns::sim::Backend::Gpu, {}, solver);
  ns::sim::HealingState healing = ns::sim::createAtlasHealing(scene, atlas.x, atlas.y);
  ns::sim::HealingGpu healingGpu = ns::sim::createHealingGpu(ctx(), VK_NULL_HANDLE, healing, solver.channels, solver.gpu);
  ns::pen::PenModel pen = ns::pen::createPenModel(scene);
  pen.surface = &face;
  pen.surfaceIndex = &index;
  ns::scene::SurfaceHit spot;
  ASSERT_TRUE(ns::scene::raycastSurface(face, index, {42, 300, -40}, {0, -1, 0}, 1000, spot));
  for (int strike = 0; strike < 24; ++strike) {  // 8 mm of glide, a strike every 1/3 mm
    ns::input::PenSample pose;
    ns::scene::SurfaceHit at;
    ASSERT_TRUE(ns::scene::raycastSurface(face, index, {38 + strike / 3.0, 300, -40}, {0, -1, 0}, 1000, at));
    pose.pos_mm = at.point;
    pose.dir = -at.normal;
    pose.contact = true;
    pose.depth_mm = 0.75;
    for (const ns::pen::Puncture& p : ns::pen::strikeOnSurface(pen, pose, {0, 0, 0})) {
      glm::dvec2 texels(atlas);
      ns::sim::depositPunctureAt(healing, {0.0, p.entry_mm, p.depth_um, p.width_um, false}, p.uv * texels,
                                 p.uvScale_mm * 1000.0 / texels);
    }
  }
  ns::vk::submitAndWait(ctx(), [&](VkCommandBuffer cmd) {
    ns::sim::recordHealingStep(ctx(), cmd, healingGpu, healing, solver.channels, solver.gpu, 240.0);
  });
  auto image = renderScene(ctx(), scene, {480, 270}, [&](auto& r) {
    ns::render::focusCamera(r.camera, glm::vec3(spot.point), glm::vec3(spot.normal), 28.0f);
    r.camera.yaw_deg += 30.0f;  // a little from the side: the cheek's curve shows
    r.camera.pitch_deg += 10.0f;
    r.settings.simTime_s = 240.0f;
  }, &solver.gpu, &healingGpu, &face, atlas);
  ns::sim::destroyHealingGpu(ctx(), healingGpu);
  ns::sim::destroyDiffusionSolver(&ctx(), solver);
  ns::test::expectMatchesGolden("face-needled-cheek-240s", image);
}

TEST_F(GpuTest, RenderIsNotBlankAndShowsSkinAndBackground) {
  // A guard that needs no golden: the middle is skin-coloured, the corner is background.
  auto image = renderScene(ctx(), ns::scene::defaultScene(), {160, 90});
  auto pixel = [&](uint32_t x, uint32_t y) { return &image.pixels[(size_t(y) * image.width + x) * 4]; };
  const uint8_t* centre = pixel(80, 40);
  EXPECT_GT(centre[0], centre[2] + 40) << "skin is warm: red well above blue";
  const uint8_t* corner = pixel(2, 2);
  EXPECT_LT(corner[0], 90);
  EXPECT_LE(corner[0], corner[2]) << "background is cool grey-blue";
}
