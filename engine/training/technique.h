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
#include "training/coverage_grid.h"
#include "training/depth_chart.h"

namespace ns::training {

struct Warning {
  std::string id;         // stable: angle, depth, dwell, speed, over_treatment, coverage, passes, no_go, dry, pih_risk
  std::string advice;     // one plain sentence, from the numbers below
  std::string criterion;  // what it is about: a criterion's name, or no_go / dry
  double value = 0;       // that criterion's (or rule's) value, 0–100 ...
  double target = 0;      // ... below this target: the warning is given only then
};

struct Criterion {
  std::string name;    // angle, depth, glide, coverage, passes
  double score = 0;    // 0..100
  double weight = 0;
};

struct Pass {
  double start_s = 0, end_s = 0, length_mm = 0;
  std::string direction;  // horizontal, vertical, oblique: against the view's axes at the pass's start
  double angle_deg = 0;   // of the stroke from the view's horizontal, in the skin plane
  std::string region;     // under the pen where it started ("": not known)
};

// The dial against the chart, per region the punctures landed in (a face has
// several; the patch one).
struct RegionDepth {
  DepthRange range;
  unsigned long long punctures = 0;
  double dialMean_mm = 0, inRangeFraction = 0;
  double dialMin_mm = 0, dialMax_mm = 0;
  bool noGo = false;  // never to be needled: no dial is in range there
  // Coverage of the region on the skin (cells of the coverage grid).
  double area_cm2 = 0, coverage = 0, densityPerCm2 = 0;
  // The skin reached (within the punctures' footprints, measured on the skin) and the
  // density over it: what a crosshatch made anywhere on the face has in common with the
  // same on the patch. The evenness over the region's cells and the passes started there.
  double treated_cm2 = 0, treatedDensityPerCm2 = 0, coverageCv = 0;
  int passes = 0;
};

struct TechniqueReport {
  // Angle
  double angleMean_deg = 0, angleMax_deg = 0, tiltedMovingFraction = 0;
  // Punctures torn (the pen leaned past kTearTilt_deg from the skin's normal while
  // moving), and their share of all: a safety matter that lowers the angle score.
  unsigned long long tornPunctures = 0;
  double tornFraction = 0;
  // Depth: over the punctures, each against its own region's range (over contact
  // time before any puncture); `range` is the most needled region's.
  DepthRange range;
  std::string rangeRegion;
  double dialMean_mm = 0, inRangeFraction = 0;
  std::map<std::string, RegionDepth> regions;
  // Glide
  double spacingMean_mm = 0;      // distance between successive strikes
  double gapFraction = 0;         // strikes spaced wider than the cartridge
  double slowFraction = 0;        // strikes closer than the cartridge's useful spacing (over-treats)
  double slowSpacingMean_mm = 0;  // the strikes' spacing while they were that close (what the advice quotes)
  double usefulSpacing_mm = 0;    // that spacing (docs/technique-scoring.md)
  double cartridgeSpan_mm = 0;    // strikes further apart than this leave gaps
  double dwellLongest_s = 0;      // longest stationary contact
  // Coverage over the area being treated: the patch, or the regions needled on a face
  // (no-go regions left out), measured on the skin.
  double zoneArea_cm2 = 0, densityPerCm2 = 0, coverageCv = 0, untreatedFraction = 0, overTreatedFraction = 0;
  double coverageCvTreated = 0;   // the density's variation over the treated part only
  double densityLimitPerCm2 = 0;  // over-treated beyond this (docs/technique-scoring.md)
  std::string zoneName;           // the area being treated, in words ("the patch", "the cheek and the nose")
  // Passes
  std::vector<Pass> passes;
  int directions = 0;  // distinct classes among passes (crosshatch: 3)
  // Rules
  unsigned long long noGoPunctures = 0, dryStrikes = 0, punctures = 0;
  int fitzpatrick = 0;  // the skin type being treated (1..6; 0: not given): IV-VI get pigmentation advice
  std::map<std::string, unsigned long long> noGoByRegion;
  double contact_s = 0;
  // Result
  std::vector<Criterion> criteria;
  std::vector<Warning> warnings;
  std::vector<std::string> improvements;  // the two most important: no-go and over-treatment first
  double score = 0;
};

// Never needled: the lesson's `training.no_go_regions`, inside the orbital rim and
// the lip vermilion.
bool isNoGoRegion(const scene::Scene& scene, const std::string& region);
// The dial range a region is held to: its chart row for the scene's skin; a region
// without one ("body", say) is held to the scene's region; in a no-go region no
// depth is right (an empty range, 0–0 mm).
DepthRange depthRangeFor(const scene::Scene& scene, const std::string& region);

// The whole session at once (tests, tools): samples in the treatment frame, punctures
// in scene mm (their uv places them on a mesh's grid). The live run keeps a
// TechniqueTracker instead (technique_tracker.h): the same numbers, updated as they come.
TechniqueReport assessTechnique(const scene::Scene& scene, const input::PenTrack& track,
                                const std::vector<pen::Puncture>& punctures);
// The same on a given coverage grid, with pass directions against `viewAxis` (the
// view's horizontal in the skin plane; default the frame's x).
TechniqueReport assessTechnique(const scene::Scene& scene, const CoverageGrid& grid, const input::PenTrack& track,
                                const std::vector<pen::Puncture>& punctures, glm::dvec2 viewAxis = {1.0, 0.0});

// Applies the scoring rules to the metrics (criteria, score) and, once there was
// contact, the advice: a warning only for a criterion below its target, in words
// taken from the same numbers.
void scoreAndAdvise(TechniqueReport& report);

// Skin types IV-VI scar with post-inflammatory hyperpigmentation more readily:
// needling past the chart, deeper than 1.5 mm, over-treating or going over the skin
// many times counts as aggressive there (docs/technique-scoring.md has the sources).
constexpr double kPihDial_mm = 1.5;
constexpr size_t kPihPasses = 6;
// "Fitzpatrick IV" for 4.
std::string skinTypeName(int fitzpatrick);

// How a region is called in advice ("the eyelids", "the red of the lip", "the cheek").
std::string areaName(const std::string& region);
// "0.50-1.00 mm", or "0.25 mm" for a one-value range.
std::string rangeText(const DepthRange& range);

// The report's technique.* keys (score, angle_deg_mean, density_per_cm2, coverage_cv,
// passes, warnings) and the breakdown.
nlohmann::json techniqueJson(const TechniqueReport& report);

}  // namespace ns::training
