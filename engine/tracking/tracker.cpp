#include "tracking/tracker.h"

#include <chrono>

#include <opencv2/calib3d.hpp>
#include <opencv2/imgproc.hpp>

namespace ns::tracking {
namespace {

std::vector<TagDetection> ofRig(const Rig& rig, const std::vector<TagDetection>& all) {
  std::vector<TagDetection> out;
  for (const TagDetection& d : all)
    if (findTag(rig, d.id) >= 0) out.push_back(d);
  return out;
}

void finishSample(Tracker& t, TrackedFrame& f) {
  f.tracked = f.penFound && f.padFound;
  f.sample.t_s = f.t_s;
  f.sample.depth_mm = t.config.dial_mm;
  if (!f.tracked) {
    // Lost: out of contact now; the filters start afresh when the pen is back.
    updateContact(t.contact, false, 0, 0);
    f.sample.contact = false;
    resetFilter(t.position), resetFilter(t.axis);
    return;
  }
  penInPad(t.pen, t.pad, f.rawTip_mm, f.rawDir);
  f.reprojection_px = t.pen.rms_px;
  if (t.config.plain || !t.config.filter) {
    f.sample.pos_mm = f.rawTip_mm, f.sample.dir = f.rawDir;
  } else {
    f.sample.pos_mm = filterSample(t.position, f.rawTip_mm, f.t_s);
    f.sample.dir = t.config.filterAxis ? glm::normalize(filterSample(t.axis, f.rawDir, f.t_s)) : f.rawDir;
  }
  f.sample.contact = updateContact(t.contact, true, f.rawTip_mm.z, f.sample.pos_mm.z);
  // A pen in contact is on the skin (the replay contract's meaning of contact):
  // its height there is noise, and the pen model would read it as needles that
  // fall short of the skin or go deeper than the dial.
  if (f.sample.contact) f.sample.pos_mm.z = 0.0;
}

// A box `grow` times a detected tag's size around it (px), inside the frame.
cv::Rect around(const TagDetection& tag, double grow, const Intrinsics& k) {
  cv::Rect2d box = cv::boundingRect(std::vector<cv::Point2f>(tag.corners.begin(), tag.corners.end()));
  double g = grow * std::max(box.width, box.height);
  cv::Rect r(cvFloor(box.x - g), cvFloor(box.y - g), cvCeil(box.width + 2 * g), cvCeil(box.height + 2 * g));
  return r & cv::Rect(0, 0, k.width, k.height);
}

}  // namespace

Tracker createTracker(const TrackerConfig& config) {
  Tracker t;
  t.config = config;
  t.detector = createDetector(config.threads);
  t.position.params = config.position;
  t.axis.params = config.axis;
  t.contact.params = config.contact;
  return t;
}

void destroyTracker(Tracker& t) {
  destroyDetector(t.detector);
  t.grey.release();
}

void penInPad(const RigPose& pen, const RigPose& pad, glm::dvec3& tip_mm, glm::dvec3& dir) {
  cv::Matx44d T = poseMatrix(pad).inv() * poseMatrix(pen);  // pen → pad
  tip_mm = {T(0, 3), T(1, 3), T(2, 3)};
  dir = glm::normalize(glm::dvec3(-T(0, 2), -T(1, 2), -T(2, 2)));
}

TrackedFrame trackFrame(Tracker& t, const cv::Mat& image, double t_s) {
  auto start = std::chrono::steady_clock::now();
  TrackedFrame f;
  f.t_s = t_s;
  const TrackerConfig& c = t.config;
  const Intrinsics& k = c.camera;
  if (image.cols != k.width || image.rows != k.height || image.empty()) {
    // Refused where the source is opened (checkFrameSize); a stray frame of another
    // size is a lost frame here, never a pose from the wrong intrinsics.
    finishSample(t, f);
    return f;
  }
  toLinearGrey(image, c.plain ? 1.0 : c.toneGamma, t.grey);
  bool roi = c.trackRoi && !c.plain;

  std::vector<TagDetection> penTags, padTags;
  if (roi && t.pen.found) {
    cv::Rect box = projectedBox(c.pen, t.pen, k, 0.35, 16);
    float decimate = box.area() <= c.roiFullResArea ? 1.0f : c.fullDecimate;
    penTags = ofRig(c.pen, detectTags(t.detector, t.grey, box, decimate));
  }
  bool padHeld = roi && c.holdPad && t.pad.found && t.hold.framesHeld < c.padRefreshFrames && padStill(t.hold, t.grey);
  if (roi && !padHeld && t.pad.found)  // where it was: a bump moves it little
    padTags = ofRig(c.pad, detectTags(t.detector, t.grey, projectedBox(c.pad, t.pad, k, 0.15, 24), c.fullDecimate));
  if (penTags.empty() || (!padHeld && padTags.empty())) {
    f.searchedFullFrame = true;
    float decimate = c.plain ? 1.0f : c.fullDecimate;
    std::vector<TagDetection> all = detectTags(t.detector, t.grey, {0, 0, k.width, k.height}, decimate);
    if (penTags.empty()) penTags = ofRig(c.pen, all);
    if (!padHeld && padTags.empty()) padTags = ofRig(c.pad, all);
    // One pen tag from the half-size search cannot be trusted alone (rig_pose.h: the
    // flip); its neighbours, too small at half size, are looked for around it.
    if (penTags.size() == 1 && decimate > 1.0f) {
      std::vector<TagDetection> near = ofRig(c.pen, detectTags(t.detector, t.grey, around(penTags[0], 3.0, k), 1.0f));
      if (near.size() > penTags.size()) penTags = near;
    }
  }

  if (c.plain) {
    t.pen = solveRigPosePlain(c.pen, penTags, k);
    t.pad = solveRigPosePlain(c.pad, padTags, k);
  } else {
    t.pen = solveRigPose(c.pen, penTags, k, t.pen.found ? &t.pen : nullptr);
    if (!padHeld) {
      t.pad = solveRigPose(c.pad, padTags, k, t.pad.found ? &t.pad : nullptr);
      if (t.pad.found && c.holdPad) armPadHold(t.hold, c.pad, t.pad, k, t.grey);
    }
  }
  f.padHeld = padHeld;
  f.penFound = t.pen.found, f.padFound = t.pad.found;
  f.penTags = t.pen.tags, f.padTags = t.pad.tags;
  finishSample(t, f);
  ++t.frames;
  f.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return f;
}

}  // namespace ns::tracking
