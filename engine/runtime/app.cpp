#include "runtime/app.h"
#include "runtime/camera_calibration.h"
#include "runtime/remembered_calibration.h"
#include "tracking/camera_identity.h"

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include <GLFW/glfw3.h>

#include "runtime/classroom.h"
#include "runtime/compare.h"
#include "runtime/live_run.h"
#include "runtime/modes.h"
#include "runtime/report.h"
#include "runtime/split_compare.h"

namespace ns::runtime {
namespace {

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


// The camera is one pen source among replay and OSC; its own flags need it.
std::string cameraOptionsProblem(const Options& o) {
  if (o.cameraSource.empty()) {
    if (o.cameraFps || !o.cameraCalib.empty() || !o.penRig.empty() || !o.padRig.empty() || o.cameraLive ||
        !o.padRegion.empty())
      return "--camera-fps, --camera-calib, --camera-live, --pen-rig, --pad-rig and --pad-region: need --camera SOURCE";
    return "";
  }
  if (!o.replayFile.empty() || o.oscPort) return "--camera: the pen comes from one source (not with --replay or --osc-port)";
  if (!o.compare.empty()) return "--camera: not with --compare (its halves replay one recording)";
  return "";
}

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
  // The class exported alone: no session, no window, no device (a weekly script).
  if (!options.classExport.empty() && !options.classView) {
    if (!checkOutputPath("--report", options.reportFile, error)) return badInput(error);
    return runClassExport(options);
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
  bool lesson = !options.lessonFile.empty();
  if (!options.seeks.empty()) {  // a review's seeks: of a recording, played again from its start
    if (options.replayFile.empty()) return badInput("--seek: needs --replay FILE (the recording to review)");
    if (!options.recordFile.empty()) return badInput("--seek: cannot run with --record (a seek plays the recording again)");
    if (lesson || options.mode == "kiosk" || !options.compare.empty())
      return badInput("--seek: reviews a plain --replay (not with --lesson, --compare or --mode kiosk)");
  }
  if (!options.calibrateCamera.empty() && !options.calibrateTip.empty())
    return badInput("--calibrate-camera, --calibrate-tip: one calibration at a time (the camera's first)");
  if (!options.cameraSource.empty()) {  // a webcam's own calibrations where no flag names a file
    RememberedCalibration remembered = useRememberedCalibration(options, tracking::cameraIdentity(options.cameraSource));
    options.cameraIdentity = remembered.camera;
    options.calibRemembered = remembered.intrinsics, options.penRigRemembered = remembered.penRig;
  }
  if (!options.calibrateCamera.empty()) {
    if (options.cameraSource.empty()) return badInput("--calibrate-camera: needs --camera SOURCE (the camera to calibrate)");
    if (!checkOutputPath("--calibrate-camera", options.calibrateCamera, error)) return badInput(error);
    if (options.headless) return runCameraCalibration(options);  // in the terminal; else the guided window
  }
  if (!options.boardRig.empty() && options.calibrateCamera.empty()) return badInput("--board-rig: needs --calibrate-camera OUT.json");
  if (!options.calibrateTip.empty()) {
    if (options.cameraSource.empty()) return badInput("--calibrate-tip: needs --camera SOURCE (the camera watching the pen)");
    if (!checkOutputPath("--calibrate-tip", options.calibrateTip, error)) return badInput(error);
    if (options.headless) return runTipCalibration(options);
  }
  if (calibrating(options) && (lesson || options.mode != "trainee" || !options.replayFile.empty() || options.oscPort ||
                               !options.compare.empty() || options.classView || !options.recordFile.empty()))
    return badInput("--calibrate-camera, --calibrate-tip: a calibration runs alone (not with --lesson, --mode, --replay, "
                    "--osc-port, --compare, --class or --record)");
  if (!cameraOptionsProblem(options).empty()) return badInput(cameraOptionsProblem(options));
  if (!options.kioskConfig.empty() && options.mode != "kiosk") return badInput("--kiosk-config: needs --mode kiosk");
  if (options.mode == "kiosk" && lesson)
    return badInput("--lesson: a kiosk runs its own guided try (--kiosk-config's guided_try)");
  if (!options.compare.empty()) return runCompare(options);
  if (!makeFeatures(options, inputs.features, error)) return badInput(error);  // (a lesson or a kiosk names its scene)
  scene::Scene scene;
  if (!loadSceneFor(options, scene, error)) return badInput(error);
  for (const std::unique_ptr<Feature>& f : inputs.features) f->adjustScene(scene);  // a kiosk's practice square
  return runScene(options, scene, std::move(inputs));
}

}  // namespace ns::runtime
