#include "pen/pen_model.h"

#include <algorithm>
#include <cmath>

#include "pen/cartridge.h"

namespace ns::pen {
namespace {

// An orthonormal frame of the cartridge plane (perpendicular to the axis), with u
// as close to +x as the axis allows, so a perpendicular pen's layout is unrotated.
void cartridgeFrame(const glm::dvec3& axis, glm::dvec3& u, glm::dvec3& v) {
  glm::dvec3 reference = std::fabs(axis.x) < 0.9 ? glm::dvec3(1, 0, 0) : glm::dvec3(0, 1, 0);
  u = glm::normalize(reference - axis * glm::dot(axis, reference));
  v = glm::cross(-axis, u);
}

// A sample as the skin under it sees it: the pen's axis in the skin's frame there and
// the tip's height above the skin along the axis (< 0: pressed in). False where no
// skin is under the pen.
struct SampleOnSkin {
  glm::dvec3 axis{0, 0, -1};
  double height_mm = 0;
};
bool sampleOnSkin(const scene::SkinSurface& skin, const input::PenSample& s, SampleOnSkin& out) {
  scene::SurfaceHit hit;
  if (glm::length(s.dir) < 1e-9 || !scene::skinUnderPen(skin, s.pos_mm, s.dir, hit)) return false;
  out.axis = scene::directionToFrame(scene::strikeFrame(skin, hit), glm::normalize(s.dir));
  out.height_mm = hit.distance;
  return true;
}

// The pen at time t between two samples on curved skin, taken on the skin: where the
// interpolated pose meets the skin, at the samples' height above it, leaning against
// the normal there as the samples leaned against theirs. Interpolating the world pose
// alone cuts a chord through a curved nose: the tip inside the skin, the pen leaning
// against the normal where the chord comes out — upright needling read as torn.
input::PenSample poseOnSkin(const scene::SkinSurface& skin, const input::PenTrack& track, double t) {
  input::PenSample pose = input::sampleAt(track, t);
  if (!skin.curved) return pose;
  auto later = std::upper_bound(track.samples.begin(), track.samples.end(), t,
                                [](double time, const input::PenSample& x) { return time < x.t_s; });
  if (later == track.samples.begin() || later == track.samples.end()) return pose;
  const input::PenSample &a = *(later - 1), &b = *later;
  double span = b.t_s - a.t_s, f = span > 0 ? (t - a.t_s) / span : 0.0;
  SampleOnSkin onA, onB;
  scene::SurfaceHit here;
  if (f <= 0 || !sampleOnSkin(skin, a, onA) || !sampleOnSkin(skin, b, onB) ||
      !scene::skinUnderPen(skin, pose.pos_mm, pose.dir, here))
    return pose;
  scene::SurfaceFrame frame = scene::strikeFrame(skin, here);
  glm::dvec3 axis = glm::mix(onA.axis, onB.axis, f);
  if (glm::length(axis) < 1e-9) return pose;
  pose.dir = scene::directionFromFrame(frame, glm::normalize(axis));
  pose.pos_mm = here.point - pose.dir * glm::mix(onA.height_mm, onB.height_mm, f);
  return pose;
}

}  // namespace

double tiltDegrees(const glm::dvec3& axis) {
  double cosine = std::clamp(-axis.z / std::max(glm::length(axis), 1e-12), -1.0, 1.0);
  return std::acos(cosine) * 180.0 / 3.14159265358979323846;
}

PenModel createPenModel(const scene::Scene& scene) {
  PenModel model;
  model.params = scene.pen;
  model.needles = cartridgeLayout(scene.pen);
  model.tissueThickness_um = scene.tissue.totalThickness_um();
  model.region = scene.tissue.region;
  return model;
}

std::vector<Puncture> strike(const PenModel& model, const input::PenSample& pose, glm::dvec3 velocity) {
  std::vector<Puncture> punctures;
  glm::dvec3 axis = glm::normalize(pose.dir);
  if (axis.z > -0.2) return punctures;  // more than ~78° from perpendicular: glances off
  glm::dvec3 u, v;
  cartridgeFrame(axis, u, v);
  double tilt = tiltDegrees(axis);
  double inSkin_s = model.params.duty / model.params.frequency_hz;
  glm::dvec3 drag = velocity * inSkin_s;
  drag.z = 0;
  double speed = glm::length(velocity);
  double reach_um = pose.depth_mm * model.params.penetration_efficiency * 1000.0;  // beyond the tip plane
  for (size_t i = 0; i < model.needles.size(); ++i) {
    glm::dvec3 tip = pose.pos_mm + u * model.needles[i].x + v * model.needles[i].y;
    // The needle extends `reach` along the axis from the tip plane; it enters where
    // that segment crosses the skin surface z = 0.
    double tipDepth_um = -tip.z * 1000.0 + reach_um * -axis.z;  // vertical depth reached
    if (tipDepth_um <= 0) continue;
    double depth_um = std::min(tipDepth_um, model.tissueThickness_um);
    double s = -tip.z / axis.z;  // distance (mm) along the axis from the tip plane to z = 0
    Puncture p;
    p.t_s = pose.t_s;
    p.needle = int(i);
    p.entry_mm = tip + axis * s;
    p.entry_mm.z = 0.0;
    p.axis = axis;
    p.depth_um = depth_um;
    p.length_um = depth_um / -axis.z;
    p.width_um = model.params.needle_diameter_um;
    p.drag_mm = drag;
    p.tilt_deg = tilt;
    p.dial_mm = pose.depth_mm;
    double slant_um = p.length_um * std::sqrt(std::max(0.0, 1.0 - axis.z * axis.z));
    bool moving = speed > kMovingSpeed_mm_s;
    p.torn = moving && tilt > kTearTilt_deg;
    p.elongation_um = glm::length(drag) * 1000.0 + (p.torn ? slant_um : 0.0);
    p.region = model.region;
    punctures.push_back(p);
  }
  return punctures;
}

std::vector<Puncture> strikeOnSkin(const PenModel& model, const scene::SkinSurface& skin, const input::PenSample& pose,
                                   glm::dvec3 velocity) {
  scene::SurfaceHit hit;
  if (!scene::skinUnderPen(skin, pose.pos_mm, pose.dir, hit)) return {};
  scene::SurfaceFrame frame = scene::strikeFrame(skin, hit);
  input::PenSample local = pose;
  local.pos_mm = scene::toFrame(frame, pose.pos_mm);
  local.dir = scene::directionToFrame(frame, pose.dir);
  glm::dvec3 lateral = scene::directionToFrame(frame, velocity);
  lateral.z = 0.0;  // pressing in or lifting off is not gliding
  std::vector<Puncture> punctures = strike(model, local, lateral);
  std::string region = scene::regionAt(skin, hit);
  glm::dvec2 scale(glm::length(hit.dPdu), glm::length(hit.dPdv));
  for (Puncture& p : punctures) {
    p.entry_mm = scene::fromFrame(frame, p.entry_mm);
    p.axis = scene::directionFromFrame(frame, p.axis);
    p.drag_mm = scene::directionFromFrame(frame, p.drag_mm);
    p.normal = frame.n;
    p.region = region;
    p.uv = scene::uvNear(hit, p.entry_mm);
    p.uvScale_mm = hit.uvValid ? scale : glm::dvec2(0.0);
  }
  return punctures;
}

void advancePen(PenModel& model, const input::PenTrack& track, double until_s, std::vector<Puncture>& out) {
  scene::SkinSurface patch;
  patch.patchRegion = model.region;
  advancePen(model, patch, track, until_s, out);
}

void advancePen(PenModel& model, const scene::SkinSurface& skin, const input::PenTrack& track, double until_s,
                std::vector<Puncture>& out) {
  double from = model.processedUntil_s;
  if (until_s <= from) return;
  double f = model.params.frequency_hz;
  // Contact time: integrate the step function of `contact` over [from, until).
  for (double t = from; t < until_s;) {
    input::PenSample s = input::sampleAt(track, t);
    auto later = std::upper_bound(track.samples.begin(), track.samples.end(), t,
                                  [](double time, const input::PenSample& x) { return time < x.t_s; });
    double next = later == track.samples.end() ? until_s : std::min(until_s, later->t_s);
    if (s.contact) model.stats.contact_s += next - t;
    t = next;
  }
  // Strikes on the motor's fixed phase: t = k / f.
  for (double k = std::ceil(from * f - 1e-9); k / f < until_s; k += 1.0) {
    double t = k / f;
    if (t < from) continue;
    input::PenSample pose = poseOnSkin(skin, track, t);
    if (!pose.contact) continue;
    model.stats.cycles++;
    std::vector<Puncture> made = strikeOnSkin(model, skin, pose, input::velocityAt(track, t));
    model.stats.punctures += made.size();
    out.insert(out.end(), made.begin(), made.end());
  }
  model.processedUntil_s = until_s;
}

}  // namespace ns::pen
