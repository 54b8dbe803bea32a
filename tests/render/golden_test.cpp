// Headless renders compared with approved golden images (perceptual tolerance).
#include <gtest/gtest.h>

#include "render/offscreen_target.h"
#include "pen/pen_model.h"
#include "render/renderer.h"
#include "scene/skin_surface.h"
#include "scene/surface_query.h"
#include "sim/channel_stamp.h"
#include "sim/diffusion_solver.h"
#include "sim/field_view.h"
#include "sim/healing_gpu.h"
#include "support/golden.h"
#include "support/gpu_test.h"
#include "vk/commands.h"
#include "vk/readback.h"

using ns::test::GpuTest;

namespace {

// The serum field alone, as published by a simulation without a healing surface.
ns::sim::FieldView serumOnly(const ns::sim::DiffusionGpu& diffusion) {
  return ns::sim::publishedField(diffusion, ns::sim::HealingGpu{}, ns::sim::HealingState{});
}

ns::core::ImageRGBA8 drawFrame(ns::vk::Context& ctx, ns::render::Renderer& renderer,
                               const ns::render::OffscreenTarget& target, const ns::render::FrameView& view) {
  ns::vk::submitAndWait(ctx, [&](VkCommandBuffer cmd) { ns::render::recordFrame(ctx, cmd, renderer, target, view); });
  return {target.extent.width, target.extent.height,
          ns::vk::readbackRGBA8(ctx, target.color, ns::render::kColorRestingLayout)};
}

// The scene on `skin` (the patch when null) with `field`, from the initial view
// changed by `adjust`.
ns::core::ImageRGBA8 renderScene(ns::vk::Context& ctx, const ns::scene::Scene& scene, VkExtent2D extent,
                                 const std::function<void(ns::render::FrameView&)>& adjust = {},
                                 const ns::sim::FieldView& field = {}, const ns::scene::SkinSurface* skin = nullptr) {
  ns::scene::SkinSurface patch = ns::scene::patchSurface(scene);
  if (!skin) skin = &patch;
  ns::render::OffscreenTarget target;
  ns::render::createOffscreenTarget(ctx, target, extent);
  ns::render::Renderer renderer =
      ns::render::createRenderer(ctx, VK_NULL_HANDLE, target.renderPass, scene, *skin, field);
  ns::render::FrameView view = ns::render::initialView(scene, *skin);
  view.field = field;
  if (adjust) adjust(view);
  ns::core::ImageRGBA8 image = drawFrame(ctx, renderer, target, view);
  ns::render::destroyRenderer(ctx, renderer);
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
  }, serumOnly(solver.gpu));
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
  }, serumOnly(solver.gpu));
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
  }, ns::sim::publishedField(solver.gpu, healingGpu, healing));
  ns::sim::destroyHealingGpu(ctx(), healingGpu);
  ns::sim::destroyDiffusionSolver(&ctx(), solver);
  ns::test::expectMatchesGolden("redness-and-bleeding-120s", image);
}

TEST_F(GpuTest, GoldenPatchAtlasShowsAPassOutsideTheBlockTwoMinutesOn) {
  // What you see is what you did: the patch's healing surface is an atlas over the
  // whole visible patch (its UV chart), so a pass of the pen along y = +3.5 mm, well
  // outside the 4 mm block (its white outline), leaves puncture marks, redness and
  // pinpoint bleeding where it went, two minutes on.
  ns::scene::Scene scene = ns::scene::defaultScene();
  scene.pretreatment.enabled = false;
  scene.domain.cells = {32, 32, 32};
  ns::scene::SkinSurface skin = ns::scene::patchSurface(scene);
  glm::ivec2 atlas = ns::scene::surfaceAtlasSize(skin, 0.3, 4 << 20);
  ASSERT_EQ(atlas, glm::ivec2(60));
  ns::sim::DiffusionSolver solver;
  ns::sim::createDiffusionSolver(&ctx(), VK_NULL_HANDLE, scene, ns::sim::Backend::Gpu, {}, solver);
  ns::sim::HealingState healing = ns::sim::createAtlasHealing(scene, atlas.x, atlas.y);
  ns::sim::HealingGpu healingGpu = ns::sim::createHealingGpu(ctx(), VK_NULL_HANDLE, healing, solver.channels, solver.gpu);
  ns::pen::PenModel pen = ns::pen::createPenModel(scene);
  for (double x = -4.0; x <= 4.0; x += 0.5) {  // a strike every 0.5 mm, 0.75 mm dial
    ns::input::PenSample pose;
    pose.pos_mm = {x, 3.5, 0.0};
    pose.dir = {0, 0, -1};
    pose.contact = true;
    pose.depth_mm = 0.75;
    for (const ns::pen::Puncture& p : ns::pen::strikeOnSkin(pen, skin, pose, {0, 0, 0})) {
      ASSERT_GT(p.uvScale_mm.x, 0.0) << "on the visible patch, so on its chart";
      ns::sim::depositPunctureOnSurface(healing, {0.0, p.entry_mm, p.depth_um, p.width_um, false}, p.uv, p.uvScale_mm);
    }
  }
  ns::vk::submitAndWait(ctx(), [&](VkCommandBuffer cmd) {
    ns::sim::recordHealingStep(ctx(), cmd, healingGpu, healing, solver.channels, solver.gpu, 120.0);
  });
  auto image = renderScene(ctx(), scene, {480, 270}, [](auto& r) {
    r.settings.simTime_s = 120.0f;
    r.camera.yaw_deg = -15.0f;
    r.camera.pitch_deg = 55.0f;
    r.camera.distance_mm = 12.0f;
    r.camera.target = {0.0f, 1.5f, 0.0f};
  }, ns::sim::publishedField(solver.gpu, healingGpu, healing), &skin);
  ns::sim::destroyHealingGpu(ctx(), healingGpu);
  ns::sim::destroyDiffusionSolver(&ctx(), solver);
  ns::test::expectMatchesGolden("patch-atlas-pass-outside-block-120s", image);
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
  ns::scene::SkinSurface skin = ns::scene::meshSurface(face);
  auto image = renderScene(ctx(), ns::scene::defaultScene(), {480, 270}, {}, {}, &skin);
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
  ns::scene::SkinSurface skin = ns::scene::meshSurface(face);
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
    for (const ns::pen::Puncture& p : ns::pen::strikeOnSkin(pen, skin, pose, {0, 0, 0})) {
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
  }, ns::sim::publishedField(solver.gpu, healingGpu, healing), &skin);
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

TEST_F(GpuTest, SameFrameViewDrawsTheSamePicture) {
  // The renderer keeps no per-frame state: a frame drawn again after a different one
  // (camera, overlay, cut, pen variant, no micro view) is the same to the byte.
  ns::scene::Scene scene = smallGridScene();
  ns::sim::DiffusionSolver solver = solverAfter(ctx(), scene, 30.0);
  ns::sim::HealingState healing = ns::sim::createHealing(scene, solver.shape);
  ns::sim::HealingGpu healingGpu = ns::sim::createHealingGpu(ctx(), VK_NULL_HANDLE, healing, solver.channels, solver.gpu);
  for (double x = -1.0; x <= 1.0; x += 0.5) ns::sim::depositPuncture(healing, {0.0, {x, 0.0, 0.0}, 450, 200, false});
  ns::vk::submitAndWait(ctx(), [&](VkCommandBuffer cmd) {
    ns::sim::recordHealingStep(ctx(), cmd, healingGpu, healing, solver.channels, solver.gpu, 30.0);
  });
  ns::scene::SkinSurface skin = ns::scene::patchSurface(scene);
  ns::render::OffscreenTarget target;
  ns::render::createOffscreenTarget(ctx(), target, {240, 135});
  ns::sim::FieldView field = ns::sim::publishedField(solver.gpu, healingGpu, healing);
  ns::render::Renderer renderer = ns::render::createRenderer(ctx(), VK_NULL_HANDLE, target.renderPass, scene, skin, field);
  ns::render::FrameView first = ns::render::initialView(scene, skin);
  first.field = field;
  first.settings.simTime_s = 30.0f;
  first.settings.showMicroView = true;
  first.settings.penVisible = true;
  first.settings.penContact = true;
  first.settings.penDial_mm = 1.0f;
  ns::render::FrameView other = first;
  other.camera.yaw_deg += 40.0f;
  other.camera.distance_mm *= 0.7f;
  other.settings.showCoverage = true;
  other.settings.fieldSliceY = 3;
  other.settings.showMicroView = false;
  other.settings.penContact = false;
  other.settings.penAxis = glm::normalize(glm::vec3(0.4f, 0.0f, -1.0f));
  other.settings.penDial_mm = 0.5f;
  ns::core::ImageRGBA8 before = drawFrame(ctx(), renderer, target, first);
  ns::core::ImageRGBA8 between = drawFrame(ctx(), renderer, target, other);
  ns::core::ImageRGBA8 again = drawFrame(ctx(), renderer, target, first);
  ns::render::destroyRenderer(ctx(), renderer);
  ns::render::destroyOffscreenTarget(ctx(), target);
  ns::sim::destroyHealingGpu(ctx(), healingGpu);
  ns::sim::destroyDiffusionSolver(&ctx(), solver);
  EXPECT_NE(before.pixels, between.pixels) << "the other view draws another picture";
  EXPECT_TRUE(before.pixels == again.pixels) << "the same view drew a different picture the second time";
}
