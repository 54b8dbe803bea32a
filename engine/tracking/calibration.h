#pragma once
// Camera intrinsics from the printed calibration board (assets/rigs/board.json, any
// planar rig will do): each frame's board tags give corner correspondences; a frame
// is kept as a view when the board is seen well (enough tags) and from somewhere new
// (its pose differs from every kept view's), so a person waving the board about
// gives a spread of views, not hundreds of copies of one. OpenCV's calibrateCamera
// (Zhang's method, Brown–Conrady k1 k2 p1 p2 k3) solves them.
//
// A result is refused, with the reason in words, when it would track badly:
// too few views, the corners covering too little of the image (the distortion at
// the edges would be a guess), a re-projection error over 1 px, or a focal length
// a webcam cannot have.
//
//   Calibration c = createCalibration(board, width, height);
//   each frame: addCalibrationFrame(c, grey);   (c.views, calibrationCoverage(c) for a panel)
//   CalibrationResult r = solveCalibration(c);  r.ok ? intrinsicsJson(r.intrinsics) : r.problem
#include <array>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "tracking/detector.h"
#include "tracking/intrinsics.h"
#include "tracking/rig.h"

namespace ns::tracking {

constexpr int kCoverageCols = 6, kCoverageRows = 4;  // the image's cells that coverage counts

struct CalibrationLimits {
  int minTags = 6;                 // board tags in a frame for it to count
  int minViews = 10;               // views needed to solve
  int maxViews = 40;               // then the most different are kept
  double newViewDeg = 8.0;         // a view's board orientation must differ this much ...
  double newViewShift = 0.12;      // ... or its centre move this fraction of the image
  double minCoverage = 0.6;        // of a 6×4 grid of the image, cells holding a corner
  double maxRms_px = 1.0;
};

struct CalibrationView {
  std::vector<cv::Point3f> board;  // corners in the board's frame (mm)
  std::vector<cv::Point2f> image;  // where they were seen (px)
  cv::Vec3d normalDir;             // the board's normal seen from the camera (roughly)
  cv::Point2f centre;
};

struct Calibration {
  Rig board;
  int width = 0, height = 0;
  CalibrationLimits limits;
  Detector detector;
  std::vector<CalibrationView> views;
  std::vector<int> coverage;  // 6×4 cells: corners seen in each, over the kept views
  long frames = 0, framesWithBoard = 0;
  std::vector<std::array<cv::Point2f, 4>> lastTags;  // the board's tags found in the last frame (a panel draws them)
};

Calibration createCalibration(const Rig& board, int width, int height, const CalibrationLimits& limits = {});
void destroyCalibration(Calibration& c);
// Looks for the board in the frame (8-bit grey or BGR); true when it was kept as a new view.
bool addCalibrationFrame(Calibration& c, const cv::Mat& image);
// Share of the image's 6×4 cells that hold a corner of a kept view (0..1).
double calibrationCoverage(const Calibration& c);

struct CalibrationResult {
  bool ok = false;
  Intrinsics intrinsics;
  std::string problem;  // why it was refused (one sentence)
};
CalibrationResult solveCalibration(const Calibration& c);

}  // namespace ns::tracking
