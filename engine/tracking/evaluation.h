#pragma once
// The tracker against ground truth on the synthetic session: what the tests assert
// and the benchmark reports, computed once here so both read the same numbers.
#include <vector>

#include "input/pen_sample.h"
#include "tracking/synthetic.h"
#include "tracking/synthetic_motion.h"
#include "tracking/tracker.h"

namespace ns::tracking {

struct SessionSetup {
  double fps = 30;
  double distance_mm = 450, elevation_deg = 45;
  RenderOptions render;
  int exposureSamples = 1;  // > 1: motion blur over half a frame's time, centred on t
  int firstFrame = 0, frameStep = 1, maxFrames = 1 << 30;
};

struct SessionScore {
  int frames = 0, tracked = 0;
  double trackedFraction = 0;
  double tipRms_mm = 0, tipP95_mm = 0, axisMedian_deg = 0, axisP95_deg = 0;
  int contactFrames = 0, contactRight = 0;  // frames away from transitions, and those right
  double contactAccuracy = 0;
  double msMean = 0, msP50 = 0;
  double reprojectionP50_px = 0;
  std::vector<TruthFrame> truth;          // per frame
  std::vector<TrackedFrame> results;      // per frame
};

// Renders each frame of the session and tracks it. Contact is scored on frames more
// than `transitionFrames` away from a change of the true contact.
SessionScore runSession(const TrackerConfig& config, const SessionSetup& setup, int transitionFrames = 2);

// The PenTrack a run gives (tracked frames, and a contact-false line at the first
// lost frame, as --record writes) and the true one at the same frames.
input::PenTrack trackedTrack(const SessionScore& score, double dial_mm);
input::PenTrack truthTrack(const SessionScore& score, double dial_mm);

}  // namespace ns::tracking
