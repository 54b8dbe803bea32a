// The screen layout and the educator's mode through the needlesim binary: the 3D
// view's share of the window is measured from the UI's own rectangles (ui.layout in
// the report) on the patch and the face, trainee and educator, at 1x and 2x; no two
// panels overlap and the micro view with its caption stays clear of them; pins go
// into the report and stay on the skin as the view moves.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/image.h"
#include "runtime/educator.h"
#include "scene/scene.h"
#include "scene/skin_surface.h"
#include "support/cli_support.h"
#include "support/golden.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using ns::test::binary;

struct Box {
  double x, y, w, h;
};
Box box(const json& r) { return {r[0].get<double>(), r[1].get<double>(), r[2].get<double>(), r[3].get<double>()}; }
bool overlap(const Box& a, const Box& b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

// The run's screenshot against tests/goldens/NAME.png; a 2x run on a screen twice
// as large is halved first (2x2 box), so its golden is the size of the others.
void expectLayoutGolden(const std::string& run, const std::string& golden, int downscale = 1) {
  ns::core::ImageRGBA8 shot, small;
  std::string error;
  ASSERT_TRUE(ns::core::readPng((fs::path(NS_BINARY_DIR) / "test-output" / "layout" / run / "shot.png").string(), shot, error)) << error;
  small.width = shot.width / downscale;
  small.height = shot.height / downscale;
  small.pixels.resize(size_t(small.width) * small.height * 4);
  for (uint32_t y = 0; y < small.height; ++y)
    for (uint32_t x = 0; x < small.width; ++x)
      for (int c = 0; c < 4; ++c) {
        int sum = 0;
        for (int dy = 0; dy < downscale; ++dy)
          for (int dx = 0; dx < downscale; ++dx)
            sum += shot.pixels[((size_t(y) * downscale + dy) * shot.width + size_t(x) * downscale + dx) * 4 + c];
        small.pixels[(size_t(y) * small.width + x) * 4 + c] = uint8_t(sum / (downscale * downscale));
      }
  ns::test::expectMatchesGolden(golden, small);
}

// A headless run of a few frames with the overlay; returns its report.
json layoutRun(const std::string& name, const std::string& args, int* exitCode = nullptr) {
  fs::path dir = ns::test::scratchDir("layout", name);
  std::string command = binary() + " --headless --validate --frames 4 " + args + " --screenshot '" +
                        (dir / "shot.png").string() + "' --report '" + (dir / "report.json").string() + "' 2> '" +
                        (dir / "err.txt").string() + "'";
  int code = ns::test::runShell(command);
  if (exitCode) *exitCode = code;
  else EXPECT_EQ(code, 0) << command;
  return ns::test::readJsonFile(dir / "report.json");
}

// No two panels overlap, each is inside the window, and the micro view (with a
// caption of up to three lines above it) is clear of every panel.
void expectCleanLayout(const json& report, double minViewFraction) {
  ASSERT_TRUE(report.contains("ui")) << report.dump();
  const json& layout = report["ui"]["layout"];
  double w = report["resolution"][0], h = report["resolution"][1];
  EXPECT_GE(layout["view_fraction"].get<double>(), minViewFraction);
  const json& panels = layout["panels"];
  ASSERT_GE(panels.size(), 4u);
  for (size_t i = 0; i < panels.size(); ++i) {
    Box a = box(panels[i]["rect"]);
    EXPECT_GE(a.x, 0);
    EXPECT_GE(a.y, 0);
    EXPECT_LE(a.x + a.w, w + 0.5) << panels[i]["name"];
    EXPECT_LE(a.y + a.h, h + 0.5) << panels[i]["name"];
    EXPECT_LE(panels[i]["overflow_px"].get<double>(), 2.0) << panels[i]["name"] << ": text cut off at the panel's edge";
    for (size_t j = i + 1; j < panels.size(); ++j)
      EXPECT_FALSE(overlap(a, box(panels[j]["rect"]))) << panels[i]["name"] << " and " << panels[j]["name"];
    if (layout.contains("micro_view")) {
      Box micro = box(layout["micro_view"]);
      double caption = 3 * 13 * report["ui"]["scale"].get<double>() + 8;
      Box withCaption{micro.x, micro.y - caption, micro.w, micro.h + caption};
      EXPECT_FALSE(overlap(withCaption, a)) << "micro view under " << panels[i]["name"];
    }
  }
  EXPECT_EQ(report["validation"]["errors"], 0);
}

TEST(LayoutCli, PatchLeavesTheSkinTwoThirdsOfTheWindow) {
  json r = layoutRun("patch", "");
  expectCleanLayout(r, 0.65);
  expectLayoutGolden("patch", "layout-trainee-1x");
  EXPECT_TRUE(r["ui"]["layout"].contains("micro_view"));
  EXPECT_EQ(r["ui"]["scale"], 1.0);
}

TEST(LayoutCli, FaceLeavesTheSkinTwoThirdsOfTheWindow) {
  expectCleanLayout(layoutRun("face", "--scene '" NS_SOURCE_DIR "/scenes/face.json'"), 0.65);
}

TEST(LayoutCli, EducatorWithALessonLeavesTheSkinTwoThirds) {
  json r = layoutRun("educator", "--mode educator --pin '0,0,0=entry point' --lesson '" NS_SOURCE_DIR
                                  "/scenes/lessons/first-glide-cheek.json'");
  expectCleanLayout(r, 0.65);
  expectLayoutGolden("educator", "layout-educator-1x");
  std::vector<std::string> names;
  for (auto& p : r["ui"]["layout"]["panels"]) names.push_back(p["name"]);
  for (const char* panel : {"Lesson", "Educator", "Technique", "Serum", "Pen", "NeedleSim"})
    EXPECT_NE(std::find(names.begin(), names.end(), panel), names.end()) << panel;
}

// At 2x on a screen twice as large the layout is the 1x one doubled; on 1280x720 two
// columns would not fit in half the width, so one column on the right holds every
// panel at full size (nothing cut off), one open at a time; a scale the width cannot
// show is held to the one it can (2x at 1280 px).
TEST(LayoutCli, UiScaleTwoKeepsTheLayout) {
  json big = layoutRun("scale2_big", "--mode educator --pin '0,0,0=entry point' --ui-scale 2 --width 2560 --height 1440");
  EXPECT_EQ(big["ui"]["scale"], 2.0);
  expectCleanLayout(big, 0.65);
  expectLayoutGolden("scale2_big", "layout-educator-2x", 2);
  expectCleanLayout(layoutRun("scale2_trainee", "--ui-scale 2 --width 2560 --height 1440"), 0.65);
  expectLayoutGolden("scale2_trainee", "layout-trainee-2x", 2);
  json small = layoutRun("scale2_small", "--ui-scale 2");
  expectCleanLayout(small, 0.6);
  int open = 0;
  for (const json& p : small["ui"]["layout"]["panels"]) {
    EXPECT_GE(box(p["rect"]).x, 1280 / 2 - 20) << p["name"] << ": one column, on the right";
    open += p["collapsed"] == false;
  }
  EXPECT_EQ(open, 1) << small["ui"]["layout"]["panels"].dump();
  json educator = layoutRun("scale25_educator", "--mode educator --ui-scale 2.5");
  EXPECT_EQ(educator["ui"]["scale"], 2.0) << "2.5x is held to what 1280 px shows";
  expectCleanLayout(educator, 0.6);
}

// Reviewing a recording adds the timeline along the bottom of the view: the skin still
// keeps two thirds, and the micro view sits above the strip.
TEST(LayoutCli, AReviewsTimelineLeavesTheSkinTwoThirds) {
  json r = layoutRun("review", "--mode educator --replay '" NS_SOURCE_DIR "/scenes/kiosk/attract.jsonl' --seek 0");
  expectCleanLayout(r, 0.65);
  bool strip = false;
  for (const json& p : r["ui"]["layout"]["panels"]) strip = strip || p["name"] == "Review";
  EXPECT_TRUE(strip) << r["ui"]["layout"].dump();
}

TEST(LayoutCli, PinsGoIntoTheReport) {
  json r = layoutRun("pins", "--mode educator --pin '0,0,0=entry point' --pin '1.5,-1,0=second pass'");
  const json& pins = r["educator"]["annotations"];
  ASSERT_EQ(pins.size(), 2u);
  EXPECT_EQ(pins[0]["n"], 1);
  EXPECT_EQ(pins[0]["label"], "entry point");
  EXPECT_EQ(pins[1]["n"], 2);
  EXPECT_EQ(pins[1]["pos_mm"], json::array({1.5, -1.0, 0.0}));
  int code = 0;
  layoutRun("pins_trainee", "--pin '0,0,0=x'", &code);
  EXPECT_EQ(code, 2) << "pins are the educator's";
  layoutRun("pins_bad", "--mode educator --pin '0,zero,0=x'", &code);
  EXPECT_EQ(code, 2);
}

// A pin lives on the skin: seen from another angle, the pixel it is drawn at still
// looks onto the same point of the skin.
TEST(Annotations, PinsStayOnTheSkinAsTheViewMoves) {
  ns::scene::Scene scene = ns::scene::defaultScene();
  ns::scene::SkinSurface skin = ns::scene::patchSurface(scene);
  ns::render::OrbitCamera camera;
  glm::vec2 size(1280, 720);
  ns::runtime::EducatorState state;
  auto placed = ns::runtime::skinUnderPixel(camera, size, {700, 380}, skin);
  ASSERT_TRUE(placed);
  const ns::runtime::Pin& pin = ns::runtime::addPin(state, *placed, "");
  EXPECT_EQ(pin.label, "Pin 1");
  for (float yaw : {0.0f, 35.0f, -60.0f}) {
    ns::render::OrbitCamera moved = camera;
    moved.yaw_deg += yaw;
    moved.pitch_deg = std::min(80.0f, moved.pitch_deg + yaw / 4);
    moved.distance_mm *= 0.8f;
    auto at = ns::runtime::pinOnScreen(moved, size, pin.pos_mm);
    ASSERT_TRUE(at);
    auto back = ns::runtime::skinUnderPixel(moved, size, *at, skin);
    ASSERT_TRUE(back);
    EXPECT_LT(glm::length(*back - pin.pos_mm), 0.05) << "yaw " << yaw;
  }
  json list = ns::runtime::annotationsJson(state);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["n"], 1);
}

}  // namespace

// Issue 30: the lesson's summary was cut off at the panel's edge (a table as wide as
// its longest row). At 1280x800 and 1920x1080 the summary of a lesson with long step
// titles fits the Lesson panel: nothing beyond its width, nothing below its bottom
// without a scrollbar (ui.layout's overflow_px).
TEST(LayoutCli, TheLessonSummaryFitsThePanel) {
  fs::path dir = ns::test::scratchDir("layout", "summary");
  json lesson = {{"id", "long-titles"}, {"title", "A lesson whose steps have long titles, as the full-face procedure's"},
                 {"scene", NS_SOURCE_DIR "/scenes/cheek.json"}, {"pass_mark", 50}, {"steps", json::array()}};
  for (int i = 0; i < 9; ++i)
    lesson["steps"].push_back({{"id", "s" + std::to_string(i)},
                               {"title", "The lids and the red of the lip stayed untouched, step " + std::to_string(i + 1)},
                               {"instruction", "Wait a moment."},
                               {"complete_when", {{"metric", "step.time_s"}, {">=", 0.2}}}});
  ns::test::write(dir / "lesson.json", lesson.dump(2));
  ns::test::write(dir / "idle.jsonl",
                  "{\"t\": 0, \"pos_mm\": [3, 3, 8], \"dir\": [0, 0, -1], \"contact\": false, \"depth_mm\": 0.75}\n"
                  "{\"t\": 8, \"pos_mm\": [3, 3, 8], \"dir\": [0, 0, -1], \"contact\": false, \"depth_mm\": 0.75}\n");
  for (const char* size : {"--width 1280 --height 800", "--width 1920 --height 1080"}) {
    fs::path shot = dir / (std::string(size).find("1280") != std::string::npos ? "1280" : "1920");
    fs::create_directories(shot);
    std::string command = binary() + " --headless --validate " + size + " --lesson '" + (dir / "lesson.json").string() +
                          "' --replay '" + (dir / "idle.jsonl").string() + "' --screenshot '" + (shot / "shot.png").string() +
                          "' --report '" + (shot / "report.json").string() + "' 2> '" + (shot / "err.txt").string() + "'";
    ASSERT_EQ(ns::test::runShell(command), 0) << command;
    json r = ns::test::readJsonFile(shot / "report.json");
    ASSERT_EQ(r["lesson"]["completed"], true) << r["lesson"].dump(2);
    bool seen = false;
    for (const json& p : r["ui"]["layout"]["panels"])
      if (p["name"] == "Lesson") {
        seen = true;
        EXPECT_FALSE(p["collapsed"].get<bool>()) << size;
        EXPECT_LE(p["overflow_px"].get<double>(), 2.0) << size << ": the summary is cut off: " << p.dump();
      }
    EXPECT_TRUE(seen) << size;
  }
}

