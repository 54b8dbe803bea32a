#pragma once
// Camera frames from a V4L2 device or a file, read on a thread of their own so a
// slow camera never stalls a rendered frame.
//
//   Capture c;  if (!openCapture(c, "/dev/video0", 30, error)) { one line; exit 2 }
//   each frame:  CaptureFrame f; while (nextFrame(c, f, false)) track(f);
//   closeCapture(c);
//
// SOURCE (contract: the CLI's --camera): `/dev/videoN` or `N` (V4L2, live), a video
// file (MP4, AVI), or an image sequence `DIR/%05d.png` (files: replayed).
// A live source keeps only the newest frame (a frame the tracker had no time for is
// dropped and counted: the pen's pose now matters, not a backlog); a file source
// never drops one: its reader waits for the tracker, so a replay runs as fast as
// the tracker does and gives the same samples on any machine. Times: a file's own
// timestamps where it has them, else index / fps; a device's, seconds since open.
// `paced`: a file played as if it were a camera (each frame released at its time,
// newest only), so the live path can be run and measured without one.
// OpenCV's and FFmpeg's own logging is silenced: a source that cannot be opened or
// read gets one line in `error` and nothing else on the terminal.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include <opencv2/core.hpp>
#include <opencv2/videoio.hpp>

namespace ns::tracking {

struct CaptureFrame {
  cv::Mat image;  // BGR, or grey where the source is (a grey image sequence)
  double t_s = 0;
  long index = 0;
  std::chrono::steady_clock::time_point arrived;  // when the reader had it (latency is measured from here)
};

struct Capture {
  std::string source;
  bool live = false;   // newest frame only (a device, or a paced file)
  bool paced = false;  // a file released at its own times
  double fps = 30;
  int width = 0, height = 0;
  cv::VideoCapture video;  // read by the thread only, once it runs
  std::thread reader;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<CaptureFrame> frames;  // live: at most one
  bool ended = false, stopping = false;
  long read = 0, dropped = 0;
  std::string error;  // why the source ended early ("" at a clean end)

  Capture() = default;
  Capture(const Capture&) = delete;
  Capture& operator=(const Capture&) = delete;
  // closeCapture is the way to end one; this only makes sure no reader thread
  // outlives its Capture when an exception unwinds past it.
  ~Capture();
};

constexpr size_t kFileQueueFrames = 4;

// Opens the source and reads its first frame (so its size is known and a file that
// opens but holds no frame is refused here), then starts the reader.
bool openCapture(Capture& c, const std::string& source, double fps, std::string& error, bool paced = false);
// The next frame. Files: waits for it when `wait`; false at the end. Live: the
// newest frame if one arrived since the last call (waiting for one when `wait`).
bool nextFrame(Capture& c, CaptureFrame& frame, bool wait);
bool captureEnded(Capture& c);  // no frame will come any more
void closeCapture(Capture& c);
// Silences OpenCV's and FFmpeg's logging (done by openCapture; idempotent).
void silenceVideoLogging();

}  // namespace ns::tracking
