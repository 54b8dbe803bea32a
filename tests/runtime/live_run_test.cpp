// The runtime driven in-process (runtime/live_run.h): a headless run on lavapipe with
// the features a test wants, frames and requests driven directly, the report read —
// no binary launched. Validation is on; any error fails the run's exit code.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>

#include "records/outbox.h"
#include "records/xapi.h"

#include "runtime/compare.h"
#include "runtime/live_run.h"
#include "runtime/modes.h"
#include "runtime/split_compare.h"

namespace ns::runtime {
namespace {

Options headlessOptions() {
  Options options;
  options.headless = true;
  options.validate = true;
  options.guest = true;
  options.width = 480;
  options.height = 270;
  return options;
}

// A split compare of the default scene's dial, 0.5 against 1.0 mm, as the window
// makes it (runCompare), but headless.
RunInputs splitCompareInputs(scene::Scene& a) {
  CompareSpec spec;
  std::string expected, error;
  EXPECT_TRUE(parseCompareSpec("pen.depth_mm=0.5,1.0", spec, expected));
  scene::Scene b;
  EXPECT_TRUE(loadComparedScene("", spec.key, spec.a, a, error)) << error;
  EXPECT_TRUE(loadComparedScene("", spec.key, spec.b, b, error)) << error;
  SplitCompare split;
  split.scene = b;
  split.key = spec.key;
  split.labelA = "A";
  split.labelB = "B";
  split.values = {0.5, 1.0};
  RunInputs inputs;
  inputs.features.push_back(makeSplitFeature(std::move(split)));
  return inputs;
}

// The Status panel's skin type and the Serum panel's serum reach both halves of a
// split compare, not A alone (the bug: B kept type I..III advice and the first serum).
TEST(LiveRun, SplitCompareSideBGetsTheSkinTypeAndTheSerum) {
  Options options = headlessOptions();
  options.frames = 6;
  scene::Scene a;
  RunInputs inputs = splitCompareInputs(a);
  LiveRun live;
  int code = 0;
  std::string error;
  ASSERT_TRUE(openRun(live, options, a, std::move(inputs), code, error)) << error;
  runFrames(live, 2);
  live.run->requests.skinTone = 1.0f;  // Fitzpatrick VI
  live.run->requests.serum = "vitamin_c";
  runFrames(live, 3);
  EXPECT_EQ(closeRun(live), kExitOk);
  const nlohmann::json& compare = live.report.at("compare");
  for (const char* half : {"a", "b"}) {
    SCOPED_TRACE(half);
    EXPECT_EQ(compare.at(half).at("technique").at("skin_type"), 6);
    std::string serum = compare.at(half).at("sim").at("serum").at("name");
    EXPECT_NE(serum.find("vitamin"), std::string::npos) << serum;
  }
  EXPECT_EQ(live.report.at("validation").at("errors"), 0);
}

// A run with the educator's feature: a pin placed by a request lands in the report,
// and the presenter's step request advances a paused skin by one frame's time.
TEST(LiveRun, EducatorPinsAndStepGoThroughRequests) {
  Options options = headlessOptions();
  options.mode = "educator";
  options.pins = {"0,0,0=centre"};
  RunInputs inputs;
  std::string error;
  ASSERT_TRUE(makeFeatures(options, inputs.features, error)) << error;
  ASSERT_EQ(inputs.features.size(), 1u);
  LiveRun live;
  int code = 0;
  ASSERT_TRUE(openRun(live, options, scene::defaultScene(), std::move(inputs), code, error)) << error;
  live.run->requests.paused = true;
  runFrames(live, 2);
  double before = live.sim.time_s;
  live.run->requests.stepOnce = true;
  runFrames(live, 2);
  EXPECT_NEAR(live.sim.time_s - before, live.sim.timeScale / 60.0, 1e-9);
  live.run->requests.pinLabel = std::make_pair(1, std::string("renamed"));
  runFrames(live, 1);
  EXPECT_EQ(closeRun(live), kExitOk);
  const nlohmann::json& pins = live.report.at("educator").at("annotations");
  ASSERT_EQ(pins.size(), 1u);
  EXPECT_EQ(pins[0].at("label"), "renamed");
}

// Opens `options` as needlesim would (the table's features, their scene), runs
// `frames` frames and closes it; the report.
nlohmann::json runInProcess(Options options, long long frames) {
  RunInputs inputs;
  std::string error;
  EXPECT_TRUE(makeFeatures(options, inputs.features, error)) << error;
  scene::Scene scene = scene::defaultScene();
  if (!options.sceneFile.empty()) {
    EXPECT_TRUE(scene::loadScene(options.sceneFile, scene).ok) << options.sceneFile;
  }
  for (const std::unique_ptr<Feature>& f : inputs.features) f->adjustScene(scene);
  LiveRun live;
  int code = 0;
  EXPECT_TRUE(openRun(live, options, scene, std::move(inputs), code, error)) << error;
  if (!live.run) return {};
  runFrames(live, frames);
  EXPECT_EQ(closeRun(live), kExitOk);
  return live.report;
}

// A lesson and a kiosk, each as the only feature of a run: their sections are the
// report's, written by the features themselves.
TEST(LiveRun, ALessonAndAKioskReportTheirOwnSections) {
  Options lesson = headlessOptions();
  lesson.lessonFile = NS_SOURCE_DIR "/scenes/lessons/first-glide-cheek.json";
  nlohmann::json r = runInProcess(lesson, 4);
  ASSERT_TRUE(r.contains("lesson")) << r.dump().substr(0, 200);
  EXPECT_EQ(r["lesson"]["id"], "first-glide-cheek");
  EXPECT_FALSE(r.contains("kiosk"));

  Options kiosk = headlessOptions();
  kiosk.mode = "kiosk";
  r = runInProcess(kiosk, 4);
  ASSERT_TRUE(r.contains("kiosk")) << r.dump().substr(0, 200);
  EXPECT_FALSE(r.contains("lesson"));
  EXPECT_EQ(r["validation"]["errors"], 0);
}

// Every feature in the table is made by its own options, and nothing else is.
TEST(LiveRun, TheFeatureTableMakesWhatTheOptionsAsk) {
  Options options;
  std::vector<std::unique_ptr<Feature>> features;
  std::string error;
  ASSERT_TRUE(makeFeatures(options, features, error));
  EXPECT_TRUE(features.empty());
  options.mode = "educator";
  ASSERT_TRUE(makeFeatures(options, features, error));
  ASSERT_EQ(features.size(), 1u);
  EXPECT_STREQ(features[0]->name(), "educator");
  options.ghostFile = "/nonexistent/ghost.jsonl";
  features.clear();
  EXPECT_FALSE(makeFeatures(options, features, error));
  EXPECT_NE(error.find("--ghost"), std::string::npos) << error;
}

}  // namespace
}  // namespace ns::runtime

namespace ns::runtime {
namespace {

// Issue 35: the class view as a feature of an educator's run, from a cache and this
// station's outbox (no LRS): the Export button's request writes the CSV, picking a
// trainee goes through a request, the report has classroom.*.
TEST(LiveRun, TheClassViewExportsThroughItsButtonAndReportsTheClass) {
  std::filesystem::path dir = std::filesystem::path(NS_BINARY_DIR) / "test-output" / "live" / "class_view";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "data" / "outbox");
  ::setenv("NEEDLESIM_CONFIG", (dir / "none.json").c_str(), 1);  // no config: no LRS
  int minutesAgo = 10;
  for (const char* who : {"Ana Lima", "Ben Okafor", "ana  lima"}) {
    records::SessionFacts f;
    f.trainee = who;
    f.registration = records::newUuid();
    f.sceneName = "face";
    f.mode = "trainee";
    f.version = "test";
    f.started = records::Clock::now() - std::chrono::minutes(minutesAgo--);
    f.score = 64;
    f.classId = "spring";
    f.station = "bench-1";
    f.technique = {{"score", 64}, {"warnings", {"angle"}}};
    for (auto& s : records::sessionStatements(f, records::Site{})) {
      std::string path, error;
      ASSERT_TRUE(records::writeStatement((dir / "data" / "outbox").string(), s, path, error)) << error;
    }
  }
  Options options = headlessOptions();
  options.mode = "educator";
  options.classView = true;
  options.classId = "spring";
  options.dataDir = (dir / "data").string();
  options.classExport = (dir / "class.csv").string();
  options.frames = 6;
  RunInputs inputs;
  std::string error;
  ASSERT_TRUE(makeFeatures(options, inputs.features, error)) << error;
  LiveRun live;
  int code = 0;
  ASSERT_TRUE(openRun(live, options, scene::defaultScene(), std::move(inputs), code, error)) << error;
  runFrames(live, 2);
  EXPECT_TRUE(std::filesystem::exists(dir / "class.csv")) << "--class-export at the start";
  std::filesystem::remove(dir / "class.csv");
  live.run->requests.classExport = true;
  live.run->requests.classTrainee = "Ben Okafor";
  runFrames(live, 2);
  EXPECT_EQ(closeRun(live), kExitOk);
  ::unsetenv("NEEDLESIM_CONFIG");
  const nlohmann::json& c = live.report.at("classroom");
  EXPECT_EQ(c.at("source"), "local");
  EXPECT_EQ(c.at("export"), "written: " + (dir / "class.csv").string());
  EXPECT_TRUE(std::filesystem::exists(dir / "class.csv"));
  ASSERT_EQ(c.at("trainees").size(), 2u) << c.dump(2);
  EXPECT_EQ(c.at("trainees")[0].at("sessions"), 2) << "\"ana  lima\" is Ana Lima";
  EXPECT_EQ(c.at("trainees")[0].at("recurring_warnings"), nlohmann::json({"angle"}));
  EXPECT_EQ(c.at("recurring")[0].at("trainees"), 1);
  EXPECT_EQ(c.at("local_statements"), 6);
  EXPECT_EQ(live.report.at("validation").at("errors"), 0);
}

}  // namespace
}  // namespace ns::runtime
