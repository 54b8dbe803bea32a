// Capture from files, the way a replay runs: every frame in order at index / fps
// (or the container's time), none dropped however slow the reader; and bad sources
// get one line, with OpenCV and FFmpeg silent.
#include <gtest/gtest.h>

#include <fstream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "support.h"
#include "tracking/capture.h"
#include "tracking/synthetic.h"

using namespace ns::tracking;

namespace {

std::vector<cv::Mat> frames(int n) {
  TrackerConfig config = test::shippedConfig();
  SyntheticRenderer r = createRenderer(config.pen, config.pad, config.camera);
  std::vector<cv::Mat> out;
  for (int i = 0; i < n; ++i) out.push_back(renderFrame(r, padToCamera(450, 45), {sessionPose(i / 30.0).penToPad}, {}));
  return out;
}

std::string openError(const std::string& source) {
  Capture c;
  std::string error;
  testing::internal::CaptureStderr();
  bool ok = openCapture(c, source, 30, error);
  std::string noise = testing::internal::GetCapturedStderr();
  EXPECT_FALSE(ok);
  EXPECT_EQ(noise, "") << "OpenCV or FFmpeg spoke";
  EXPECT_EQ(error.find('\n'), std::string::npos);
  closeCapture(c);
  return error;
}

}  // namespace

TEST(Capture, ImageSequenceIsReplayedWhole) {
  std::string dir = test::outputDir("sequence");
  std::vector<cv::Mat> written = frames(12);
  for (size_t i = 0; i < written.size(); ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "/%05zu.png", i);
    ASSERT_TRUE(cv::imwrite(dir + name, written[i]));
  }
  Capture c;
  std::string error;
  ASSERT_TRUE(openCapture(c, dir + "/%05d.png", 25, error)) << error;
  EXPECT_FALSE(c.live);
  EXPECT_EQ(c.width, 1280);
  EXPECT_EQ(c.height, 720);
  CaptureFrame f;
  int n = 0;
  while (nextFrame(c, f, true)) {
    // A slow tracker: the reader waits, nothing is dropped.
    std::this_thread::sleep_for(std::chrono::milliseconds(n < 3 ? 30 : 0));
    EXPECT_EQ(f.index, n);
    EXPECT_NEAR(f.t_s, n / 25.0, 1e-9);
    cv::Mat grey = f.image;
    if (grey.channels() == 3) cv::cvtColor(f.image, grey, cv::COLOR_BGR2GRAY);
    EXPECT_EQ(cv::norm(grey, written[n], cv::NORM_INF), 0) << n;
    ++n;
  }
  EXPECT_EQ(n, 12);
  EXPECT_EQ(c.dropped, 0);
  EXPECT_TRUE(captureEnded(c));
  closeCapture(c);
}

TEST(Capture, VideoFileIsReplayedWhole) {
  std::string path = test::outputDir("video") + "/session.avi";
  std::vector<cv::Mat> written = frames(10);
  {
    cv::VideoWriter w(path, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 30, {1280, 720}, false);
    ASSERT_TRUE(w.isOpened());
    for (const cv::Mat& m : written) w.write(m);
  }
  Capture c;
  std::string error;
  ASSERT_TRUE(openCapture(c, path, 30, error)) << error;
  CaptureFrame f;
  int n = 0;
  while (nextFrame(c, f, true)) {
    EXPECT_NEAR(f.t_s, n / 30.0, 1e-3) << n;
    ++n;
  }
  EXPECT_EQ(n, 10);
  closeCapture(c);
}

TEST(Capture, BadSourcesGetOneLine) {
  EXPECT_EQ(openError("/dev/video97"), "/dev/video97: no such camera device (see v4l2-ctl --list-devices)");
  EXPECT_EQ(openError("/nonexistent/session.mp4"), "/nonexistent/session.mp4: no such video file");
  std::string junk = test::outputDir("junk") + "/junk.mp4";
  std::ofstream(junk) << "this is not a video\n";
  EXPECT_EQ(openError(junk), junk + ": not a video that can be read (MP4 or AVI expected)");
  std::string empty = test::outputDir("empty");
  EXPECT_EQ(openError(empty + "/%05d.png"), empty + "/%05d.png: no image of the sequence can be read (expected files like DIR/00000.png)");
  Capture c;
  std::string error;
  EXPECT_FALSE(openCapture(c, junk, 0, error));
  EXPECT_EQ(error, junk + ": --camera-fps: expected frames per second in (0, 1000]");
}
