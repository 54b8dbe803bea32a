#pragma once
// The pad does not move, so it is not detected again every frame: when it has been
// found, points just inside, on and just outside each black border edge of its tags
// are remembered with how the edge sat between them; each frame those few hundred
// pixels are read again and the pad is held where it was while the edges have not
// moved (a quarter pixel or more moves them: docs/tracking.md). A hand or the pen
// over some tags only hides some points (they lose their contrast and are not
// counted); a bumped camera or pad moves them all, and the pad is searched for again.
#include <vector>

#include <opencv2/core.hpp>

#include "tracking/intrinsics.h"
#include "tracking/rig.h"
#include "tracking/rig_pose.h"

namespace ns::tracking {

struct PadHold {
  bool armed = false;
  std::vector<cv::Point2f> inside, edge, outside;
  std::vector<float> reference;  // the edge's place between its two sides; NaN: no contrast then
  int framesHeld = 0;
};

// Remembers the pad's edges as they are in `grey` at `pose` (just detected).
void armPadHold(PadHold& hold, const Rig& pad, const RigPose& pose, const Intrinsics& k, const cv::Mat& grey);
// Whether the pad's edges are still where they were.
bool padStill(PadHold& hold, const cv::Mat& grey);

}  // namespace ns::tracking
