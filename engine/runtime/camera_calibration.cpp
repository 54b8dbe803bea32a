#include "runtime/camera_calibration.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "core/files.h"
#include "runtime/camera_pen.h"
#include "runtime/guided_calibration.h"
#include "runtime/remembered_calibration.h"
#include "tracking/calibration.h"
#include "tracking/camera_identity.h"
#include "tracking/capture.h"
#include "tracking/intrinsics.h"
#include "tracking/pivot.h"
#include "tracking/tracker.h"

namespace ns::runtime {
namespace {

constexpr double kLiveMax_s = 120;        // a device is read at most this long
constexpr int kLivePlentyViews = 20;      // ... or until this many views
constexpr double kLivePlentyCover = 0.8;  // ... covering this much of the image

int refuse(const std::string& line) {
  std::fprintf(stderr, "needlesim: %s\n", line.c_str());
  return 2;
}

}  // namespace

int runCameraCalibration(const Options& options) {
  std::string error;
  tracking::Rig board;
  std::string boardFile = options.boardRig.empty() ? shippedRigPath("board.json") : options.boardRig;
  if (!tracking::loadRig(boardFile, board, error)) return refuse("--board-rig: " + error);
  tracking::Capture capture;
  if (!tracking::openCapture(capture, options.cameraSource, options.cameraFps.value_or(30.0), error))
    return refuse("--camera: " + error);
  tracking::Calibration c = tracking::createCalibration(board, capture.width, capture.height);
  auto start = std::chrono::steady_clock::now();
  double lastPrint_s = 0;
  tracking::CaptureFrame frame;
  while (tracking::nextFrame(capture, frame, true)) {
    tracking::addCalibrationFrame(c, frame.image);
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (capture.live && elapsed - lastPrint_s >= 1.0) {
      lastPrint_s = elapsed;
      std::printf("calibrating: %zu views (%d needed), the board over %.0f %% of the image\n", c.views.size(),
                  c.limits.minViews, 100 * tracking::calibrationCoverage(c));
      std::fflush(stdout);
    }
    if (capture.live && (elapsed > kLiveMax_s ||
                         (int(c.views.size()) >= kLivePlentyViews && tracking::calibrationCoverage(c) >= kLivePlentyCover)))
      break;
  }
  tracking::closeCapture(capture);
  tracking::Intrinsics result;
  std::string summary, problem;
  bool saved = saveCameraCalibration(c, options.cameraSource, options.calibrateCamera, result, summary, problem);
  tracking::destroyCalibration(c);
  if (!saved) return refuse("--calibrate-camera: " + options.cameraSource + ": " + problem);
  std::printf("%s\n", summary.c_str());
  return 0;
}

bool saveCameraCalibration(const tracking::Calibration& c, const std::string& source, const std::string& out,
                           tracking::Intrinsics& result, std::string& summary, std::string& problem) {
  tracking::CalibrationResult r = tracking::solveCalibration(c);
  if (!r.ok) {
    problem = r.problem;
    return false;
  }
  std::string written = tracking::intrinsicsJson(r.intrinsics);
  if (!core::writeTextAtomic(out, written, problem)) return false;
  result = r.intrinsics;
  char text[300];
  std::snprintf(text, sizeof text, "calibrated %dx%d from %zu views (%ld frames): fx %.1f fy %.1f px, re-projection %.2f px -> %s",
                r.intrinsics.width, r.intrinsics.height, c.views.size(), c.frames, r.intrinsics.fx, r.intrinsics.fy,
                r.intrinsics.rms_px, out.c_str());
  summary = text;
  if (std::string kept = rememberCalibration(tracking::cameraIdentity(source), "intrinsics.json", written); !kept.empty()) summary += "; " + kept;
  return true;
}

bool loadTipConfig(const Options& options, tracking::TrackerConfig& config, std::string& penFile, std::string& error) {
  penFile = options.penRig.empty() ? shippedRigPath("pen.json") : options.penRig;
  std::string pad = options.padRig.empty() ? shippedRigPath("pad.json") : options.padRig;
  if (!tracking::loadRig(penFile, config.pen, error)) return error = "--pen-rig: " + error, false;
  if (!tracking::loadRig(pad, config.pad, error)) return error = "--pad-rig: " + error, false;
  if (options.cameraCalib.empty()) return error = "--calibrate-tip: needs --camera-calib FILE (the camera's intrinsics)", false;
  if (!tracking::loadIntrinsics(options.cameraCalib, config.camera, error)) return error = "--camera-calib: " + error, false;
  config.filter = false;  // the raw poses: a pivot is solved over all of them at once
  return true;
}

int runTipCalibration(const Options& options) {
  std::string error, penFile;
  tracking::TrackerConfig config;
  if (!loadTipConfig(options, config, penFile, error)) return refuse(error);
  tracking::Capture capture;
  if (!tracking::openCapture(capture, options.cameraSource, options.cameraFps.value_or(30.0), error))
    return refuse("--camera: " + error);
  if (!tracking::checkFrameSize(config.camera, options.cameraCalib, capture.width, capture.height, error))
    return refuse("--camera-calib: " + error);
  tracking::Tracker tracker = tracking::createTracker(config);
  std::vector<cv::Matx44d> poses;
  double firstTracked_s = -1;
  tracking::CaptureFrame frame;
  while (tracking::nextFrame(capture, frame, true)) {
    tracking::trackFrame(tracker, frame.image, frame.t_s);
    if (!tracker.pen.found || !tracker.pad.found) continue;
    poses.push_back(tracking::poseMatrix(tracker.pad).inv() * tracking::poseMatrix(tracker.pen));  // pen → pad
    if (firstTracked_s < 0) firstTracked_s = frame.t_s;
    if (capture.live && frame.t_s - firstTracked_s > 15.0) break;
  }
  tracking::closeCapture(capture);
  tracking::destroyTracker(tracker);
  tracking::PivotResult r;
  std::string summary, problem;
  if (!saveTipCalibration(poses, config.pen, penFile, options.cameraSource, options.calibrateTip, r, summary, problem))
    return refuse("--calibrate-tip: " + options.cameraSource + ": " + problem);
  std::printf("%s\n", summary.c_str());
  return 0;
}

bool saveTipCalibration(const std::vector<cv::Matx44d>& poses, const tracking::Rig& pen, const std::string& penFile,
                        const std::string& source, const std::string& out, tracking::PivotResult& r, std::string& summary, std::string& problem) {
  if (!tracking::pivotCalibrate(poses, r, problem)) return false;
  char text[300];
  if (!(r.residual_mm <= kTipMaxResidual_mm)) {
    std::snprintf(text, sizeof text, "the tip moved %.2f mm RMS while pivoting (at most %.1f: keep it on one point)", r.residual_mm,
                  kTipMaxResidual_mm);
    problem = text;
    return false;
  }
  tracking::Rig moved = pen;
  moved.name += "-pivoted";
  for (tracking::RigTag& t : moved.tags)
    for (glm::dvec3& c : t.corners_mm) c -= r.tip_mm;
  // The tags' images stay where the original rig's are.
  std::filesystem::path from = std::filesystem::absolute(penFile).parent_path();
  for (tracking::RigTag& t : moved.tags) t.image = (from / t.image).lexically_normal().string();
  std::string written = tracking::rigJson(moved);
  if (!core::writeTextAtomic(out, written, problem)) return false;
  std::snprintf(text, sizeof text, "tip calibrated from %zu poses over %.0f degrees: %.2f %.2f %.2f mm from the rig's origin, residual %.2f mm -> %s",
                poses.size(), r.spread_deg, r.tip_mm.x, r.tip_mm.y, r.tip_mm.z, r.residual_mm, out.c_str());
  summary = text;
  if (std::string kept = rememberCalibration(tracking::cameraIdentity(source), "pen-rig.json", written); !kept.empty()) summary += "; " + kept;
  return true;
}

}  // namespace ns::runtime
