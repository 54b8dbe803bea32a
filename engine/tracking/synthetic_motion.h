#pragma once
// A scripted practice session with its ground truth, for the synthetic video: the pen
// approaches, glides over the patch at known tilts (rolling in the hand as it
// goes), stamps three taps at 2 Hz and lifts between strokes. The camera looks at
// the pad from `distance_mm` away, `elevation_deg` from vertical (the product's
// setup: 30–60 cm, 30–60°).
#include <glm/glm.hpp>

#include <vector>

#include <opencv2/core.hpp>

#include "tracking/intrinsics.h"

namespace ns::tracking {

struct TruthFrame {
  double t_s = 0;
  cv::Matx44d penToPad;    // pen frame → pad frame
  glm::dvec3 tip_mm{0.0};  // in the pad frame
  glm::dvec3 dir{0.0, 0.0, -1.0};
  bool contact = false;    // the tip on the surface (z <= 0)
};

// The pen's pose at time t (seconds, 0..sessionLength_s()).
TruthFrame sessionPose(double t_s);
double sessionLength_s();
// One TruthFrame per camera frame at `fps`.
std::vector<TruthFrame> sessionFrames(double fps);

// The pad frame in the camera's frame for a camera `distance_mm` from the pad's
// centre, looking at it from `elevation_deg` off vertical, from the trainee's side (−y).
cv::Matx44d padToCamera(double distance_mm, double elevation_deg);
// The session's camera: 1280×720, fx = fy = 920 (≈ 70° across), no distortion.
Intrinsics syntheticCamera();

// A pose of the pen: tip at `tip` (pad frame), axis tilted `tilt_deg` from the pad's
// normal toward azimuth `azimuth_deg`, turned `roll_deg` about the axis.
cv::Matx44d penPose(glm::dvec3 tip, double tilt_deg, double azimuth_deg, double roll_deg);

}  // namespace ns::tracking
