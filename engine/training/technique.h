#pragma once
// Technique feedback: what a trainer looks at, computed from the pen samples and the
// punctures (../shared/reference/skin-and-technique.md §4), the warnings with plain
// advice, and a 0–100 score with a breakdown. The scoring rules and weights are in
// docs/technique-scoring.md.
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "input/pen_sample.h"
#include "pen/pen_model.h"
#include "scene/scene.h"
#include "training/depth_chart.h"

namespace ns::training {

struct Warning {
  std::string id;      // stable: angle, depth, dwell, speed, coverage, passes, no_go, dry
  std::string advice;  // one plain sentence
};

struct Criterion {
  std::string name;    // angle, depth, glide, coverage, passes
  double score = 0;    // 0..100
  double weight = 0;
};

struct Pass {
  double start_s = 0, end_s = 0, length_mm = 0;
  std::string direction;  // horizontal, vertical, oblique
  double angle_deg = 0;   // of the stroke in the skin plane
};

// The dial against the chart, per region the punctures landed in (a face has
// several; the patch one).
struct RegionDepth {
  DepthRange range;
  unsigned long long punctures = 0;
  double dialMean_mm = 0, inRangeFraction = 0;
  bool noGo = false;  // never to be needled: no dial is in range there
};

struct TechniqueReport {
  // Angle
  double angleMean_deg = 0, angleMax_deg = 0, tiltedMovingFraction = 0;
  // Depth: over the punctures, each against its own region's range (over contact
  // time before any puncture); `range` is the most needled region's.
  DepthRange range;
  std::string rangeRegion;
  double dialMean_mm = 0, inRangeFraction = 0;
  std::map<std::string, RegionDepth> regions;
  // Glide
  double spacingMean_mm = 0;      // distance between successive strikes
  double gapFraction = 0;         // strikes spaced wider than the cartridge
  double dwellLongest_s = 0;      // longest stationary contact
  // Coverage over the treatment zone (the simulated block)
  double zoneArea_cm2 = 0, densityPerCm2 = 0, coverageCv = 0, untreatedFraction = 0, overTreatedFraction = 0;
  // Passes
  std::vector<Pass> passes;
  int directions = 0;  // distinct classes among passes (crosshatch: 3)
  // Rules
  unsigned long long noGoPunctures = 0, dryStrikes = 0;
  double contact_s = 0;
  // Result
  std::vector<Criterion> criteria;
  std::vector<Warning> warnings;
  std::vector<std::string> improvements;  // the two most important things to improve
  double score = 0;
};

// Never needled: the lesson's `training.no_go_regions`, inside the orbital rim and
// the lip vermilion.
bool isNoGoRegion(const scene::Scene& scene, const std::string& region);
// The dial range a region is held to: its chart row for the scene's skin; a region
// without one ("body", say) is held to the scene's region; in a no-go region no
// depth is right (an empty range, 0–0 mm).
DepthRange depthRangeFor(const scene::Scene& scene, const std::string& region);

TechniqueReport assessTechnique(const scene::Scene& scene, const input::PenTrack& track,
                                const std::vector<pen::Puncture>& punctures);

// The report's technique.* keys (score, angle_deg_mean, density_per_cm2, coverage_cv,
// passes, warnings) and the breakdown.
nlohmann::json techniqueJson(const TechniqueReport& report);

}  // namespace ns::training
