#pragma once
// The camera-pen tracker: one camera frame in, the pen's sample in the pad's frame
// (the patch scene's frame) out.
//
//   Tracker t = createTracker(config);
//   each frame:  TrackedFrame f = trackFrame(t, image, t_s);   (f.sample when f.tracked)
//   destroyTracker(t);
//
// Per frame: the pen is looked for only around where its tags were (the box of its
// last pose, grown), at full resolution since that box is small; the pad, which
// does not move, is kept while its tags' edges stay where they were (pad_hold.h)
// and detected again, in its own box, once a second or when they moved. Either falls back to a detection over the whole frame when it
// fails. Each rig's pose is one joint PnP over all its visible tags; the pen's pose
// relative to the pad is filtered (One Euro) and the contact decided from the tip's
// height with hysteresis. A frame without both poses is a lost frame: no sample,
// contact false.
#include <glm/glm.hpp>

#include <string>

#include <opencv2/core.hpp>

#include "input/pen_sample.h"
#include "tracking/detector.h"
#include "tracking/filter.h"
#include "tracking/intrinsics.h"
#include "tracking/pad_hold.h"
#include "tracking/rig.h"
#include "tracking/rig_pose.h"

namespace ns::tracking {

struct TrackerConfig {
  Rig pen, pad;
  Intrinsics camera;
  bool trackRoi = true;         // false: detect over the whole frame every frame
  bool holdPad = true;          // false: detect the pad again every frame
  int padRefreshFrames = 30;    // a held pad is detected again after this many frames
  bool plain = false;           // the baseline: full frame, plain solvePnP, no filter (bench)
  bool filter = true;           // One Euro on the tip
  bool filterAxis = false;      // and on the axis (measured: the raw axis is steadier than any lag costs)
  float fullDecimate = 2.0f;    // quads on a half-size image when searching the whole frame
  int roiFullResArea = 300000;  // a pen box smaller than this (px²) is searched at full size
  int threads = 1;
  double toneGamma = kWebcamToneGamma;  // the camera's tone curve, undone before detection (detector.h)
  // Tuned on the synthetic session (docs/tracking.md): 1 Hz at rest, β 0.8 per mm/s,
  // the speed itself low-passed at 2 Hz. A pen at rest with 0.3 mm of noise comes
  // out with σ × 0.64; the session's tip RMS is no worse than unfiltered (0.46 mm);
  // a tap's 50 mm/s passes nearly unfiltered. (With the speed at 1 Hz it reacted
  // late to every start of a motion and lagged: 0.52 mm.)
  OneEuroParams position{1.0, 0.8, 2.0};    // mm
  OneEuroParams axis{10.0, 100.0, 1.0};     // unit vector components
  ContactParams contact;
  double dial_mm = 0.5;  // written into the samples (the CLI sets it from the scene)
};

struct TrackedFrame {
  double t_s = 0;
  bool padFound = false, penFound = false;
  bool tracked = false;          // pen pose relative to the pad found
  input::PenSample sample;       // filtered, in the pad frame; contact false when lost
  glm::dvec3 rawTip_mm{0.0}, rawDir{0.0, 0.0, -1.0};  // unfiltered, in the pad frame
  double reprojection_px = 0;    // the pen's
  int penTags = 0, padTags = 0;
  bool searchedFullFrame = false;
  bool padHeld = false;          // the pad kept from an earlier frame (its edges unmoved)
  double ms = 0;                 // detection + pose, this frame
};

struct Tracker {
  TrackerConfig config;
  Detector detector;
  cv::Mat grey;
  RigPose pen, pad;
  PadHold hold;
  OneEuro3 position, axis;
  ContactState contact;
  long frames = 0;
};

Tracker createTracker(const TrackerConfig& config);
void destroyTracker(Tracker& tracker);
// `image`: the camera's frame (BGR or grey), of the intrinsics' size.
TrackedFrame trackFrame(Tracker& tracker, const cv::Mat& image, double t_s);

// The pen's tip and axis (pen −z, into the skin) in the pad frame from the two poses.
void penInPad(const RigPose& pen, const RigPose& pad, glm::dvec3& tip_mm, glm::dvec3& dir);

}  // namespace ns::tracking
