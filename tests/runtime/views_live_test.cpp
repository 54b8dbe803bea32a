// Views a trainee must be able to read (issue 30), in-process runs measured on
// their geometry and read-back frames: the micro view never covers the area
// being treated, a lesson starts with the whole treatment area in view, and the two
// halves of a compare show their channel depths to one scale.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "face_replay.h"
#include "runtime/compare.h"
#include "runtime/live_run.h"
#include "runtime/modes.h"
#include "runtime/split_compare.h"
#include "runtime/view_state.h"
#include "scene/skin_surface.h"
#include "scene/surface_query.h"
#include "support/stroke_replay.h"

namespace fs = std::filesystem;

namespace ns::runtime {
namespace {

Options windowSizedOptions() {
  Options options;
  options.headless = true;
  options.validate = true;
  options.guest = true;
  options.width = 1280;
  options.height = 800;
  return options;
}

fs::path scratch(const std::string& name) {
  fs::path dir = fs::path(NS_BINARY_DIR) / "test-output" / "views" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

bool inside(const VkRect2D& r, float x, float y, float margin) {
  return x >= float(r.offset.x) - margin && x <= float(r.offset.x + int(r.extent.width)) + margin &&
         y >= float(r.offset.y) - margin && y <= float(r.offset.y + int(r.extent.height)) + margin;
}

struct Opened {
  LiveRun live;
  bool ok = false;
};

void open(Opened& o, Options options, RunInputs inputs = {}) {
  std::string error;
  if (inputs.features.empty()) {
    EXPECT_TRUE(makeFeatures(options, inputs.features, error)) << error;
  }
  scene::Scene scene = scene::defaultScene();
  if (!options.sceneFile.empty()) {
    EXPECT_TRUE(scene::loadScene(options.sceneFile, scene).ok) << options.sceneFile;
  }
  for (const std::unique_ptr<Feature>& f : inputs.features) f->adjustScene(scene);
  int code = 0;
  o.ok = openRun(o.live, options, scene, std::move(inputs), code, error);
  EXPECT_TRUE(o.ok) << error;
}

// Where the replay's needles went (its contact samples), on the screen of `run`.
std::vector<glm::vec2> treatedOnScreen(const Run& run, const std::string& replay) {
  std::vector<glm::vec2> out;
  std::ifstream in(replay);
  for (std::string line; std::getline(in, line);) {
    nlohmann::json j = nlohmann::json::parse(line);
    if (!j["contact"].get<bool>()) continue;
    input::PenSample s;
    s.pos_mm = {j["pos_mm"][0], j["pos_mm"][1], j["pos_mm"][2]};
    s.dir = {j["dir"][0], j["dir"][1], j["dir"][2]};
    ui::PenOnScreen p = projectPen(run, s);
    if (p.visible) out.push_back({p.tipX, p.tipY});
  }
  return out;
}

}  // namespace

// The face scene with the nose needled all over, the micro view on: seen from the
// start view and face on to the nose (as the lesson's nose step frames it: three of
// its radii away), the inset covers neither a puncture nor the pen.
TEST(Views, MicroViewStaysClearOfTheTreatedNose) {
  fs::path dir = scratch("micro-nose");
  std::string replay = (dir / "nose.jsonl").string();
  scene::SkinSurface face = scene::meshSurface(test::face().mesh);
  scene::RegionView nose;
  ASSERT_TRUE(scene::regionView(face, "nose", nose));
  {
    test::ReplayWriter w{std::ofstream(replay)};  // (x, z) seen from the front: down the nose, three times
    for (double dx : {-4.0, 0.0, 4.0}) w.pass({nose.centre.x + dx, nose.centre.z + 12.0}, {nose.centre.x + dx, nose.centre.z - 12.0});
  }
  Options options = windowSizedOptions();
  options.sceneFile = NS_SOURCE_DIR "/scenes/face.json";
  options.replayFile = replay;
  options.frames = 400;  // every frame drawn, as in a window: the panels laid out
  options.screenshotFile = (dir / "nose.png").string();  // the last view, for a person to look at
  Opened o;
  open(o, options);
  ASSERT_TRUE(o.ok);
  ns::runtime::Run& run = *o.live.run;
  run.requests.showMicroView = true;
  runFrames(o.live, 60 * 2);  // the replay nearly done: the pen on the nose
  for (int view = 0; view < 2; ++view) {
    SCOPED_TRACE(view == 0 ? "start view" : "face on to the nose");
    if (view == 1) {
      render::focusCamera(run.view.camera, glm::vec3(nose.centre), glm::vec3(nose.normal),
                          float(std::max(60.0, 3.0 * nose.radius_mm)));
      runFrames(o.live, 1);
    }
    VkRect2D micro = microViewRectOf(run);
    std::vector<glm::vec2> treated = treatedOnScreen(run, replay);
    ASSERT_GT(treated.size(), 30u);
    int covered = 0;
    for (glm::vec2 p : treated) covered += inside(micro, p.x, p.y, 8.0f);
    ui::PenOnScreen pen = penOnScreen(run);
    std::printf("micro view at (%d, %d) %ux%u: %d of %zu treated points under it; pen tip (%.0f, %.0f)\n",
                micro.offset.x, micro.offset.y, micro.extent.width, micro.extent.height, covered, treated.size(),
                pen.tipX, pen.tipY);
    EXPECT_EQ(covered, 0);
    ui::Rect area = run.layout.viewArea;  // and it stays in the 3D view, clear of the panels
    std::printf("view area (%.0f, %.0f) %.0fx%.0f\n", area.x, area.y, area.w, area.h);
    EXPECT_GE(float(micro.offset.x), area.x);
    EXPECT_LE(float(micro.offset.x) + float(micro.extent.width), area.right());
    if (pen.visible) {
      EXPECT_FALSE(inside(micro, pen.tipX, pen.tipY, 8.0f)) << "the pen's tip";
      EXPECT_FALSE(inside(micro, pen.topX, pen.topY, 8.0f)) << "the pen's body";
    }
  }
  closeRun(o.live);
}

// A lesson's first view shows all of what it will have the trainee treat, in the
// part of the window the panels leave free: the patch lesson the whole patch, the
// face lesson's first region (the forehead) all of it.
TEST(Views, LessonsStartWithTheWholeTreatmentAreaInView) {
  struct Case {
    const char* lesson;
    const char* region;  // on the face; null: the patch
  };
  for (Case c : {Case{"first-glide-cheek", nullptr}, Case{"depth-by-region", "forehead"}}) {
    SCOPED_TRACE(c.lesson);
    Options options = windowSizedOptions();
    options.lessonFile = std::string(NS_SOURCE_DIR "/scenes/lessons/") + c.lesson + ".json";
    Opened o;
    open(o, options);
    ASSERT_TRUE(o.ok);
    runFrames(o.live, 3);  // the first step's view applied, the panels laid out
    ns::runtime::Run& run = *o.live.run;
    std::vector<glm::dvec3> area;
    if (!c.region) {
      double h = run.skin.patchHalfWidth_mm;
      for (double x : {-h, h})
        for (double y : {-h, h}) area.push_back({x, y, 0.0});
    } else {
      const scene::SurfaceMesh& mesh = run.skin.mesh;
      for (size_t i = 0; i < mesh.positions.size(); ++i)
        if (mesh.regionNames.at(mesh.regions.at(i)) == c.region) area.push_back(glm::dvec3(mesh.positions[i]));
    }
    ASSERT_FALSE(area.empty());
    ui::Rect view = run.layout.viewArea;
    int outside = 0;
    for (glm::dvec3 p : area) {
      input::PenSample s;
      s.pos_mm = p;
      s.dir = {0, 0, -1};
      ui::PenOnScreen at = projectPen(run, s);
      outside += !at.visible || at.tipX < view.x || at.tipX > view.x + view.w || at.tipY < view.y || at.tipY > view.y + view.h;
    }
    std::printf("%s: %d of %zu points of the treatment area outside the view (%.0f, %.0f, %.0f x %.0f), camera %.0f mm\n",
                c.lesson, outside, area.size(), view.x, view.y, view.w, view.h, run.view.camera.distance_mm);
    EXPECT_EQ(outside, 0);
    closeRun(o.live);
  }
}

namespace {

// Rows of `image` inside `r` where at least 40 % of the pixels are near white: the
// micro view's channel-depth marker. The lowest such row from the inset's top, or -1.
int markerRow(const core::ImageRGBA8& image, const VkRect2D& r) {
  int found = -1;
  for (int y = r.offset.y; y < r.offset.y + int(r.extent.height); ++y) {
    int white = 0;
    for (int x = r.offset.x; x < r.offset.x + int(r.extent.width); ++x) {
      const uint8_t* p = &image.pixels[(size_t(y) * image.width + size_t(x)) * 4];
      white += p[0] > 230 && p[1] > 230 && p[2] > 230;
    }
    if (white * 10 >= int(r.extent.width) * 4) found = y - r.offset.y;
  }
  return found;
}

}  // namespace

// A split compare of the dial, 0.5 against 1.5 mm (channels about 300 and 900 µm
// deep): both micro views use one depth scale and mark the channels' depth, so the
// marker of B sits three times as far down its inset as A's.
TEST(Views, CompareMicroViewsShowTheChannelDepthsToOneScale) {
  fs::path dir = scratch("compare-depth");
  std::string replay = (dir / "strokes.jsonl").string();
  std::ofstream(replay) << test::strokesFrom(0.0, {{1, 0}, {0, 1}}, 0.75, 3.0, 1.0);
  CompareSpec spec;
  std::string expected, error;
  ASSERT_TRUE(parseCompareSpec("pen.depth_mm=0.5,1.5", spec, expected));
  scene::Scene a, b;
  ASSERT_TRUE(loadComparedScene("", spec.key, spec.a, a, error)) << error;
  ASSERT_TRUE(loadComparedScene("", spec.key, spec.b, b, error)) << error;
  SplitCompare split;
  split.scene = b;
  split.key = spec.key;
  split.labelA = "A: pen.depth_mm = 0.5";
  split.labelB = "B: pen.depth_mm = 1.5";
  split.values = {0.5, 1.5};
  split.dialFromScene = true;
  RunInputs inputs;
  inputs.features.push_back(makeSplitFeature(std::move(split)));
  Options options = windowSizedOptions();
  options.mode = "educator";
  options.replayFile = replay;
  options.dialFromScene = true;
  options.screenshotFile = (dir / "compare.png").string();
  LiveRun live;
  int code = 0;
  ASSERT_TRUE(openRun(live, options, a, std::move(inputs), code, error)) << error;
  live.run->requests.showMicroView = true;
  runFrames(live, 150);
  VkRect2D rects[2] = {microViewRectOf(*live.run, 0), microViewRectOf(*live.run, 1)};
  ASSERT_EQ(rects[0].extent.height, rects[1].extent.height);
  EXPECT_EQ(closeRun(live), kExitOk);
  core::ImageRGBA8 image;
  ASSERT_TRUE(core::readPng(options.screenshotFile, image, error)) << error;
  const nlohmann::json& compare = live.report.at("compare");
  double depthA = compare.at("a").at("channels").at("mean_depth_um"), depthB = compare.at("b").at("channels").at("mean_depth_um");
  int rowA = markerRow(image, rects[0]), rowB = markerRow(image, rects[1]);
  std::printf("channels %.0f and %.0f um deep: markers %d and %d px down insets %u px high\n", depthA, depthB, rowA,
              rowB, rects[0].extent.height);
  ASSERT_GT(depthA, 100.0);
  ASSERT_GT(rowA, 0) << "A's channel depth is marked";
  ASSERT_GT(rowB, 0) << "B's channel depth is marked";
  EXPECT_NEAR(double(rowB) / double(rowA), depthB / depthA, 0.1 * depthB / depthA) << "drawn to one scale";
}

}  // namespace ns::runtime

namespace ns::runtime {

// Swelling in the micro view: on the patch, three hours after a pass the skin has
// risen and the inset starts above the surface by 1.5 × the puffiest rise (50 µm
// steps), so the lifted slice is seen; on the face the inset cannot lift its slice
// (the atlas is not in the block's millimetres) and keeps its top at the surface.
TEST(Views, MicroViewMakesRoomAboveTheSurfaceForSwellingOnThePatch) {
  EXPECT_EQ(microTopScale_um(0.0), 0.0f);
  EXPECT_EQ(microTopScale_um(0.004), 0.0f) << "below 5 um: nothing to see";
  EXPECT_EQ(microTopScale_um(0.38), -600.0f);
  for (const char* sceneFile : {"", NS_SOURCE_DIR "/scenes/face.json"}) {
    bool patch = std::string(sceneFile).empty();
    // The patch: its scene's pretreatment grid is the injury (the pen stays off); the
    // face: the first part of a crosshatch on the cheek.
    fs::path dir = scratch(patch ? "micro-swelling-patch" : "micro-swelling-face");
    std::string replay = patch ? (dir / "idle.jsonl").string() : NS_SOURCE_DIR "/scenes/replays/face-crosshatch-then-lift.jsonl";
    if (patch)
      std::ofstream(replay) << "{\"t\": 0, \"pos_mm\": [3, 3, 8], \"dir\": [0, 0, -1], \"contact\": false, \"depth_mm\": 0.75}\n"
                               "{\"t\": 10, \"pos_mm\": [3, 3, 8], \"dir\": [0, 0, -1], \"contact\": false, \"depth_mm\": 0.75}\n";
    Options options = windowSizedOptions();
    options.sceneFile = sceneFile;
    options.replayFile = replay;
    options.frames = 1000;  // every frame drawn, as in a window (a small one: lavapipe draws each)
    options.width = 400;
    options.height = 300;
    options.screenshotFile = (dir / "last.png").string();
    Opened o;
    open(o, options);
    ASSERT_TRUE(o.ok);
    ns::runtime::Run& run = *o.live.run;
    run.requests.showMicroView = true;
    runFrames(o.live, patch ? 3 : 240);
    run.requests.jump_s = 3 * 3600;
    runFrames(o.live, 5);
    updateSummary(run.sim);  // the window refreshes it twice a second of wall time; here, now
    runFrames(o.live, 1);
    double rise_mm = run.sim.healingSummary.swellingMaxMm;
    float top = run.view.settings.microTop_um;
    std::printf("%s: puffiest %.3f mm, micro view top %.0f um\n", patch ? "patch" : "face", rise_mm, top);
    EXPECT_GT(rise_mm, 0.005) << "three hours after a pass the skin has swollen";
    if (patch) EXPECT_EQ(top, microTopScale_um(rise_mm));
    else EXPECT_EQ(top, 0.0f);
    EXPECT_EQ(closeRun(o.live), kExitOk);
  }
}

}  // namespace ns::runtime
