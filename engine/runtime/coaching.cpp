#include "runtime/coaching.h"

#include <cmath>

#include "pen/cartridge.h"

namespace ns::runtime {
namespace {

constexpr size_t kHistory = 600;

void push(std::vector<float>& history, float value) {
  if (history.size() >= kHistory) history.erase(history.begin());
  history.push_back(value);
}

double currentSpacing(const scene::Scene& scene, const PenSession& pen) {
  glm::dvec3 v = input::lateralVelocityAt(techniqueTrack(pen), pen.clock_s - 1e-3);
  return glm::length(v) / scene.pen.frequency_hz;
}

}  // namespace

void updateCoaching(Coaching& c, const scene::Scene& scene, const PenSession& pen, bool force) {
  input::PenSample now = currentLocalPen(pen);
  if (now.contact) {
    push(c.angleHistory, float(pen::tiltDegrees(now.dir)));
    push(c.spacingHistory, float(currentSpacing(scene, pen)));
  }
  auto wall = std::chrono::steady_clock::now();
  if (!force && wall - c.lastAssessment < std::chrono::milliseconds(500)) return;
  c.lastAssessment = wall;
  c.report = training::assessTechnique(scene, techniqueTrack(pen), techniquePunctures(pen));
}

ui::TechniqueView techniqueView(Coaching& c, const scene::Scene& scene, const PenSession& pen) {
  ui::TechniqueView v;
  const training::TechniqueReport& r = c.report;
  v.score = r.score;
  for (auto& criterion : r.criteria) v.breakdown.push_back({criterion.name, criterion.score});
  for (auto& w : r.warnings) v.warnings.push_back({w.id, w.advice});
  v.improvements = r.improvements;
  v.passes = int(r.passes.size());
  for (auto& p : r.passes) (p.direction == "horizontal" ? v.horizontal : p.direction == "vertical" ? v.vertical : v.oblique)++;
  input::PenSample now = currentLocalPen(pen);
  v.contactNow = now.contact;
  v.angleNow_deg = pen::tiltDegrees(now.dir);
  v.dialNow_mm = now.depth_mm;
  // The chart row of the region under the pen (a face), else the scene's.
  training::DepthRange range = training::recommendedDepth(pen.regionNow, scene.tissue.skin_type);
  if (!range.known) range = training::recommendedDepth(scene.tissue.region, scene.tissue.skin_type);
  if (training::isNoGoRegion(scene, pen.regionNow)) range = {0.0, 0.0, "no-go region", true};  // no green band
  v.region = pen.regionNow.empty() ? scene.tissue.region : pen.regionNow;
  v.rangeMin_mm = range.min_mm;
  v.rangeMax_mm = range.max_mm;
  v.spacingNow_mm = currentSpacing(scene, pen);
  auto layout = pen::cartridgeLayout(scene.pen);
  double lo = 0, hi = 0;
  for (auto& n : layout) lo = std::min(lo, n.x), hi = std::max(hi, n.x);
  v.spacingLimit_mm = hi - lo + scene.pen.needle_diameter_um / 1000.0;
  v.angleHistory = c.angleHistory;
  v.spacingHistory = c.spacingHistory;
  v.showCoverage = &c.showCoverage;
  v.exportRequested = &c.exportRequested;
  v.lastExport = c.lastExport;
  return v;
}

}  // namespace ns::runtime
