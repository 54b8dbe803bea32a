#include "runtime/camera_calibration.h"

#include <chrono>
#include <cstdio>

#include "core/files.h"
#include "runtime/camera_pen.h"
#include "tracking/calibration.h"
#include "tracking/capture.h"

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
  tracking::CalibrationResult r = tracking::solveCalibration(c);
  tracking::destroyCalibration(c);
  if (!r.ok) return refuse("--calibrate-camera: " + options.cameraSource + ": " + r.problem);
  if (!core::writeTextAtomic(options.calibrateCamera, tracking::intrinsicsJson(r.intrinsics), error))
    return refuse("--calibrate-camera: " + error);
  std::printf("calibrated %dx%d from %zu views (%ld frames): fx %.1f fy %.1f px, re-projection %.2f px -> %s\n",
              r.intrinsics.width, r.intrinsics.height, c.views.size(), c.frames, r.intrinsics.fx, r.intrinsics.fy,
              r.intrinsics.rms_px, options.calibrateCamera.c_str());
  return 0;
}

}  // namespace ns::runtime
