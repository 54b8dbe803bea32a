#include "runtime/camera_pen.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <opencv2/calib3d.hpp>
#include <opencv2/imgproc.hpp>

#include "tracking/intrinsics.h"
#include "tracking/rig.h"

namespace ns::runtime {
namespace {

// A file's tracked frames wait here until the pen clock reaches them; the worker
// stops this far ahead (a few seconds of video, not the whole file in memory).
constexpr size_t kReadyFrames = 128;

void updateView(CameraPen& c, const cv::Mat& image, const tracking::TrackedFrame& f, CameraView& v) {
  v.width = image.cols, v.height = image.rows;
  // A new buffer each frame: the last view's (shared with the session's copy, which the
  // panel reads without the worker's lock) is never written again.
  v.small = previewPicture(image);
  const tracking::Intrinsics& k = c.tracker.config.camera;
  v.penQuads = projectedTags(c.tracker.config.pen, c.tracker.pen, k);
  v.padQuads = projectedTags(c.tracker.config.pad, c.tracker.pad, k);
  v.tipSeen = projectedOrigin(c.tracker.pen, k, v.tip_px);
  v.padFound = f.padFound, v.penFound = f.penFound, v.tracked = f.tracked, v.contact = f.tracked && f.sample.contact;
  v.tipHeight_mm = f.rawTip_mm.z;
  v.t_s = f.t_s;
  v.version++;
}

void countFrame(CameraStats& s, const tracking::TrackedFrame& f, double fps) {
  s.frames++;
  s.penFrames += f.penFound;
  s.padFrames += f.padFound;
  s.tracked += f.tracked;
  s.contactFrames += f.tracked && f.sample.contact;
  double dt = s.lastT_s < 0 ? 1.0 / fps : std::max(0.0, f.t_s - s.lastT_s);
  if (!f.tracked) {
    s.lost_s += dt;
    s.lastLost_s = s.lostNow ? s.lastLost_s + dt : dt;
  }
  s.lostNow = !f.tracked;
  s.lastT_s = f.t_s;
  core::addValue(s.ms, f.ms);
  if (f.tracked) core::addValue(s.reprojection_px, f.reprojection_px);
}

void workerLoop(CameraPen& c) {
  CameraView view;
  for (;;) {
    tracking::CaptureFrame frame;
    if (!tracking::nextFrame(c.capture, frame, true)) break;  // ended (or closed)
    tracking::TrackedFrame tracked = tracking::trackFrame(c.tracker, frame.image, frame.t_s);
    updateView(c, frame.image, tracked, view);
    std::unique_lock lock(c.mutex);
    if (!c.live) c.changed.wait(lock, [&] { return c.ready.size() < kReadyFrames || c.stopping; });
    if (c.stopping) break;
    countFrame(c.stats, tracked, c.capture.fps);
    c.view = view;
    c.ready.push_back({tracked, frame.arrived});
    c.changed.notify_all();
  }
  std::lock_guard lock(c.mutex);
  c.workerDone = true;
  c.changed.notify_all();
}

bool loadRigFor(const char* flag, const std::string& path, tracking::Rig& rig, std::string& error) {
  if (tracking::loadRig(path, rig, error)) return true;
  error = std::string(flag) + ": " + error;
  return false;
}

}  // namespace

std::vector<std::array<glm::vec2, 4>> projectedTags(const tracking::Rig& rig, const tracking::RigPose& pose,
                                                    const tracking::Intrinsics& k) {
  std::vector<std::array<glm::vec2, 4>> quads;
  if (!pose.found) return quads;
  cv::Matx44d m = tracking::poseMatrix(pose);
  std::vector<cv::Point3d> corners;
  for (const tracking::RigTag& tag : rig.tags) {
    glm::dvec3 n = tracking::tagNormal(tag), c = tag.corners_mm[0];
    cv::Vec4d nc = m * cv::Vec4d(n.x, n.y, n.z, 0.0), pc = m * cv::Vec4d(c.x, c.y, c.z, 1.0);
    if (nc[0] * pc[0] + nc[1] * pc[1] + nc[2] * pc[2] >= 0) continue;  // its back to the camera
    for (const glm::dvec3& p : tag.corners_mm) corners.emplace_back(p.x, p.y, p.z);
  }
  if (corners.empty()) return quads;
  std::vector<cv::Point2d> px;
  cv::projectPoints(corners, pose.rvec, pose.tvec, tracking::cameraMatrix(k), tracking::distCoeffs(k), px);
  for (size_t i = 0; i + 3 < px.size(); i += 4)
    quads.push_back({glm::vec2(px[i].x, px[i].y), glm::vec2(px[i + 1].x, px[i + 1].y), glm::vec2(px[i + 2].x, px[i + 2].y),
                     glm::vec2(px[i + 3].x, px[i + 3].y)});
  return quads;
}

bool projectedOrigin(const tracking::RigPose& pose, const tracking::Intrinsics& k, glm::vec2& px) {
  if (!pose.found) return false;
  std::vector<cv::Point3d> origin{{0, 0, 0}};
  std::vector<cv::Point2d> projected;
  cv::projectPoints(origin, pose.rvec, pose.tvec, tracking::cameraMatrix(k), tracking::distCoeffs(k), projected);
  px = glm::vec2(projected[0].x, projected[0].y);
  return true;
}

cv::Mat previewPicture(const cv::Mat& image) {
  cv::Mat grey;
  if (image.channels() == 1) grey = image;
  else cv::cvtColor(image, grey, image.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
  int w = CameraView::kPreviewWidth, h = std::max(1, int(double(image.rows) * w / std::max(1, image.cols)));
  cv::Mat small;
  cv::resize(grey, small, cv::Size(w, h), 0, 0, cv::INTER_AREA);
  return small;
}

std::string shippedRigPath(const char* name) {
  const char* env = std::getenv("NEEDLESIM_ASSETS");
  std::filesystem::path dir = env && *env ? env : NEEDLESIM_ASSETS_DIR;
  return (dir / "rigs" / name).string();
}

CameraPen::~CameraPen() { closeCameraPen(*this); }

bool openCameraPen(const CameraPenOptions& options, CameraPen& c, std::string& error) {
  c.options = options;
  tracking::TrackerConfig config;
  std::string pen = options.penRigFile.empty() ? shippedRigPath("pen.json") : options.penRigFile;
  std::string pad = options.padRigFile.empty() ? shippedRigPath("pad.json") : options.padRigFile;
  if (!loadRigFor("--pen-rig", pen, config.pen, error) || !loadRigFor("--pad-rig", pad, config.pad, error)) return false;
  if (options.calibFile.empty()) {
    error = options.identity.empty()
                ? "--camera: needs --camera-calib FILE, the camera's intrinsics (docs/tracking.md says how to calibrate)"
                : "--camera: no calibration remembered for camera '" + options.identity +
                      "': calibrate it once (--calibrate-camera OUT.json) or give --camera-calib FILE";
    return false;
  }
  if (!tracking::loadIntrinsics(options.calibFile, config.camera, error)) {
    error = "--camera-calib: " + error;
    return false;
  }
  if (!tracking::openCapture(c.capture, options.source, options.fps, error, options.paced)) {
    error = "--camera: " + error;
    return false;
  }
  if (!tracking::checkFrameSize(config.camera, options.calibFile, c.capture.width, c.capture.height, error)) {
    error = "--camera-calib: " + error;
    tracking::closeCapture(c.capture);
    return false;
  }
  config.dial_mm = options.dial_mm;
  c.live = c.capture.live;
  c.tracker = tracking::createTracker(config);
  c.worker = std::thread(workerLoop, std::ref(c));
  return true;
}

void closeCameraPen(CameraPen& c) {
  {
    std::lock_guard lock(c.mutex);
    c.stopping = true;
    c.changed.notify_all();
  }
  tracking::closeCapture(c.capture);  // a worker waiting for a frame wakes at the end
  if (c.worker.joinable()) c.worker.join();
  tracking::destroyTracker(c.tracker);  // idempotent
  c.ready.clear();
}

void takeTrackedFrames(CameraPen& c, double until_s, std::vector<CameraPen::Ready>& out) {
  std::unique_lock lock(c.mutex);
  if (c.live) {
    auto now = std::chrono::steady_clock::now();
    for (CameraPen::Ready& r : c.ready) {
      core::addValue(c.stats.latency_ms, std::chrono::duration<double, std::milli>(now - r.arrived).count());
      out.push_back(std::move(r));
    }
    c.ready.clear();
    return;
  }
  // Up to and including the first frame after until_s: the pen model then has the
  // sample after the clock to interpolate toward, as a replay has its next line.
  for (;;) {
    while (c.takenUntil_s <= until_s && !c.ready.empty()) {
      c.takenUntil_s = c.ready.front().frame.t_s;
      out.push_back(std::move(c.ready.front()));
      c.ready.pop_front();
      c.changed.notify_all();  // the worker may go on
    }
    if (c.takenUntil_s > until_s || c.workerDone) return;
    c.changed.wait(lock, [&] { return !c.ready.empty() || c.workerDone; });
  }
}

bool cameraFinished(CameraPen& c) {
  std::lock_guard lock(c.mutex);
  return !c.live && c.workerDone && c.ready.empty();
}

CameraView cameraView(CameraPen& c) {
  std::lock_guard lock(c.mutex);
  return c.view;
}

CameraNumbers cameraNumbers(CameraPen& c) {
  std::lock_guard lock(c.mutex);
  const CameraStats& s = c.stats;
  return {s.frames, s.tracked, s.lost_s, s.lostNow ? s.lastLost_s : 0.0, core::seriesPercentile(s.ms, 50),
          core::seriesPercentile(s.latency_ms, 50), core::seriesPercentile(s.reprojection_px, 50)};
}

nlohmann::json cameraReport(CameraPen& c) {
  CameraStats s;
  {
    std::lock_guard lock(c.mutex);  // once, at the end of a run
    s = c.stats;
  }
  std::string problem;
  long dropped = 0;
  {
    std::lock_guard lock(c.capture.mutex);
    problem = c.capture.error;
    dropped = c.capture.dropped;
  }
  nlohmann::json r = {{"source", c.options.source},
                      {"live", c.live},
                      {"frames", s.frames},
                      {"frames_tracked", s.tracked},
                      {"lost_s", s.lost_s},
                      {"pad_frames", s.padFrames},
                      {"pen_frames", s.penFrames},
                      {"contact_frames", s.contactFrames},
                      {"ms_per_frame", {{"p50", core::seriesPercentile(s.ms, 50)}, {"p95", core::seriesPercentile(s.ms, 95)}}},
                      {"reprojection_px", {{"p50", core::seriesPercentile(s.reprojection_px, 50)}}},
                      {"dropped", dropped},
                      {"width", c.capture.width},
                      {"height", c.capture.height},
                      {"calibration", c.options.calibFile},
                      {"pen_rig", c.options.penRigFile.empty() ? shippedRigPath("pen.json") : c.options.penRigFile},
                      {"camera", c.options.identity},
                      {"remembered", {{"intrinsics", c.options.calibRemembered}, {"pen_rig", c.options.penRigRemembered}}}};
  if (c.live) r["latency_ms"] = {{"p50", core::seriesPercentile(s.latency_ms, 50)}, {"p95", core::seriesPercentile(s.latency_ms, 95)}};
  if (!problem.empty()) r["error"] = problem;
  return r;
}

}  // namespace ns::runtime
