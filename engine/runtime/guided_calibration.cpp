#include "runtime/guided_calibration.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "runtime/camera_calibration.h"
#include "runtime/camera_feature.h"
#include "runtime/camera_pen.h"
#include "tracking/intrinsics.h"

namespace ns::runtime {
namespace {

constexpr int kPlentyViews = 20;        // a live board: solved by itself at this many views ...
constexpr double kPlentyCover = 0.8;    // ... over this much of the image
constexpr long kTipMaxPoses = 900;      // 30 s of a 30 fps camera: solved by itself then
constexpr double kTipNewAxis_deg = 1.0; // axes kept for the spread: one per degree of turn

// The worker's own state (only its thread touches it).
struct Work {
  tracking::Calibration board;
  tracking::Tracker tracker;
  std::vector<cv::Matx44d> poses;  // pen → pad
  std::vector<cv::Vec3d> axes;     // distinct axes seen (each kTipNewAxis_deg from the others)
  double spread_deg = 0;
  std::string penFile;
  double paceT0_s = -1;  // a file: its first frame's time, and when it was shown
  std::chrono::steady_clock::time_point paceStart;
};

cv::Vec3d axisOf(const cv::Matx44d& m) { return {m(0, 2), m(1, 2), m(2, 2)}; }

double angle_deg(const cv::Vec3d& a, const cv::Vec3d& b) {
  return std::acos(std::clamp(a.dot(b), -1.0, 1.0)) * 180.0 / M_PI;
}

// A pose's axis against the distinct ones: the spread grows, the list only by new directions
// (bounded by the sphere, not by the session's length).
void addAxis(Work& w, const cv::Vec3d& axis) {
  bool seen = false;
  for (const cv::Vec3d& a : w.axes) {
    double d = angle_deg(a, axis);
    w.spread_deg = std::max(w.spread_deg, d);
    seen |= d < kTipNewAxis_deg;
  }
  if (!seen) w.axes.push_back(axis);
}

// Nothing seen yet: the source, the target and the limits only.
GuidedView freshView(const GuidedCalibration& g, const Work& w) {
  GuidedView v;
  v.kind = g.kind;
  v.source = sourceName(g.options.cameraSource);
  v.out = g.kind == GuidedKind::Camera ? g.options.calibrateCamera : g.options.calibrateTip;
  v.live = g.capture->live;
  v.width = g.capture->width, v.height = g.capture->height;
  v.minViews = w.board.limits.minViews, v.plentyViews = kPlentyViews, v.minCoverage = w.board.limits.minCoverage;
  return v;
}

void startWork(GuidedCalibration& g, Work& w) {
  w.paceT0_s = -1;
  if (g.kind == GuidedKind::Camera) {
    tracking::destroyCalibration(w.board);
    w.board = tracking::createCalibration(g.board, g.capture->width, g.capture->height);
  } else {
    tracking::destroyTracker(w.tracker);
    w.tracker = tracking::createTracker(g.tracker);
    w.poses.clear(), w.axes.clear(), w.spread_deg = 0;
  }
}

// The newest frame looked at; the panel's copy updated.
void takeFrame(GuidedCalibration& g, Work& w, const tracking::CaptureFrame& frame) {
  GuidedView next;
  if (g.kind == GuidedKind::Camera) {
    tracking::addCalibrationFrame(w.board, frame.image);
    for (const auto& q : w.board.lastTags)
      next.boardQuads.push_back({glm::vec2(q[0].x, q[0].y), glm::vec2(q[1].x, q[1].y), glm::vec2(q[2].x, q[2].y),
                                 glm::vec2(q[3].x, q[3].y)});
  } else {
    tracking::trackFrame(w.tracker, frame.image, frame.t_s);
    next.penQuads = projectedTags(g.tracker.pen, w.tracker.pen, g.tracker.camera);
    next.padQuads = projectedTags(g.tracker.pad, w.tracker.pad, g.tracker.camera);
    next.tipSeen = projectedOrigin(w.tracker.pen, g.tracker.camera, next.tip_px);
    next.targetSeen = projectedOrigin(w.tracker.pad, g.tracker.camera, next.target_px);
    if (w.tracker.pen.found && w.tracker.pad.found) {
      cv::Matx44d pose = tracking::poseMatrix(w.tracker.pad).inv() * tracking::poseMatrix(w.tracker.pen);
      w.poses.push_back(pose);
      addAxis(w, axisOf(pose));
    }
  }
  cv::Mat small = previewPicture(frame.image);
  std::lock_guard lock(g.mutex);
  GuidedView& v = g.view;
  v.small = small, v.version++, v.frames++;
  v.boardQuads = std::move(next.boardQuads), v.penQuads = std::move(next.penQuads), v.padQuads = std::move(next.padQuads);
  v.tipSeen = next.tipSeen, v.targetSeen = next.targetSeen, v.tip_px = next.tip_px, v.target_px = next.target_px;
  if (g.kind == GuidedKind::Camera) {
    v.views = int(w.board.views.size());
    v.coverage = w.board.coverage;
    v.coverageShare = tracking::calibrationCoverage(w.board);
  } else {
    v.poses = long(w.poses.size());
    v.spread_deg = w.spread_deg;
  }
}

bool plenty(const GuidedCalibration& g, const Work& w) {
  if (g.kind == GuidedKind::Camera)
    return int(w.board.views.size()) >= kPlentyViews && tracking::calibrationCoverage(w.board) >= kPlentyCover;
  return long(w.poses.size()) >= kTipMaxPoses || (w.spread_deg >= kTipPlentySpread_deg && long(w.poses.size()) >= 300);
}

void solve(GuidedCalibration& g, Work& w) {
  {
    std::lock_guard lock(g.mutex);
    g.view.stage = GuidedStage::Solving;
  }
  std::string summary, problem;
  tracking::Intrinsics intrinsics;
  tracking::PivotResult pivot;
  bool ok = g.kind == GuidedKind::Camera
                ? saveCameraCalibration(w.board, g.options.cameraSource, g.options.calibrateCamera, intrinsics, summary, problem)
                : saveTipCalibration(w.poses, g.tracker.pen, w.penFile, g.options.cameraSource, g.options.calibrateTip, pivot, summary, problem);
  std::lock_guard lock(g.mutex);
  g.view.stage = ok ? GuidedStage::Saved : GuidedStage::Refused;
  g.view.summary = summary, g.view.problem = problem;
  g.view.intrinsics = intrinsics, g.view.pivot = pivot;
}

bool reopen(GuidedCalibration& g, std::string& error) {
  tracking::closeCapture(*g.capture);
  g.capture = std::make_unique<tracking::Capture>();
  return tracking::openCapture(*g.capture, g.options.cameraSource, g.options.cameraFps.value_or(30.0), error);
}

// A file is shown at its own pace (as the camera it stands for gave it) but never
// loses a frame, so its result is the same on any machine.
void keepPace(const GuidedCalibration& g, Work& w, double t_s) {
  if (g.capture->live || g.unpaced) return;
  auto now = std::chrono::steady_clock::now();
  if (w.paceT0_s < 0) w.paceT0_s = t_s, w.paceStart = now;
  auto due = w.paceStart + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                               std::chrono::duration<double>(std::clamp(t_s - w.paceT0_s, 0.0, 3600.0)));
  while (!g.stopping && !g.unpaced && std::chrono::steady_clock::now() < due) std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

void work(GuidedCalibration& g, Work w) {
  tracking::CaptureFrame frame;
  while (!g.stopping) {
    if (g.restartAsked.exchange(false)) {
      std::string error;
      bool again = g.capture->live || reopen(g, error);  // a file from its start
      startWork(g, w);
      std::lock_guard lock(g.mutex);
      g.view = freshView(g, w);
      if (!again) g.view.sourceEnded = true, g.view.stage = GuidedStage::Refused, g.view.problem = error;
      continue;
    }
    bool collecting;
    {
      std::lock_guard lock(g.mutex);
      collecting = g.view.stage == GuidedStage::Collecting;
    }
    if (!collecting) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    if (g.solveAsked.exchange(false)) {
      solve(g, w);
      continue;
    }
    if (!tracking::nextFrame(*g.capture, frame, false)) {  // (a file's reader waits for us: none is lost)
      if (tracking::captureEnded(*g.capture)) {  // a file played to its end: what it showed is solved
        {
          std::lock_guard lock(g.mutex);
          g.view.sourceEnded = true;
        }
        solve(g, w);
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
      continue;
    }
    keepPace(g, w, frame.t_s);
    takeFrame(g, w, frame);
    if (plenty(g, w)) solve(g, w);
  }
  tracking::destroyCalibration(w.board);
  tracking::destroyTracker(w.tracker);
}

}  // namespace

bool canSolve(const GuidedView& v) {
  if (v.stage != GuidedStage::Collecting) return false;
  if (v.kind == GuidedKind::Camera) return v.views >= v.minViews;
  return v.spread_deg >= kTipMinSpread_deg && v.poses >= kTipMinPoses;
}

bool openGuidedCalibration(const Options& options, GuidedCalibration& g, std::string& error) {
  g.options = options;
  g.kind = options.calibrateTip.empty() ? GuidedKind::Camera : GuidedKind::Tip;
  Work w;
  if (g.kind == GuidedKind::Camera) {
    std::string boardFile = options.boardRig.empty() ? shippedRigPath("board.json") : options.boardRig;
    if (!tracking::loadRig(boardFile, g.board, error)) return error = "--board-rig: " + error, false;
  } else if (!loadTipConfig(options, g.tracker, w.penFile, error)) {
    return false;
  }
  g.capture = std::make_unique<tracking::Capture>();
  if (!tracking::openCapture(*g.capture, options.cameraSource, options.cameraFps.value_or(30.0), error))
    return error = "--camera: " + error, false;
  if (g.kind == GuidedKind::Tip &&
      !tracking::checkFrameSize(g.tracker.camera, options.cameraCalib, g.capture->width, g.capture->height, error)) {
    tracking::closeCapture(*g.capture);
    return error = "--camera-calib: " + error, false;
  }
  startWork(g, w);
  g.view = freshView(g, w);
  g.worker = std::thread(work, std::ref(g), std::move(w));
  return true;
}

void closeGuidedCalibration(GuidedCalibration& g) {
  g.stopping = true;
  if (g.worker.joinable()) g.worker.join();
  if (g.capture) tracking::closeCapture(*g.capture);
  g.capture.reset();
}

GuidedCalibration::~GuidedCalibration() { closeGuidedCalibration(*this); }

GuidedView guidedView(GuidedCalibration& g) {
  std::lock_guard lock(g.mutex);
  return g.view;
}

void requestSolve(GuidedCalibration& g) { g.solveAsked = true; }
void requestRestart(GuidedCalibration& g) {
  std::lock_guard lock(g.mutex);  // the panel sees it at once; the worker forgets what it saw
  g.view.stage = GuidedStage::Collecting;
  g.view.problem.clear(), g.view.summary.clear();
  g.restartAsked = true;
}

}  // namespace ns::runtime
