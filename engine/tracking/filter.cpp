#include "tracking/filter.h"

#include <cmath>

namespace ns::tracking {
namespace {

double alpha(double cutoff_hz, double dt) {
  double tau = 1.0 / (2.0 * M_PI * cutoff_hz);
  return 1.0 / (1.0 + tau / dt);
}

}  // namespace

void resetFilter(OneEuro3& f) { f.primed = false; }

glm::dvec3 filterSample(OneEuro3& f, glm::dvec3 value, double t_s) {
  double dt = t_s - f.lastT;
  if (!f.primed || dt <= 0 || dt > 0.5) {
    // First sample, a repeated time, or back after a gap: start over from here
    // rather than glide in from a stale pose.
    f.primed = true, f.lastT = t_s, f.x = value, f.dx = glm::dvec3(0.0);
    return value;
  }
  glm::dvec3 rawSpeed = (value - f.x) / dt;
  f.dx += alpha(f.params.dCutoff_hz, dt) * (rawSpeed - f.dx);
  double cutoff = f.params.minCutoff_hz + f.params.beta * glm::length(f.dx);
  f.x += alpha(cutoff, dt) * (value - f.x);
  f.lastT = t_s;
  return f.x;
}

bool updateContact(ContactState& c, bool tracked, double rawHeight_mm, double filteredHeight_mm) {
  if (!tracked || !std::isfinite(rawHeight_mm) || !std::isfinite(filteredHeight_mm)) {
    c.contact = false;
  } else if (c.contact) {
    c.contact = filteredHeight_mm <= c.params.leave_mm;
  } else {
    c.contact = rawHeight_mm < c.params.enter_mm;
  }
  return c.contact;
}

}  // namespace ns::tracking
