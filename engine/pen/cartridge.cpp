#include "pen/cartridge.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ns::pen {

std::vector<glm::dvec2> cartridgeLayout(const scene::Pen& pen) {
  std::vector<glm::dvec2> needles;
  int n = pen.needles;
  double pitch = pen.needle_pitch_mm;
  if (pen.layout == "circle") {
    bool centre = n >= 7;
    int ring = centre ? n - 1 : n;
    if (centre) needles.push_back({0.0, 0.0});
    double radius = ring > 1 ? pitch / (2.0 * std::sin(std::numbers::pi / ring)) : 0.0;
    for (int i = 0; i < ring; ++i) {
      double a = 2.0 * std::numbers::pi * i / ring;
      needles.push_back({radius * std::cos(a), radius * std::sin(a)});
    }
    return needles;
  }
  int columns = int(std::ceil(std::sqrt(double(n))));
  while (n % columns != 0 && columns < n) ++columns;  // prefer full rows: 12 → 4 × 3
  int rows = (n + columns - 1) / columns;
  for (int i = 0; i < n; ++i) {
    int r = i / columns, c = i % columns;
    needles.push_back({(c - (columns - 1) * 0.5) * pitch, (r - (rows - 1) * 0.5) * pitch});
  }
  return needles;
}

double snapDial(const scene::Pen& pen, double depth_mm) {
  double step = pen.dial_step_mm;
  double snapped = std::round(depth_mm / step) * step;
  return std::clamp(snapped, 0.0, pen.dial_max_mm);
}

double cartridgeSpan_mm(const scene::Pen& pen) {
  double lo = 0, hi = 0;
  for (const glm::dvec2& n : cartridgeLayout(pen)) lo = std::min(lo, n.x), hi = std::max(hi, n.x);
  return hi - lo + pen.needle_diameter_um / 1000.0;
}

double usefulSpacing_mm(const scene::Pen& pen) { return 0.25 * pen.needle_diameter_um / 1000.0; }

double overTreatmentDensity_per_mm2(const scene::Pen& pen) {
  constexpr double kMaxPassesPerSpot = 10.0;
  double lo = 0, hi = 0;
  for (const glm::dvec2& n : cartridgeLayout(pen)) lo = std::min(lo, n.y), hi = std::max(hi, n.y);
  double band_mm = 0.5 * (cartridgeSpan_mm(pen) + hi - lo + pen.needle_diameter_um / 1000.0);
  return kMaxPassesPerSpot * double(pen.needles) / (band_mm * usefulSpacing_mm(pen));
}

}  // namespace ns::pen
