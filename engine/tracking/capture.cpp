#include "tracking/capture.h"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include <opencv2/core/utils/logger.hpp>

#include "tracking/camera_identity.h"

namespace ns::tracking {
namespace {

bool allDigits(const std::string& s) {
  if (s.empty()) return false;
  for (char ch : s)
    if (ch < '0' || ch > '9') return false;
  return true;
}

bool openSource(Capture& c, std::string& error) {
  const std::string& s = c.source;
  namespace fs = std::filesystem;
  if (isDeviceSource(s)) {
    c.live = true;
    if (!allDigits(s) && !fs::exists(s)) {
      error = s + ": no such camera device (see v4l2-ctl --list-devices)";
      return false;
    }
    int index = allDigits(s) ? std::atoi(s.c_str()) : std::atoi(s.c_str() + 10);
    if (!c.video.open(index, cv::CAP_V4L2)) {
      error = s + ": the camera cannot be opened (busy, no permission, or not a capture device)";
      return false;
    }
    return true;
  }
  if (s.find('%') != std::string::npos) {
    if (!c.video.open(s, cv::CAP_IMAGES)) {
      error = s + ": no image of the sequence can be read (expected files like DIR/00000.png)";
      return false;
    }
    return true;
  }
  if (!fs::exists(s)) {
    error = s + ": no such video file";
    return false;
  }
  if (!c.video.open(s, cv::CAP_FFMPEG)) {
    error = s + ": not a video that can be read (MP4 or AVI expected)";
    return false;
  }
  return true;
}

// A file's time for its frame: its own timestamp when it has one that moves on,
// else index / fps.
double fileTime(Capture& c, long index, double lastT) {
  double ms = c.video.get(cv::CAP_PROP_POS_MSEC);
  double t = ms / 1000.0;
  if (index > 0 && std::isfinite(t) && t > lastT) return t;
  return index / c.fps;
}

void readLoop(Capture& c, std::chrono::steady_clock::time_point opened, double lastT) {
  for (;;) {
    CaptureFrame f;
    bool ok = c.video.read(f.image) && !f.image.empty();
    std::unique_lock lock(c.mutex);
    if (!ok || c.stopping) {
      c.ended = true;
      c.changed.notify_all();
      return;
    }
    f.index = c.read++;
    if (c.paced) {
      f.t_s = fileTime(c, f.index, lastT);
      lastT = f.t_s;
      lock.unlock();
      std::this_thread::sleep_until(opened + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                 std::chrono::duration<double>(f.t_s)));
      lock.lock();
      if (!c.frames.empty()) ++c.dropped, c.frames.clear();
    } else if (c.live) {
      f.t_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - opened).count();
      if (!c.frames.empty()) ++c.dropped, c.frames.clear();
    } else {
      f.t_s = fileTime(c, f.index, lastT);
      lastT = f.t_s;
      c.changed.wait(lock, [&] { return c.frames.size() < kFileQueueFrames || c.stopping; });
      if (c.stopping) continue;
    }
    f.arrived = std::chrono::steady_clock::now();
    c.frames.push_back(std::move(f));
    c.changed.notify_all();
  }
}

}  // namespace

Capture::~Capture() { closeCapture(*this); }

void silenceVideoLogging() {
  cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
  // Read by OpenCV when it first loads FFmpeg; AV_LOG_QUIET. A user's own setting stays.
  setenv("OPENCV_FFMPEG_LOGLEVEL", "-8", 0);
}

bool openCapture(Capture& c, const std::string& source, double fps, std::string& error, bool paced) {
  silenceVideoLogging();
  if (!(fps > 0 && fps <= 1000)) {
    error = source + ": --camera-fps: expected frames per second in (0, 1000]";
    return false;
  }
  c.source = source, c.fps = fps;
  auto opened = std::chrono::steady_clock::now();
  if (!openSource(c, error)) return false;
  c.paced = paced && !c.live;
  c.live = c.live || c.paced;
  CaptureFrame first;
  if (!c.video.read(first.image) || first.image.empty()) {
    error = source + (c.live ? ": the camera gives no frames" : ": no frame can be read (empty or unsupported video)");
    c.video.release();
    return false;
  }
  c.width = first.image.cols, c.height = first.image.rows;
  first.t_s = c.live ? std::chrono::duration<double>(std::chrono::steady_clock::now() - opened).count() : 0.0;
  first.index = c.read++;
  first.arrived = std::chrono::steady_clock::now();
  c.frames.push_back(std::move(first));
  c.reader = std::thread(readLoop, std::ref(c), opened, 0.0);
  return true;
}

bool nextFrame(Capture& c, CaptureFrame& frame, bool wait) {
  std::unique_lock lock(c.mutex);
  if (wait) c.changed.wait(lock, [&] { return !c.frames.empty() || c.ended; });
  if (c.frames.empty()) return false;
  frame = std::move(c.frames.front());
  c.frames.pop_front();
  c.changed.notify_all();  // a file's reader may go on
  return true;
}

bool captureEnded(Capture& c) {
  std::lock_guard lock(c.mutex);
  return c.ended && c.frames.empty();
}

void closeCapture(Capture& c) {
  {
    std::lock_guard lock(c.mutex);
    c.stopping = true;
    c.changed.notify_all();
  }
  if (c.reader.joinable()) c.reader.join();
  c.video.release();
  c.frames.clear();
}

}  // namespace ns::tracking
