#pragma once
// Calibration videos rendered of the shipped rigs with known truth, as image
// sequences (DIR/%05d.png), for the terminal's and the window's calibrations.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>

#include <glm/glm.hpp>
#include <opencv2/imgcodecs.hpp>

#include "tracking/intrinsics.h"
#include "tracking/rig.h"
#include "tracking/rig_design.h"
#include "tracking/synthetic.h"
#include "tracking/synthetic_motion.h"

namespace ns::test {

inline void writeFrame(const std::filesystem::path& dir, int i, const cv::Mat& image) {
  char file[32];
  std::snprintf(file, sizeof file, "%05d.png", i);
  ASSERT_TRUE(cv::imwrite((dir / file).string(), image));
}

// The calibration board seen from many places: `views` frames, the board turned,
// tilted and moved about the image (a person waving it in front of the camera).
// `pen`: any rig (kept out of view).
inline void renderBoardVideo(const std::filesystem::path& dir, int views, const tracking::Rig& pen) {
  tracking::Intrinsics k = tracking::syntheticCamera();
  tracking::SyntheticRenderer r = tracking::createRenderer(pen, tracking::shippedBoardRig(), k);
  tracking::RenderOptions options;
  options.hand = false;
  options.noiseSigma = 1.0;
  cv::Matx44d away = tracking::penPose({2000, 0, 60}, 0, 0, 0);
  for (int i = 0; i < views; ++i) {
    double a = 2 * M_PI * i / views;
    cv::Matx44d board = tracking::padToCamera(380 + 120 * std::sin(3 * a), 20 + 25 * std::cos(2 * a));
    // Turned about the camera's axis, and moved across the image.
    double spin = 0.6 * std::sin(a), c = std::cos(spin), s = std::sin(spin);
    cv::Matx44d turn(c, -s, 0, 110 * std::cos(a), s, c, 0, 60 * std::sin(a), 0, 0, 1, 0, 0, 0, 0, 1);
    writeFrame(dir, i, tracking::renderFrame(r, turn * board, {away}, options));
  }
  tracking::destroyRenderer(r);
}

// A sleeve seated `seat` mm off the design: 60 frames of its tip held on the pad's
// centre while the pen is tilted and turned. Returns the rig as it really sits.
inline tracking::Rig renderPivotVideo(const std::filesystem::path& dir, const tracking::Rig& design,
                                      const tracking::Rig& pad, glm::dvec3 seat) {
  tracking::Intrinsics k = tracking::syntheticCamera();
  tracking::Rig real = design;
  for (tracking::RigTag& t : real.tags)
    for (glm::dvec3& c : t.corners_mm) c += seat;
  tracking::SyntheticRenderer r = tracking::createRenderer(real, pad, k);
  tracking::RenderOptions options;
  options.noiseSigma = 1.0;
  for (int i = 0; i < 60; ++i) {
    double a = 2 * M_PI * i / 60;
    cv::Matx44d pose = tracking::penPose({0, 0, 0}, 10 + 15 * (0.5 + 0.5 * std::sin(2 * a)), 360.0 * i / 60, 40 * std::sin(a));
    writeFrame(dir, i, tracking::renderFrame(r, tracking::padToCamera(450, 45), {pose}, options));
  }
  tracking::destroyRenderer(r);
  return real;
}

}  // namespace ns::test
