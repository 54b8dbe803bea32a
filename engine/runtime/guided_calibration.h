#pragma once
// The guided calibrations in the window (`--calibrate-camera OUT` or `--calibrate-tip
// OUT` without --headless): the camera's frames are read and worked on by a thread of
// its own while the panel (ui/calibration_panel) shows what it sees and what is still
// missing, and the result is solved, judged and saved on that thread too, so the
// window never waits for a frame or for the solver. The same rules as the terminal's
// (runtime/camera_calibration.h): a bad result is refused with its reason and never
// written; a good one is written (temp + rename) to OUT.
//
//   GuidedCalibration g;  if (!openGuidedCalibration(options, g, error)) { one line; exit 2 }
//   each frame:  GuidedView v = guidedView(g);  (panel)   requestSolve(g) / requestRestart(g)
//   closeGuidedCalibration(g);
#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <glm/glm.hpp>
#include <opencv2/core.hpp>

#include "runtime/options.h"
#include "tracking/calibration.h"
#include "tracking/capture.h"
#include "tracking/pivot.h"
#include "tracking/tracker.h"

namespace ns::runtime {

enum class GuidedKind { Camera, Tip };
enum class GuidedStage { Collecting, Solving, Saved, Refused };

// What the panel shows, copied out under the lock.
struct GuidedView {
  GuidedKind kind = GuidedKind::Camera;
  GuidedStage stage = GuidedStage::Collecting;
  std::string source, out;
  bool live = false, sourceEnded = false;
  int width = 0, height = 0;
  cv::Mat small;  // the newest frame, grey (previewPicture)
  long version = 0;
  long frames = 0;
  std::vector<std::array<glm::vec2, 4>> boardQuads, penQuads, padQuads;  // tags found in the newest frame (px)
  // Tip: where the pen's tip is (as the rig's design puts it) and the pad's centre,
  // the point to hold it on (px; when that rig was found).
  bool tipSeen = false, targetSeen = false;
  glm::vec2 tip_px{0.0f}, target_px{0.0f};
  // Camera: views kept and the image's cells their corners cover.
  int views = 0, minViews = 0, plentyViews = 0;
  std::vector<int> coverage;  // kCoverageCols × kCoverageRows
  double coverageShare = 0, minCoverage = 0;
  // Tip: poses of the pen on the pad and how far apart their axes are.
  long poses = 0;
  double spread_deg = 0;
  // The result (Saved or Refused).
  std::string problem;  // why it was refused
  std::string summary;  // what was saved, in words (the terminal's line)
  tracking::Intrinsics intrinsics;
  tracking::PivotResult pivot;
};

struct GuidedCalibration {
  GuidedKind kind = GuidedKind::Camera;
  Options options;
  tracking::Rig board;              // camera
  tracking::TrackerConfig tracker;  // tip (rigs and intrinsics)
  std::unique_ptr<tracking::Capture> capture;
  std::thread worker;
  std::atomic<bool> stopping{false}, solveAsked{false}, restartAsked{false};
  std::atomic<bool> unpaced{false};  // a file's rest read as fast as it can (the window has closed)
  std::mutex mutex;
  GuidedView view;  // guarded by mutex

  GuidedCalibration() = default;
  GuidedCalibration(const GuidedCalibration&) = delete;
  GuidedCalibration& operator=(const GuidedCalibration&) = delete;
  ~GuidedCalibration();  // closes it if nobody did (a worker never outlives it)
};

bool openGuidedCalibration(const Options& options, GuidedCalibration& g, std::string& error);
void closeGuidedCalibration(GuidedCalibration& g);
GuidedView guidedView(GuidedCalibration& g);
// Solve with what has been seen so far (the panel's button; enough views or spread needed).
void requestSolve(GuidedCalibration& g);
// Forget what was seen and start again (a file is played again from its start).
void requestRestart(GuidedCalibration& g);
bool canSolve(const GuidedView& v);

// Tip calibration's limits (shared with the terminal's): the poses' spread and the
// pivot's residual.
constexpr double kTipMinSpread_deg = 20, kTipPlentySpread_deg = 40, kTipMaxResidual_mm = 1.0;
constexpr long kTipMinPoses = 30;

}  // namespace ns::runtime
