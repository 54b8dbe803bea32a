#include "runtime/modes.h"

#include "runtime/camera_feature.h"
#include "runtime/classroom.h"
#include "runtime/educator.h"
#include "runtime/ghost.h"
#include "runtime/kiosk_driver.h"
#include "runtime/lesson_driver.h"

#include <cstdlib>
#include "runtime/review.h"
#include "runtime/run.h"

#include <string_view>

namespace ns::runtime {
namespace {

std::unique_ptr<Feature> makeEducator(Options& options, std::string& error) {
  EducatorState state;
  for (const std::string& spec : options.pins) {
    Pin pin;
    std::string expected;
    if (!parsePinSpec(spec, pin, expected)) {
      error = "--pin: expected " + expected + ", got '" + spec + "'";
      return nullptr;
    }
    addPin(state, pin.pos_mm, pin.label);
  }
  return makeEducatorFeature(std::move(state));
}

std::unique_ptr<Feature> makeGhost(Options& options, std::string& error) {
  Ghost ghost;
  if (!loadGhost(options.ghostFile, ghost, error)) return nullptr;
  return makeGhostFeature(std::move(ghost));
}

// Checked whole before anything starts; its scene unless --scene says another.
std::unique_ptr<Feature> makeLesson(Options& options, std::string& error) {
  LessonState state;
  std::string lessonScene;
  if (!loadLessonFor(options.lessonFile, state, lessonScene, error)) {
    error = "--lesson: " + error;
    return nullptr;
  }
  if (options.sceneFile.empty()) options.sceneFile = lessonScene;
  return makeLessonFeature(std::move(state));
}

// The shipped scenes folder (the kiosk's defaults live in it): $NEEDLESIM_SCENES, else
// the source tree's, which the build names.
std::string shippedScenesDir() {
  const char* env = std::getenv("NEEDLESIM_SCENES");
  return env && *env ? env : NEEDLESIM_SCENES_DIR;
}

// Its settings and guided try checked whole before anything starts; its scene
// unless --scene says another.
std::unique_ptr<Feature> makeKiosk(Options& options, std::string& error) {
  KioskState state;
  std::string kioskScene;
  if (!loadKioskFor(options.kioskConfig, shippedScenesDir(), state, kioskScene, error)) return nullptr;
  if (options.sceneFile.empty()) options.sceneFile = kioskScene;
  return makeKioskFeature(std::move(state));
}

}  // namespace

bool calibrating(const Options& o) { return !o.calibrateCamera.empty() || !o.calibrateTip.empty(); }

const std::vector<FeatureEntry>& featureTable() {
  static const std::vector<FeatureEntry> table = {
      {"kiosk", [](const Options& o) { return o.mode == "kiosk"; }, makeKiosk},
      {"lesson", [](const Options& o) { return !o.lessonFile.empty(); }, makeLesson},
      {"educator", [](const Options& o) { return o.mode == "educator"; }, makeEducator},
      {"class", [](const Options& o) { return o.classView; }, makeClassFeature},
      {"ghost", [](const Options& o) { return !o.ghostFile.empty(); }, makeGhost},
      {"camera", [](const Options& o) { return !o.cameraSource.empty() && !calibrating(o); },
       [](Options&, std::string&) { return makeCameraFeature(); }},
      {"calibration", calibrating, [](Options&, std::string&) { return makeCalibrationFeature(); }},
      // last: its snapshot of the start holds what the others set up
      {"review", reviewWanted, [](Options&, std::string&) { return makeReviewFeature(); }},
  };
  return table;
}

const Feature* findFeature(const Run& run, const char* name) {
  for (const std::unique_ptr<Feature>& f : run.features)
    if (std::string_view(f->name()) == name) return f.get();
  return nullptr;
}

bool makeFeatures(Options& options, std::vector<std::unique_ptr<Feature>>& features, std::string& error) {
  for (const FeatureEntry& entry : featureTable()) {
    if (!entry.wanted(options)) continue;
    std::unique_ptr<Feature> feature = entry.make(options, error);
    if (!feature) return false;
    features.push_back(std::move(feature));
  }
  return true;
}

}  // namespace ns::runtime
