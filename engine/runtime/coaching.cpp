#include "runtime/coaching.h"

#include <cmath>

#include "pen/cartridge.h"
#include "sim/channel_stamp.h"

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

void createCoaching(Coaching& c, const scene::Scene& scene, const scene::SkinSurface& skin) {
  c.tracker = training::createTracker(scene, training::coverageGrid(skin));
  // The scene's pretreated channels are skin already needled: the coverage map shows
  // them, so the coverage figures count them too (one measure on screen and in words).
  for (const glm::dvec3& entry : sim::pretreatmentEntries(scene)) {
    pen::Puncture prior;
    prior.entry_mm = entry;
    prior.region = scene.tissue.region;
    prior.depth_um = scene.pretreatment.depth_um;
    prior.width_um = scene.pretreatment.diameter_um;
    training::addPriorPuncture(c.tracker, prior);
  }
  c.report = training::trackerReport(c.tracker);
}

void updateCoaching(Coaching& c, const scene::Scene& scene, const PenSession& pen,
                    const std::vector<pen::Puncture>& punctures, glm::dvec2 viewAxis, bool shown, bool force) {
  // Samples up to the pen clock only: a replay's track holds its whole future.
  const std::vector<input::PenSample>& samples = techniqueTrack(pen).samples;
  for (; c.samplesSeen < samples.size() && samples[c.samplesSeen].t_s <= pen.clock_s; ++c.samplesSeen)
    training::addSample(c.tracker, samples[c.samplesSeen], viewAxis, techniqueSampleRegion(pen, c.samplesSeen));
  for (const pen::Puncture& p : punctures) training::addPuncture(c.tracker, p);
  if (shown) {
    input::PenSample now = currentLocalPen(pen);
    if (now.contact) {
      push(c.angleHistory, float(pen::tiltDegrees(now.dir)));
      push(c.spacingHistory, float(currentSpacing(scene, pen)));
    }
  }
  auto wall = std::chrono::steady_clock::now();
  if (!force && (!shown || wall - c.lastAssessment < std::chrono::milliseconds(500))) return;
  c.lastAssessment = wall;
  c.report = training::trackerReport(c.tracker);
}

ui::TechniqueView techniqueView(const Coaching& c, const scene::Scene& scene, const PenSession& pen) {
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
  // The chart row of the region under the pen (no green band in a no-go region).
  training::DepthRange range = training::depthRangeFor(scene, pen.regionNow);
  v.region = pen.regionNow.empty() ? scene.tissue.region : pen.regionNow;
  v.rangeMin_mm = range.min_mm;
  v.rangeMax_mm = range.max_mm;
  v.spacingNow_mm = currentSpacing(scene, pen);
  v.spacingLimit_mm = pen::cartridgeSpan_mm(scene.pen);
  v.spacingUseful_mm = c.tracker.usefulSpacing_mm;
  v.densityLimit_per_cm2 = c.tracker.densityLimit_per_mm2 * 100.0;
  v.anythingYet = r.contact_s > 0 || r.punctures > 0;
  v.angleHistory = c.angleHistory;
  v.spacingHistory = c.spacingHistory;
  return v;
}

}  // namespace ns::runtime
