#include "input/pen_sample.h"

#include <algorithm>
#include <cmath>

namespace ns::input {
namespace {

// Index of the last sample at or before t, or -1.
long lastAtOrBefore(const PenTrack& track, double t) {
  auto it = std::upper_bound(track.samples.begin(), track.samples.end(), t,
                             [](double time, const PenSample& s) { return time < s.t_s; });
  return long(it - track.samples.begin()) - 1;
}

}  // namespace

bool penSampleInRange(const PenSample& s, std::string& why) {
  auto within = [](double v, double limit) { return std::isfinite(v) && std::fabs(v) <= limit; };
  if (!(std::isfinite(s.t_s) && s.t_s >= 0 && s.t_s <= kMaxPenTime_s)) {
    why = "t: expected seconds from the start, 0..1e7";
    return false;
  }
  for (int i = 0; i < 3; ++i)
    if (!within(s.pos_mm[i], kMaxPenPos_mm)) {
      why = "pos_mm: expected three numbers [x, y, z], each within -10000..10000 mm";
      return false;
    }
  bool axis = within(s.dir.x, kMaxAxisComponent) && within(s.dir.y, kMaxAxisComponent) &&
              within(s.dir.z, kMaxAxisComponent);
  if (!axis || !(glm::length(s.dir) >= kMinAxisLength)) {
    why = "dir: expected an axis [dx, dy, dz], each within -1e6..1e6, of length at least 1e-6";
    return false;
  }
  if (!(s.depth_mm >= 0 && s.depth_mm <= kMaxDial_mm)) {
    why = "depth_mm: expected the dial in mm, 0..5";
    return false;
  }
  if (!(s.pressure >= 0 && s.pressure <= 1)) {
    why = "pressure: expected 0..1";
    return false;
  }
  return true;
}

PenSample sampleAt(const PenTrack& track, double t) {
  long i = lastAtOrBefore(track, t);
  if (i < 0) {
    PenSample off = track.samples.empty() ? PenSample{} : track.samples.front();
    off.t_s = t;
    off.contact = false;
    return off;
  }
  const PenSample& a = track.samples[size_t(i)];
  PenSample result = a;
  result.t_s = t;
  if (size_t(i) + 1 < track.samples.size()) {
    const PenSample& b = track.samples[size_t(i) + 1];
    double span = b.t_s - a.t_s;
    double f = span > 0 ? (t - a.t_s) / span : 0.0;
    result.pos_mm = glm::mix(a.pos_mm, b.pos_mm, f);
    glm::dvec3 dir = glm::mix(a.dir, b.dir, f);
    result.dir = glm::length(dir) > 1e-9 ? glm::normalize(dir) : a.dir;
    result.pressure = a.pressure + f * (b.pressure - a.pressure);
  }
  return result;
}

glm::dvec3 lateralVelocityAt(const PenTrack& track, double t) {
  glm::dvec3 v = velocityAt(track, t);
  v.z = 0.0;  // in the skin plane
  return v;
}

glm::dvec3 velocityAt(const PenTrack& track, double t) {
  long i = lastAtOrBefore(track, t);
  if (i < 0 || size_t(i) + 1 >= track.samples.size()) return glm::dvec3(0.0);
  const PenSample& a = track.samples[size_t(i)];
  const PenSample& b = track.samples[size_t(i) + 1];
  double span = b.t_s - a.t_s;
  if (span <= 0) return glm::dvec3(0.0);
  return (b.pos_mm - a.pos_mm) / span;
}

void appendSample(PenTrack& track, PenSample sample) {
  if (!track.samples.empty() && sample.t_s < track.samples.back().t_s) sample.t_s = track.samples.back().t_s;
  if (glm::length(sample.dir) > 1e-9) sample.dir = glm::normalize(sample.dir);
  track.samples.push_back(sample);
}

}  // namespace ns::input
