#pragma once
// A rig's pose from every one of its tags seen in a frame: one joint PnP over all
// their corners (a pen's tags on several faces make a 3D point set, which a single
// tag's pose never is), started from the last pose when there is one, refined by
// Levenberg–Marquardt, with tags that do not agree dropped.
#include <vector>

#include <opencv2/core.hpp>

#include "tracking/detector.h"
#include "tracking/intrinsics.h"
#include "tracking/rig.h"

namespace ns::tracking {

// X_camera = R(rvec) · X_rig + tvec, millimetres.
struct RigPose {
  bool found = false;
  cv::Vec3d rvec{0, 0, 0}, tvec{0, 0, 0};
  double rms_px = 0;  // reprojection error over the corners used
  int tags = 0;       // tags used
};

struct PoseOptions {
  double maxRms_px = 2.0;       // a pose worse than this is no pose
  double outlierTag_px = 1.5;   // a tag's mean error beyond this (and 3× the median) is dropped
  double flipRatio = 4.0;       // a single tag with no prior: its flip must fit this much worse
};

RigPose solveRigPose(const Rig& rig, const std::vector<TagDetection>& tags, const Intrinsics& k,
                     const RigPose* prior, const PoseOptions& options = {});

// The plain pipeline a user could write in an afternoon: one cv::solvePnP
// (iterative) over all of a rig's corners, no prior, no outlier handling. The
// benchmark's baseline.
RigPose solveRigPosePlain(const Rig& rig, const std::vector<TagDetection>& tags, const Intrinsics& k);

// The image box around a rig's tags that face the camera at `pose`, grown by
// `margin` of its size plus `pad_px`, clipped to the image; empty when none faces it.
cv::Rect projectedBox(const Rig& rig, const RigPose& pose, const Intrinsics& k, double margin, int pad_px);

cv::Matx44d poseMatrix(const RigPose& pose);  // rig → camera

}  // namespace ns::tracking
