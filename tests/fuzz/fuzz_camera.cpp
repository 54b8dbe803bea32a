// libFuzzer: what the camera pen reads from outside — a rig file (--pen-rig,
// --pad-rig, --board-rig) and the camera's intrinsics (--camera-calib), each accepted
// or refused with one line — and what the camera sees: the bytes as the pixels of a
// small grey frame, tracked with the shipped rigs (detection, joint PnP, the filter,
// contact) and fed to the board calibration, which must never crash or return a
// sample that is not finite.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include <opencv2/core.hpp>

#include "tracking/calibration.h"
#include "tracking/intrinsics.h"
#include "tracking/rig.h"
#include "tracking/rig_design.h"
#include "tracking/tracker.h"

namespace {

bool finite(glm::dvec3 v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size), error;
  ns::tracking::Rig rig;
  if (!ns::tracking::parseRig(text, "fuzz.json", rig, error) && (error.empty() || error.find('\n') != std::string::npos))
    __builtin_trap();
  ns::tracking::Intrinsics k;
  error.clear();
  if (!ns::tracking::parseIntrinsics(text, "fuzz.json", k, error) && (error.empty() || error.find('\n') != std::string::npos))
    __builtin_trap();

  // The bytes as a 160×120 frame (repeated to fill it), seen by a camera of that size.
  static ns::tracking::Tracker tracker = [] {
    ns::tracking::TrackerConfig c;
    c.pen = ns::tracking::shippedPenRig();
    c.pad = ns::tracking::shippedPadRig();
    c.camera = {160, 120, 115, 115, 80, 60, {0, 0, 0, 0, 0}, 0};
    return ns::tracking::createTracker(c);
  }();
  if (size == 0) return 0;
  cv::Mat frame(120, 160, CV_8UC1);
  for (int i = 0; i < 160 * 120; ++i) frame.data[i] = data[size_t(i) % size];
  ns::tracking::TrackedFrame f = ns::tracking::trackFrame(tracker, frame, double(tracker.frames) / 30.0);
  if (f.tracked && (!finite(f.sample.pos_mm) || !finite(f.sample.dir))) __builtin_trap();
  if (!f.tracked && f.sample.contact) __builtin_trap();  // a lost pen is never on the skin
  static ns::tracking::Calibration calibration =
      ns::tracking::createCalibration(ns::tracking::shippedBoardRig(), 160, 120);
  ns::tracking::addCalibrationFrame(calibration, frame);
  if (calibration.views.size() > 12) {
    ns::tracking::CalibrationResult r = ns::tracking::solveCalibration(calibration);
    if (r.ok && !(std::isfinite(r.intrinsics.fx) && std::isfinite(r.intrinsics.rms_px))) __builtin_trap();
    calibration.views.clear();
  }
  return 0;
}
