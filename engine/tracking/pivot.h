#pragma once
// Tip calibration by pivoting: the trainee holds the tip still on one point of the
// pad and tilts and turns the pen; every pose of the rig (rig → pad, or rig →
// camera) then satisfies R_i · tip + t_i = pivot. Stacked, that is a linear least
// squares problem in the tip (rig frame) and the pivot (the poses' frame), solved
// by SVD; the residual is the RMS distance of R_i · tip + t_i from the pivot.
// The shipped pen rig puts its origin on the tip by design; a pivot measures where
// a real sleeve really sits (glued and printed parts are never where the drawing says).
#include <glm/glm.hpp>

#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace ns::tracking {

struct PivotResult {
  glm::dvec3 tip_mm{0.0};    // in the rig frame
  glm::dvec3 pivot_mm{0.0};  // in the poses' frame
  double residual_mm = 0;    // RMS
  double spread_deg = 0;     // the largest angle between two of the poses' axes
};

// At least 10 poses, turned by at least 20° between some two of them (otherwise the
// tip along the axis is not determined): else false with one line in `error`.
bool pivotCalibrate(const std::vector<cv::Matx44d>& rigPoses, PivotResult& out, std::string& error);

}  // namespace ns::tracking
