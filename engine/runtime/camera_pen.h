#pragma once
// The camera as the pen (contract: ../shared/product.md, "A real pen, tracked by a
// camera"): the capture (its own reader thread) and the tracker (a worker thread of
// its own), so neither decoding nor detection runs on the render thread; the pen
// session takes the tracked frames each frame and turns them into pen samples.
//
//   CameraPen c;  if (!openCameraPen(options, c, error)) { one line; exit 2 }
//   each frame:   takeTrackedFrames(c, clock_s, frames)  → samples (pen_session.cpp)
//   closeCameraPen(c);
//
// A file source (a video, an image sequence) is replayed: every frame is tracked in
// order, and the session takes those whose time the pen clock has reached, waiting
// for the worker when the clock is ahead of it, so a file gives the same samples on
// any machine and runs as fast as the tracker does. A device is live: the worker
// tracks the newest frame (the capture drops the rest), and the session takes
// whatever was tracked since its last frame.
#include <array>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <glm/glm.hpp>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include "core/stats.h"
#include "tracking/capture.h"
#include "tracking/tracker.h"

namespace ns::runtime {

struct CameraPenOptions {
  std::string source;      // --camera
  double fps = 30;         // --camera-fps (an image sequence's rate)
  std::string calibFile;   // --camera-calib
  std::string penRigFile;  // --pen-rig
  std::string padRigFile;  // --pad-rig
  double dial_mm = 0.5;    // the dial written into the samples until the trainee turns it
  bool paced = false;      // --camera-live: a file given as a camera would (its pace, newest frame only)
  std::string identity;    // the device's (tracking/camera_identity.h); "" for a file
  bool calibRemembered = false, penRigRemembered = false;  // taken from the camera's folder, not a flag
};

// The shipped rigs (assets/rigs; $NEEDLESIM_ASSETS overrides the folder).
std::string shippedRigPath(const char* name);

// What the camera panel shows: the newest tracked frame, small, and where the rigs'
// tags are in it (projected from the poses found, in the camera's pixels).
struct CameraView {
  static constexpr int kPreviewWidth = 480;  // enough to see the tags in the panel
  int width = 0, height = 0;          // the camera's frame
  cv::Mat small;                      // grey, kPreviewWidth wide (empty before the first frame)
  std::vector<std::array<glm::vec2, 4>> penQuads, padQuads;
  glm::vec2 tip_px{0.0f};
  bool tipSeen = false;
  bool padFound = false, penFound = false, tracked = false, contact = false;
  double tipHeight_mm = 0;            // above the pad (tracked frames)
  double t_s = 0;
  long version = 0;                   // grows with each new view
};

// The picture a panel shows of a camera frame: grey, kPreviewWidth wide, a new buffer.
cv::Mat previewPicture(const cv::Mat& image);
// The corners of each tag of `rig` facing the camera, projected with `pose` (px).
std::vector<std::array<glm::vec2, 4>> projectedTags(const tracking::Rig& rig, const tracking::RigPose& pose,
                                                    const tracking::Intrinsics& k);
// Where a found rig's origin (the pen's tip, the pad's centre) is in the picture (px);
// false when the rig was not found.
bool projectedOrigin(const tracking::RigPose& pose, const tracking::Intrinsics& k, glm::vec2& px);

// Read under the mutex by the report and the panel; written by the worker.
struct CameraStats {
  long frames = 0;          // read and tracked
  long penFrames = 0, padFrames = 0, tracked = 0, contactFrames = 0;
  double lost_s = 0;        // source time without a pen pose relative to the pad
  double lastLost_s = 0;    // the current (or last) gap's length
  double lastT_s = -1;
  bool lostNow = true;
  core::TimeSeries ms, reprojection_px;
  core::TimeSeries latency_ms;  // camera frame → pen sample (live sources)
};

struct CameraPen {
  CameraPenOptions options;
  bool live = false;
  tracking::Capture capture;
  tracking::Tracker tracker;
  std::thread worker;
  std::mutex mutex;
  std::condition_variable changed;
  struct Ready {
    tracking::TrackedFrame frame;
    std::chrono::steady_clock::time_point arrived;
  };
  std::deque<Ready> ready;  // tracked, not yet taken by the session
  bool workerDone = false, stopping = false;
  double takenUntil_s = -1e300;  // a file: the time of the last frame the session took
  CameraStats stats;
  CameraView view;
  // The session's side (render thread only): the last sample it made, and whether
  // the pen was tracked in the last frame it took.
  bool wasTracked = false;
  input::PenSample last;
  bool everTracked = false;

  CameraPen() = default;
  CameraPen(const CameraPen&) = delete;
  CameraPen& operator=(const CameraPen&) = delete;
  ~CameraPen();
};

// Loads the rigs and the intrinsics, opens the source and checks its frame size
// against the intrinsics, and starts the worker. False with one line naming the file
// (or source) and what was expected.
bool openCameraPen(const CameraPenOptions& options, CameraPen& camera, std::string& error);
void closeCameraPen(CameraPen& camera);

// The tracked frames the session may take now. A file: those with t ≤ until_s and the
// one after (waiting for the worker until it has tracked that far or the file ended).
// Live: every frame tracked since the last call.
void takeTrackedFrames(CameraPen& camera, double until_s, std::vector<CameraPen::Ready>& out);
// A file source that has ended and whose frames have all been taken.
bool cameraFinished(CameraPen& camera);
// Copies for the panel (taken under the worker's lock).
CameraView cameraView(CameraPen& camera);
// The counts and medians a panel shows, taken under the lock without copying the
// series (the report reads the same through cameraReport).
struct CameraNumbers {
  long frames = 0, tracked = 0;
  double lost_s = 0, lostFor_s = 0;  // in all, and the current gap (0 while tracked)
  double msP50 = 0, latencyP50_ms = 0, reprojectionP50_px = 0;
};
CameraNumbers cameraNumbers(CameraPen& camera);

// The report's `tracking` section (contract keys and a few more).
nlohmann::json cameraReport(CameraPen& camera);

}  // namespace ns::runtime
