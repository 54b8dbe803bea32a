// Views a trainee must be able to read (issue 30), measured on read-back images:
// the pen hides little of the skin around its tip, and punctures show as small
// dark pinpoints with redness around them that fade as the skin heals.
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

// Seen along its own axis from further off (the kiosk's try looks straight down an
// upright pen at the cheek, 80 mm away), the barrel would stand over the very spot
// being needled as a disc: it fades to a ghost there, the cartridge's end and the
// tip still drawn.
TEST_F(GpuTest, PenSeenEndOnHidesLittleOfTheSkin) {
  ns::scene::Scene scene = ns::scene::defaultScene();
  ns::scene::SkinSurface skin = ns::scene::patchSurface(scene);
  auto fromAbove = [](ns::render::FrameView& v) {
    v.camera.target = {0.0f, 0.0f, 0.0f};
    v.camera.pitch_deg = 85.0f;
    v.camera.distance_mm = 80.0f;
  };
  Image without = render(ctx(), scene, skin, {}, fromAbove);
  Image with = render(ctx(), scene, skin, {}, [&](auto& v) {
    fromAbove(v);
    penOverCentre(v, false);
    v.settings.penTip_mm = v.camera.target;
    v.settings.penAxis = -glm::normalize(ns::render::eyePosition(v.camera) - v.camera.target);
  });
  keep(with, "pen-end-on");
  double hidden = hiddenSkinFraction(without, with);
  std::printf("pen seen end-on: %.1f %% of the skin pixels hidden\n", 100 * hidden);
  EXPECT_LT(hidden, 0.03);
}

namespace {

// Punctures on a 1 mm grid over the middle of the patch (450 µm deep, as at a
// 0.75 mm dial), their healing stepped `seconds` on; drawn from above at 14 mm.
struct Punctured {
  Image image;
  ns::render::FrameView view;
};

// The patch without its pretreatment, a small solver and the healing fields on the
// GPU: what the puncture views deposit into, step and draw (destroy when done).
struct HealingPatch {
  ns::scene::Scene scene;
  ns::scene::SkinSurface skin;
  ns::sim::DiffusionSolver solver;
  ns::sim::HealingState healing;
  ns::sim::HealingGpu gpu;
};

void createHealingPatch(ns::vk::Context& ctx, HealingPatch& p) {
  p.scene = ns::scene::defaultScene();
  p.scene.pretreatment.enabled = false;
  p.scene.domain.cells = {32, 32, 32};
  p.skin = ns::scene::patchSurface(p.scene);
  glm::ivec2 atlas = ns::scene::surfaceAtlasSize(p.skin, 0.3, 4 << 20);
  ns::sim::createDiffusionSolver(&ctx, VK_NULL_HANDLE, p.scene, ns::sim::Backend::Gpu, {}, p.solver);
  p.healing = ns::sim::createAtlasHealing(p.scene, atlas.x, atlas.y);
  p.gpu = ns::sim::createHealingGpu(ctx, VK_NULL_HANDLE, p.healing, p.solver.channels, p.solver.gpu);
}

// Steps the healing `seconds` on.
void healFor(ns::vk::Context& ctx, HealingPatch& p, double seconds) {
  ns::vk::submitAndWait(ctx, [&](VkCommandBuffer cmd) {
    ns::sim::recordHealingStep(ctx, cmd, p.gpu, p.healing, p.solver.channels, p.solver.gpu, seconds);
  });
}

void destroyHealingPatch(ns::vk::Context& ctx, HealingPatch& p) {
  ns::sim::destroyHealingGpu(ctx, p.gpu);
  ns::sim::destroyDiffusionSolver(&ctx, p.solver);
}

Punctured puncturedPatch(ns::vk::Context& ctx, double seconds, bool coverage = false) {
  HealingPatch p;
  createHealingPatch(ctx, p);
  double width = 2 * p.skin.patchHalfWidth_mm;
  for (int j = -1; j <= 1; ++j)
    for (int i = -1; i <= 1; ++i) {
      glm::dvec3 at(i * 1.0, j * 1.0, 0.0);
      ns::sim::depositPunctureOnSurface(p.healing, {0.0, at, 450, 200, false}, glm::dvec2(at) / width + 0.5,
                                        glm::dvec2(width));
    }
  healFor(ctx, p, seconds);
  Punctured out;
  out.image = render(ctx, p.scene, p.skin, ns::sim::publishedField(p.solver.gpu, p.gpu, p.healing), [&](auto& v) {
    v.settings.showField = false;
    v.settings.showCoverage = coverage;
    v.settings.simTime_s = float(seconds);
    v.camera.target = {0.0f, 0.0f, 0.0f};
    v.camera.yaw_deg = 0.0f;
    v.camera.pitch_deg = 89.0f;
    v.camera.distance_mm = 14.0f;
    out.view = v;
  });
  destroyHealingPatch(ctx, p);
  return out;
}

// Around each puncture: the darkest pixel within 0.15 mm, the mean colour of the ring
// 0.3-0.45 mm out (its redness), and how many pixels within 0.5 mm are dark
// (below 80 % of the ring's luminance). Untreated skin: 2.5 mm from any puncture.
struct PunctureLook {
  float contrast = 0;       // 1 - darkest / ring luminance, worst of the punctures
  float darkArea_mm2 = 0;   // the largest dark spot
  float ringRedness = 0, skinRedness = 0;
  float saturationInSpot = 0;  // (R - G) / R of the darkest pixel, most saturated
};

PunctureLook lookAtPunctures(const Punctured& p) {
  float pxPerMm = glm::length(project(p.view, {1, 0, 0}) - project(p.view, {0, 0, 0}));
  PunctureLook look;
  look.contrast = 1.0f;
  for (int j = -1; j <= 1; ++j)
    for (int i = -1; i <= 1; ++i) {
      glm::vec2 c = project(p.view, {float(i), float(j), 0.0f});
      float darkest = 1e9f, ringL = 0, ringR = 0;
      int ringN = 0, dark = 0;
      const uint8_t* darkestPixel = nullptr;
      int reach = int(std::ceil(0.5f * pxPerMm));
      for (int dy = -reach; dy <= reach; ++dy)
        for (int dx = -reach; dx <= reach; ++dx) {
          float r_mm = std::hypot(float(dx), float(dy)) / pxPerMm;
          const uint8_t* px = pixel(p.image, int(c.x) + dx, int(c.y) + dy);
          if (r_mm <= 0.15f && luminance(px) < darkest) darkest = luminance(px), darkestPixel = px;
          if (r_mm >= 0.3f && r_mm <= 0.45f) ringL += luminance(px), ringR += redness(px), ++ringN;
        }
      ringL /= float(ringN);
      for (int dy = -reach; dy <= reach; ++dy)
        for (int dx = -reach; dx <= reach; ++dx)
          if (std::hypot(float(dx), float(dy)) <= 0.5f * pxPerMm && luminance(pixel(p.image, int(c.x) + dx, int(c.y) + dy)) < 0.8f * ringL)
            ++dark;
      look.contrast = std::min(look.contrast, 1.0f - darkest / ringL);
      look.darkArea_mm2 = std::max(look.darkArea_mm2, float(dark) / (pxPerMm * pxPerMm));
      look.ringRedness += ringR / float(ringN) / 9.0f;
      look.saturationInSpot = std::max(look.saturationInSpot, redness(darkestPixel));
    }
  glm::vec2 far = project(p.view, {-2.5f, 2.5f, 0.0f});
  float skinR = 0;
  for (int dy = -3; dy <= 3; ++dy)
    for (int dx = -3; dx <= 3; ++dx) skinR += redness(pixel(p.image, int(far.x) + dx, int(far.y) + dy)) / 49.0f;
  look.skinRedness = skinR;
  return look;
}

void print(const char* what, const PunctureLook& l) {
  std::printf("%s: pinpoint contrast %.2f, dark spot %.3f mm2, spot (R-G)/R %.2f, ring (R-G)/R %.3f, skin %.3f\n", what,
              l.contrast, l.darkArea_mm2, l.saturationInSpot, l.ringRedness, l.skinRedness);
}

}  // namespace

// Two minutes after needling each puncture is a small dark pinpoint (a needle is
// 0.2 mm across: the spot is no bigger than a few needles' area, and dark — blood in
// a tiny hole — not a saturated red dab); a quarter of an hour on, redness
// (erythema) has risen around it over untreated skin and the pinpoint still shows.
TEST_F(GpuTest, PuncturesAreDarkPinpointsWithRednessAround) {
  PunctureLook fresh = lookAtPunctures(puncturedPatch(ctx(), 120.0));
  PunctureLook later = lookAtPunctures(puncturedPatch(ctx(), 900.0));
  print("120 s", fresh);
  print("15 min", later);
  EXPECT_GT(fresh.contrast, 0.45f) << "a dark pinpoint";
  EXPECT_LT(fresh.darkArea_mm2, 0.12f) << "small: about a needle's width";
  EXPECT_LT(fresh.saturationInSpot, 0.6f) << "dark, not paint-red";
  EXPECT_GT(later.ringRedness, later.skinRedness + 0.02f) << "erythema around the puncture";
  EXPECT_GT(later.contrast, 0.1f) << "the pinpoint still shows";
}

// A week on the channels have closed and the erythema resolved: the pinpoints
// and the redness have faded with the healing fields.
TEST_F(GpuTest, PuncturesFadeAsTheSkinHeals) {
  PunctureLook fresh = lookAtPunctures(puncturedPatch(ctx(), 120.0));
  PunctureLook healed = lookAtPunctures(puncturedPatch(ctx(), 7 * 86400.0));
  print("120 s", fresh);
  print("7 days", healed);
  EXPECT_LT(healed.contrast, 0.1f);
  EXPECT_LT(healed.contrast, 0.25f * fresh.contrast);
  EXPECT_LT(healed.ringRedness - healed.skinRedness, 0.5f * (fresh.ringRedness - fresh.skinRedness));
}

namespace {

// A glide across the front of the patch as a trainee makes it (0.75 mm dial, a
// strike every 1/3 mm, the pen model's cartridge), two minutes on, seen from the
// trainee's starting view.
Image glideInStartView(ns::vk::Context& ctx, ns::render::FrameView& seen) {
  HealingPatch patch;
  createHealingPatch(ctx, patch);
  ns::pen::PenModel pen = ns::pen::createPenModel(patch.scene);
  for (double x = -3.0; x <= 3.0; x += 1.0 / 3.0) {
    ns::input::PenSample pose;
    pose.pos_mm = {x, -1.0, 0.0};
    pose.dir = {0, 0, -1};
    pose.contact = true;
    pose.depth_mm = 0.75;
    for (const ns::pen::Puncture& p : ns::pen::strikeOnSkin(pen, patch.skin, pose, {0, 0, 0}))
      ns::sim::depositPunctureOnSurface(patch.healing, {0.0, p.entry_mm, p.depth_um, p.width_um, false}, p.uv,
                                        p.uvScale_mm);
  }
  healFor(ctx, patch, 120.0);
  Image image = render(ctx, patch.scene, patch.skin, ns::sim::publishedField(patch.solver.gpu, patch.gpu, patch.healing),
                       [&](auto& v) {
                         v.settings.simTime_s = 120.0f;
                         seen = v;
                       });
  destroyHealingPatch(ctx, patch);
  return image;
}

}  // namespace

// The glide seen as a trainee sees it: skin with punctures — redness over the
// treated band and dark pinpoints in it — not strokes of red paint (bright,
// saturated red pixels).
TEST_F(GpuTest, AGlideReadsAsPuncturedSkinNotRedPaint) {
  ns::render::FrameView view;
  Image image = glideInStartView(ctx(), view);
  keep(image, "glide-start-view");
  glm::vec2 a = project(view, {-2.5f, -1.3f, 0}), b = project(view, {2.5f, -0.7f, 0});
  glm::vec2 s = project(view, {-2.5f, 3.0f, 0}), t = project(view, {2.5f, 3.6f, 0});  // untreated, behind
  auto stats = [&](glm::vec2 lo, glm::vec2 hi, float& paint, float& dark, float& red, float& lum) {
    int n = 0;
    paint = dark = red = lum = 0;
    for (int y = int(std::min(lo.y, hi.y)); y <= int(std::max(lo.y, hi.y)); ++y)
      for (int x = int(std::min(lo.x, hi.x)); x <= int(std::max(lo.x, hi.x)); ++x, ++n) {
        const uint8_t* p = pixel(image, x, y);
        paint += p[0] > 120 && redness(p) > 0.5f;
        red += redness(p), lum += luminance(p);
      }
    paint /= float(n), red /= float(n), lum /= float(n);
    for (int y = int(std::min(lo.y, hi.y)); y <= int(std::max(lo.y, hi.y)); ++y)
      for (int x = int(std::min(lo.x, hi.x)); x <= int(std::max(lo.x, hi.x)); ++x) dark += luminance(pixel(image, x, y)) < 0.8f * lum;
    dark /= float(n);
  };
  float paint, dark, red, lum, skinPaint, skinDark, skinRed, skinLum;
  stats(a, b, paint, dark, red, lum);
  stats(s, t, skinPaint, skinDark, skinRed, skinLum);
  std::printf("treated band: %.1f %% bright red, %.1f %% dark pinpoints, (R-G)/R %.3f; untreated %.3f\n", 100 * paint,
              100 * dark, red, skinRed);
  EXPECT_LT(paint, 0.01f) << "no strokes of bright red";
  EXPECT_GT(dark, 0.01f) << "pinpoints show";
  EXPECT_GT(red, skinRed + 0.03f) << "redness over the band";
}
