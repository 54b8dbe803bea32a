#pragma once
// The automated pen: while the tip is on the skin with the motor running, every
// motor cycle (at pen.frequency_hz, on a fixed phase: strikes at t = k / f) drives
// all needles in along the pen axis at the pose of that instant. Each needle that
// enters the skin makes a puncture:
//  - its channel runs along the pen axis from the entry point; the needle reaches
//    dial × penetration_efficiency beyond the tip plane, clamped by the tissue;
//  - the needles stay in the skin for `duty` of a cycle; if the pen moves sideways
//    meanwhile the channel is dragged by v·t_in (a smear);
//  - a pen tilted past kTearTilt_deg while moving tears: the wound opens along the
//    slant and the drag into an elongated slit instead of a clean round channel.
// Strike times depend only on the track, never on frame timing, so a replay gives
// the same punctures at any frame rate.
#include <glm/glm.hpp>

#include <string>
#include <vector>

#include "input/pen_sample.h"
#include "scene/scene.h"
#include "scene/skin_surface.h"

namespace ns::pen {

constexpr double kTearTilt_deg = 10.0;       // perpendicular technique: warn past ~10°
constexpr double kMovingSpeed_mm_s = 0.5;    // slower than this counts as stationary

struct Puncture {
  double t_s = 0;              // session time of the strike
  int needle = 0;
  glm::dvec3 entry_mm{0.0};    // where the needle enters the skin (z = 0 on the patch)
  glm::dvec3 axis{0, 0, -1};   // into the skin (unit)
  double length_um = 0;        // along the axis inside the skin
  double depth_um = 0;         // vertical depth of the tip below the surface
  double width_um = 0;         // channel diameter at the tip
  glm::dvec3 drag_mm{0.0};     // lateral displacement while the needle was in the skin
  double elongation_um = 0;    // opening length on the surface beyond the width
  double tilt_deg = 0;         // pen axis from the surface normal
  double dial_mm = 0;          // the dial at the strike
  bool torn = false;
  std::string region;
  // On a mesh surface (all in scene mm): the skin's outward normal at the entry, the
  // entry's texture coordinate (−1: none) and the chart's stretch there (mm per unit
  // of u and v), which place the puncture in the surface fields.
  glm::dvec3 normal{0, 0, 1};
  glm::dvec2 uv{-1.0};
  glm::dvec2 uvScale_mm{0.0};
};

struct PenStats {
  unsigned long long cycles = 0;     // motor strikes while in contact
  unsigned long long punctures = 0;  // needles that entered the skin
  double contact_s = 0;
};

struct PenModel {
  scene::Pen params;
  std::vector<glm::dvec2> needles;
  double tissueThickness_um = 0;
  std::string region;
  double processedUntil_s = 0;  // strikes before this time are done
  PenStats stats;
};

PenModel createPenModel(const scene::Scene& scene);

// Generates the strikes in [model.processedUntil_s, until_s) from the track on
// `skin` and appends their punctures; advances processedUntil_s.
void advancePen(PenModel& model, const scene::SkinSurface& skin, const input::PenTrack& track, double until_s,
                std::vector<Puncture>& out);
// The same on the flat patch of the model's scene.
void advancePen(PenModel& model, const input::PenTrack& track, double until_s, std::vector<Puncture>& out);

// The punctures one strike at `pose` makes (exposed for tests and the preview).
std::vector<Puncture> strike(const PenModel& model, const input::PenSample& pose, glm::dvec3 lateralVelocity_mm_s);

// A strike on the skin: the pose is taken into the skin's frame under the tip (the
// patch: the scene's own), struck as on the plane, and the punctures are carried
// back with the region, normal and UV of the skin there. None where no skin is
// under the tip.
std::vector<Puncture> strikeOnSkin(const PenModel& model, const scene::SkinSurface& skin, const input::PenSample& pose,
                                   glm::dvec3 velocity_mm_s);

double tiltDegrees(const glm::dvec3& axis);

}  // namespace ns::pen
