#pragma once
// The guided calibrations' screen (runtime/guided_calibration.h): the camera's picture
// large, with what it found drawn over it (the board's tags and the image's cells
// still to cover, or the pen's and the pad's tags), and beside it the steps, what is
// still missing in numbers, the Solve and Start-again buttons, and the result: saved
// with its numbers, or refused with the reason.
#include <string>
#include <vector>

#include "ui/camera_panel.h"

namespace ns::ui {

struct CalibrationPanelView {
  bool tip = false;  // the pen's tip by pivoting; else the camera's intrinsics
  std::string source, out, trainCommand;
  bool live = false, sourceEnded = false;
  int width = 0, height = 0;  // the camera's frames, px
  std::vector<CameraPanelView::Quad> boardQuads, penQuads, padQuads;
  long frames = 0;
  // camera
  int views = 0, minViews = 0, plentyViews = 0, coverCols = 0, coverRows = 0, boardTags = 0;
  std::vector<int> coverage;
  double coverageShare = 0, minCoverage = 0;
  // tip
  long poses = 0, minPoses = 0;
  bool tipSeen = false, targetSeen = false;  // the pen's tip and the pad's centre in the picture (px)
  float tipX = 0, tipY = 0, targetX = 0, targetY = 0;
  double spread_deg = 0, minSpread_deg = 0, plentySpread_deg = 0, maxResidual_mm = 0;
  // state and result
  enum class Stage { Collecting, Solving, Saved, Refused } stage = Stage::Collecting;
  bool canSolve = false;
  std::string problem;
  std::vector<std::string> resultLines;  // what was saved, in numbers
};

enum class CalibrationAction { None, Solve, Restart, Close };

// Over the window's `x, y, w, h`.
CalibrationAction drawCalibrationPanel(const CalibrationPanelView& v, Thumbnails& pictures, const LivePicture& live, float x,
                                       float y, float w, float h);

}  // namespace ns::ui
