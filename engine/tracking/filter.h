#pragma once
// The low-lag filter and the contact decision.
//
// One Euro (Casiez, Roussel, Vogel, CHI 2012): a first-order low-pass whose cutoff
// rises with the signal's speed, so a resting pen is smoothed hard and a moving one
// follows with little lag. A tap is fast on the way down and up, so it passes
// nearly unfiltered; only the still moments in between are smoothed.
//
// Contact from the tip's height with hysteresis: in contact once the raw height is
// below `enter_mm` (the filter never delays a landing), out again only when the
// filtered height is above `leave_mm` (smoothed, it can leave at a lower height
// without chattering: each millimetre of hysteresis lengthens every contact by a
// frame at a lift's speed, which the technique report counts as punctures).
// A lost pen is out of contact at once (never a phantom puncture).
#include <glm/glm.hpp>

namespace ns::tracking {

struct OneEuroParams {
  double minCutoff_hz = 1.5;  // at rest
  double beta = 0.05;         // cutoff gained per unit/s of speed
  double dCutoff_hz = 1.0;    // for the speed estimate itself
};

struct OneEuro3 {
  OneEuroParams params;
  bool primed = false;
  double lastT = 0;
  glm::dvec3 x{0.0}, dx{0.0};
};

void resetFilter(OneEuro3& f);
glm::dvec3 filterSample(OneEuro3& f, glm::dvec3 value, double t_s);

struct ContactParams {
  // The tip is the cartridge face: on the skin its height is 0, pressed in a little
  // below. Measured on the synthetic session: the raw height on the skin has σ 0.4 mm
  // (max 1.2), filtered ~0.25 mm: leaving above 1.0 mm filtered did not chatter there.
  double enter_mm = 0.5;
  double leave_mm = 1.0;
};

struct ContactState {
  ContactParams params;
  bool contact = false;
};

bool updateContact(ContactState& c, bool tracked, double rawHeight_mm, double filteredHeight_mm);

}  // namespace ns::tracking
