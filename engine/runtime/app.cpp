#include "runtime/app.h"

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include <GLFW/glfw3.h>

#include "runtime/compare.h"
#include "runtime/live_run.h"
#include "runtime/modes.h"
#include "runtime/report.h"
#include "runtime/split_compare.h"

namespace ns::runtime {
namespace {

int badInput(const std::string& message) {
  std::fprintf(stderr, "needlesim: %s\n", message.c_str());
  return kExitBadInput;
}

// Output files are checked before the (slow) run so a typo does not cost a run.
bool checkOutputPath(const std::string& flag, const std::string& path, std::string& error) {
  if (path.empty()) return true;
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty() && !std::filesystem::is_directory(parent, ec)) {
    error = flag + ": " + path + ": folder '" + parent.string() + "' does not exist";
    return false;
  }
  if (std::filesystem::is_directory(path, ec)) {
    error = flag + ": " + path + ": is a folder, expected a file name";
    return false;
  }
  return true;
}

// The shipped scenes folder (the kiosk's defaults live in it): $NEEDLESIM_SCENES, else
// the source tree's, which the build names.
std::string shippedScenesDir() {
  const char* env = std::getenv("NEEDLESIM_SCENES");
  return env && *env ? env : NEEDLESIM_SCENES_DIR;
}

bool loadSceneFor(const Options& options, scene::Scene& scene, std::string& error) {
  if (options.sceneFile.empty()) {
    scene = scene::defaultScene();
    return true;
  }
  scene::LoadResult result = scene::loadScene(options.sceneFile, scene);
  for (auto& warning : result.warnings) std::fprintf(stderr, "needlesim: warning: %s\n", warning.c_str());
  if (!result.ok) error = result.error;
  return result.ok;
}

// One run of `scene`: opened, looped, closed (runtime/live_run.h). `half`: a
// headless compare's half.
int runScene(const Options& options, const scene::Scene& scene, RunInputs inputs, HalfResult* half = nullptr) {
  LiveRun live;
  int code = kExitOk;
  std::string error;
  if (!openRun(live, options, scene, std::move(inputs), code, error)) {
    std::fprintf(stderr, "needlesim: %s\n", error.c_str());
    return code;
  }
  runFrames(live);
  return closeRun(live, half);
}

int runCompare(const Options& options);

}  // namespace

int runNeedleSim(int argc, const char* const* argv) {
  Options options;
  std::string error;
  if (!parseOptions(argc, argv, options, error)) return badInput(error);
  if (options.help) {
    std::fputs(usageText().c_str(), stdout);
    return kExitOk;
  }
  if (options.version) {
    std::printf("needlesim %s\n", NEEDLESIM_VERSION);
    return kExitOk;
  }
  std::error_code ec;
  if (!options.outboxDir.empty()) {  // created when missing (parents too)
    std::filesystem::create_directories(options.outboxDir, ec);
    if (!std::filesystem::is_directory(options.outboxDir))
      return badInput("--outbox: " + options.outboxDir + ": cannot create the folder" + (ec ? " (" + ec.message() + ")" : ""));
  }
  if (!options.pins.empty() && options.mode != "educator") return badInput("--pin: annotation pins need --mode educator");
  if (!checkOutputPath("--screenshot", options.screenshotFile, error) ||
      !checkOutputPath("--report", options.reportFile, error))
    return badInput(error);
  RunInputs inputs;
  std::optional<LessonState>& lesson = inputs.lesson;
  if (!options.lessonFile.empty()) {  // checked whole before anything starts
    std::string lessonScene;
    if (!loadLessonFor(options.lessonFile, lesson.emplace(), lessonScene, error)) return badInput("--lesson: " + error);
    if (options.sceneFile.empty()) options.sceneFile = lessonScene;
  }
  if (!options.seeks.empty()) {  // a review's seeks: of a recording, played again from its start
    if (options.replayFile.empty()) return badInput("--seek: needs --replay FILE (the recording to review)");
    if (!options.recordFile.empty()) return badInput("--seek: cannot run with --record (a seek plays the recording again)");
    if (lesson || options.mode == "kiosk" || !options.compare.empty())
      return badInput("--seek: reviews a plain --replay (not with --lesson, --compare or --mode kiosk)");
  }
  std::optional<KioskState>& kiosk = inputs.kiosk;
  if (!options.kioskConfig.empty() && options.mode != "kiosk") return badInput("--kiosk-config: needs --mode kiosk");
  if (options.mode == "kiosk") {  // its settings and guided try checked whole before anything starts
    if (lesson) return badInput("--lesson: a kiosk runs its own guided try (--kiosk-config's guided_try)");
    std::string kioskScene;
    if (!loadKioskFor(options.kioskConfig, shippedScenesDir(), kiosk.emplace(), kioskScene, error)) return badInput(error);
    if (options.sceneFile.empty()) options.sceneFile = kioskScene;
  }
  if (!options.compare.empty()) return runCompare(options);
  scene::Scene scene;
  if (!loadSceneFor(options, scene, error)) return badInput(error);
  if (kiosk) scene.training.zone_width_mm = kiosk->config.practiceSquare_mm;  // a try is a practice square
  if (!makeFeatures(options, inputs.features, error)) return badInput(error);
  return runScene(options, scene, std::move(inputs));
}

namespace {

// The two halves side by side, A on the left.
core::ImageRGBA8 sideBySide(const core::ImageRGBA8& a, const core::ImageRGBA8& b) {
  core::ImageRGBA8 out;
  out.width = a.width + b.width;
  out.height = std::max(a.height, b.height);
  out.pixels.assign(size_t(out.width) * out.height * 4, 0);
  for (uint32_t y = 0; y < out.height; ++y) {
    if (y < a.height) std::copy_n(&a.pixels[size_t(y) * a.width * 4], a.width * 4, &out.pixels[size_t(y) * out.width * 4]);
    if (y < b.height)
      std::copy_n(&b.pixels[size_t(y) * b.width * 4], b.width * 4, &out.pixels[(size_t(y) * out.width + a.width) * 4]);
  }
  return out;
}

// --compare KEY=A,B: each half its own run of the scene with the key set, the same
// pen input, to the same simulated time; the report holds both (compare.a.*,
// compare.b.*), a screenshot shows them side by side, each half the width.
int runCompare(const Options& options) {
  CompareSpec spec;
  std::string expected, error;
  if (!parseCompareSpec(options.compare, spec, expected))
    return badInput("--compare: expected " + expected + ", got '" + options.compare + "'");
  if (!options.lessonFile.empty()) return badInput("--compare: cannot run with --lesson");
  scene::Scene scenes[2];
  const nlohmann::json* values[2] = {&spec.a, &spec.b};
  for (int i = 0; i < 2; ++i)  // both checked before either runs
    if (!loadComparedScene(options.sceneFile, spec.key, *values[i], scenes[i], error)) return badInput(error);
  auto label = [&](int i) { return std::string(i == 0 ? "A" : "B") + ": " + spec.key + " = " + (i == 0 ? spec.aText : spec.bText); };
  nlohmann::json shownValues = {spec.a.is_discarded() ? nlohmann::json(kSceneValue) : spec.a,
                                spec.b.is_discarded() ? nlohmann::json(kSceneValue) : spec.b};
  if (!options.headless) {  // the window split in two, both halves in step (runtime/split_compare.h)
    Options a = options;
    a.recordFile.clear();
    a.outboxDir.clear();  // a demonstration, not a trainee's session: no records, no start dialog
    a.trainee.clear();
    a.dataDir.clear();
    a.lrsUrl.clear();
    a.guest = true;
    a.dialFromScene = spec.key == "pen.depth_mm";
    a.compareLabel = label(0);
    a.ghostFile.clear();  // (a compare has no ghost)
    SplitCompare split;
    split.scene = scenes[1];
    split.key = spec.key;
    split.labelA = label(0);
    split.labelB = label(1);
    split.values = shownValues;
    split.dialFromScene = a.dialFromScene;
    RunInputs inputs;
    if (!makeFeatures(a, inputs.features, error)) return badInput(error);
    inputs.features.push_back(makeSplitFeature(std::move(split)));
    return runScene(a, scenes[0], std::move(inputs));
  }
  HalfResult halves[2];
  int code = kExitOk;
  for (int i = 0; i < 2 && !g_stopRequested; ++i) {
    Options half = options;
    half.reportFile.clear();
    half.recordFile.clear();
    half.outboxDir.clear();  // a compare is a demonstration, not a trainee's session: no records
    half.trainee.clear();
    half.dataDir.clear();
    half.lrsUrl.clear();
    half.width = std::max(64, options.width / 2);
    half.dialFromScene = spec.key == "pen.depth_mm";
    half.compareLabel = label(i);
    half.ghostFile.clear();
    RunInputs inputs;
    if (!makeFeatures(half, inputs.features, error)) return badInput(error);
    inputs.features.push_back(makeCompareHalfFeature(label(i)));
    int halfCode = runScene(half, scenes[i], std::move(inputs), &halves[i]);
    if (halfCode == kExitBadInput) return halfCode;
    code = std::max(code, halfCode);
  }
  if (!options.screenshotFile.empty()) {
    if (core::writePng(options.screenshotFile, sideBySide(halves[0].image, halves[1].image), error)) {
      std::fprintf(stderr, "needlesim: screenshot written to %s (A left, B right)\n", options.screenshotFile.c_str());
    } else {
      std::fprintf(stderr, "needlesim: --screenshot: %s\n", error.c_str());
      code = kExitRuntime;
    }
  }
  auto count = [&](const char* key) {
    return halves[0].report["validation"].value(key, 0u) + halves[1].report["validation"].value(key, 0u);
  };
  nlohmann::json report = {
      {"version", NEEDLESIM_VERSION}, {"mode", options.mode}, {"headless", options.headless},
      {"scene", {{"path", scenes[0].path}, {"name", scenes[0].name}}},
      {"validation", {{"enabled", halves[0].report["validation"].value("enabled", false)},
                      {"errors", count("errors")}, {"warnings", count("warnings")}}},
      {"compare", {{"key", spec.key}, {"values", shownValues}, {"a", halves[0].report}, {"b", halves[1].report}}}};
  if (!options.reportFile.empty()) {
    if (writeReport(options.reportFile, report, error)) {
      std::fprintf(stderr, "needlesim: report written to %s\n", options.reportFile.c_str());
    } else {
      std::fprintf(stderr, "needlesim: --report: %s\n", error.c_str());
      code = kExitRuntime;
    }
  }
  return code;
}

}  // namespace

}  // namespace ns::runtime
