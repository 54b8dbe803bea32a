// Views a trainee must be able to read (issue 30), measured on read-back images:
// the pen hides little of the skin around its tip.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>

#include "core/image.h"
#include "render/offscreen_target.h"
#include "pen/pen_model.h"
#include "render/pen_mesh.h"
#include "render/renderer.h"
#include "scene/skin_surface.h"
#include "sim/diffusion_solver.h"
#include "sim/field_view.h"
#include "sim/healing_gpu.h"
#include "support/gpu_test.h"
#include "vk/commands.h"
#include "vk/readback.h"

using ns::test::GpuTest;

namespace {

using Image = ns::core::ImageRGBA8;
constexpr VkExtent2D kExtent{640, 400};  // half of the trainee's 1280 x 800 window

Image render(ns::vk::Context& ctx, const ns::scene::Scene& scene, const ns::scene::SkinSurface& skin,
             const ns::sim::FieldView& field, const std::function<void(ns::render::FrameView&)>& adjust) {
  ns::render::OffscreenTarget target;
  ns::render::createOffscreenTarget(ctx, target, kExtent);
  ns::render::Renderer renderer = ns::render::createRenderer(ctx, VK_NULL_HANDLE, target.renderPass, scene, skin, field);
  ns::render::FrameView view = ns::render::initialView(scene, skin);
  view.field = field;
  adjust(view);
  ns::vk::submitAndWait(ctx, [&](VkCommandBuffer cmd) { ns::render::recordFrame(ctx, cmd, renderer, target, view); });
  Image image{kExtent.width, kExtent.height, ns::vk::readbackRGBA8(ctx, target.color, ns::render::kColorRestingLayout)};
  ns::render::destroyRenderer(ctx, renderer);
  ns::render::destroyOffscreenTarget(ctx, target);
  return image;
}

// Kept for a person to look at: build/test-output/views/NAME.png.
void keep(const Image& image, const std::string& name) {
  std::string dir = NS_BINARY_DIR "/test-output/views", error;
  std::filesystem::create_directories(dir);
  EXPECT_TRUE(ns::core::writePng(dir + "/" + name + ".png", image, error)) << error;
}

const uint8_t* pixel(const Image& image, int x, int y) {
  x = std::clamp(x, 0, int(image.width) - 1), y = std::clamp(y, 0, int(image.height) - 1);
  return &image.pixels[(size_t(y) * image.width + size_t(x)) * 4];
}
float luminance(const uint8_t* p) { return 0.2126f * p[0] + 0.7152f * p[1] + 0.0722f * p[2]; }
float redness(const uint8_t* p) { return float(p[0] - p[1]) / std::max(1.0f, float(p[0])); }  // (R - G) / R

// Pixels of skin (warm: red well above blue, where the background is grey-blue)
// whose colour the pen changed visibly (by more than 20 of 255): skin a trainee
// can no longer read through the pen (its colour, redness and marks).
double hiddenSkinFraction(const Image& without, const Image& with) {
  size_t skin = 0, hidden = 0;
  for (size_t i = 0; i < without.pixels.size(); i += 4) {
    const uint8_t* a = &without.pixels[i];
    const uint8_t* b = &with.pixels[i];
    if (a[0] < a[2] + 40) continue;
    ++skin;
    int diff = 0;
    for (int c = 0; c < 3; ++c) diff = std::max(diff, std::abs(int(a[c]) - int(b[c])));
    if (diff > 20) ++hidden;
  }
  return skin ? double(hidden) / double(skin) : 1.0;
}

glm::vec2 project(const ns::render::FrameView& view, glm::vec3 p_mm) {
  glm::vec4 clip = ns::render::viewProjection(view.camera, float(kExtent.width) / float(kExtent.height)) * glm::vec4(p_mm, 1);
  return {(clip.x / clip.w * 0.5f + 0.5f) * float(kExtent.width), (clip.y / clip.w * 0.5f + 0.5f) * float(kExtent.height)};
}

void penOverCentre(ns::render::FrameView& view, bool contact) {
  view.settings.penVisible = true;
  view.settings.penTip_mm = {0.5f, -2.0f, 0.0f};  // on the front half, where the trainee works
  view.settings.penAxis = glm::normalize(glm::vec3(0.0f, 0.15f, -1.0f));  // held a little towards the trainee
  view.settings.penContact = contact;
  view.settings.penDial_mm = 0.5f;
}

}  // namespace

// A microneedling pen is a slim handpiece (the size of a felt-tip marker: Dermapen,
// The Aesthetic Guide, Nov/Dec 2012), its cartridge narrowing to the tip where the
// needles come out: the barrel 15-18 mm across, the cartridge's tip a few mm, the
// needles leaving exactly at the pen's origin (the tip on the skin).
TEST(PenMesh, SlimBarrelAndACartridgeTipWhereTheNeedlesLand) {
  ns::scene::Pen pen = ns::scene::defaultScene().pen;
  ns::render::SolidMesh mesh = ns::render::buildPenMesh(pen, 0.5, 0.5, false);
  float barrel = 0, tip = 0, lowest = 1e9f, needleLowest = 1e9f;
  for (const auto& v : mesh.vertices) {
    float r = std::hypot(v.position[0], v.position[1]), z = v.position[2];
    bool steel = v.color[3] >= 0.999f && r < 2.0f && z <= 0.0f;
    if (steel) {
      needleLowest = std::min(needleLowest, z);
      continue;
    }
    lowest = std::min(lowest, z);
    if (z > 40.0f) barrel = std::max(barrel, r);
    if (z < 1.0f) tip = std::max(tip, r);
  }
  EXPECT_GE(2 * barrel, 15.0f);
  EXPECT_LE(2 * barrel, 18.0f);
  EXPECT_LE(2 * tip, 6.0f) << "the cartridge narrows to a tip a few mm across";
  EXPECT_NEAR(lowest, 0.0f, 1e-4f) << "the cartridge's tip is the pen's origin, on the skin";
  EXPECT_NEAR(needleLowest, -0.5f, 1e-4f) << "the needles stick out by the dial";
}

// The pen over the middle of the patch in the trainee's starting view: the skin
// around and under it stays readable (the bug: a wide grey slab over the skin).
TEST_F(GpuTest, PenHidesLittleOfTheSkin) {
  ns::scene::Scene scene = ns::scene::defaultScene();
  ns::scene::SkinSurface skin = ns::scene::patchSurface(scene);
  Image without = render(ctx(), scene, skin, {}, [](auto&) {});
  for (bool contact : {false, true}) {
    Image with = render(ctx(), scene, skin, {}, [&](auto& v) { penOverCentre(v, contact); });
    keep(with, contact ? "pen-needling" : "pen-hovering");
    double hidden = hiddenSkinFraction(without, with);
    std::printf("pen %s: %.1f %% of the skin pixels hidden\n", contact ? "needling" : "hovering", 100 * hidden);
    EXPECT_LT(hidden, 0.06) << (contact ? "needling" : "hovering");
  }
}

// Close to the eye the pen fades out: with the camera looking down the pen from
// just behind its top, the skin around the tip is still seen.
TEST_F(GpuTest, PenFadesNearTheEye) {
  ns::scene::Scene scene = ns::scene::defaultScene();
  ns::scene::SkinSurface skin = ns::scene::patchSurface(scene);
  auto closeUp = [](ns::render::FrameView& v) {
    v.camera.target = {0.0f, 0.0f, 0.0f};
    v.camera.pitch_deg = 70.0f;
    v.camera.distance_mm = 30.0f;
  };
  Image without = render(ctx(), scene, skin, {}, closeUp);
  Image with = render(ctx(), scene, skin, {}, [&](auto& v) {
    closeUp(v);
    penOverCentre(v, false);
    v.settings.penAxis = -glm::normalize(ns::render::eyePosition(v.camera) - v.camera.target + glm::vec3(0, 0, 0.5f));
  });
  keep(with, "pen-towards-the-eye");
  double hidden = hiddenSkinFraction(without, with);
  std::printf("pen towards the eye: %.1f %% of the skin pixels hidden\n", 100 * hidden);
  EXPECT_LT(hidden, 0.06);
}

