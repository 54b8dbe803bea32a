#pragma once
// The live technique assessment: running sums, per-cell counts and per-pass state,
// updated as samples and punctures arrive, so an update costs the same whatever the
// session's length and a report is built from the sums, never from the history.
//
//   TechniqueTracker t = createTracker(scene, coverageGrid(skin));
//   each frame:  addSample(t, sample, viewAxis) for new samples (treatment frame);
//                addPuncture(t, puncture) for new punctures (scene mm, with uv);
//   twice a second:  TechniqueReport r = trackerReport(t);
#include <map>
#include <string>
#include <vector>

#include "input/pen_sample.h"
#include "pen/pen_model.h"
#include "scene/scene.h"
#include "training/coverage_grid.h"
#include "training/technique.h"

namespace ns::training {

struct RegionSums {
  DepthRange range;
  bool noGo = false;
  unsigned long long punctures = 0, inRange = 0;
  double dialSum = 0, dialMin = 1e9, dialMax = 0;
  // Coverage on the grid's cells of this region: their area, the area reached (within
  // a puncture's footprint: see footprintInto), sums of counts (n) and of n²/area for
  // the evenness, the area over the density limit.
  double area_mm2 = 0, treated_mm2 = 0, countSum = 0, countSquaredPerArea = 0, over_mm2 = 0;
};

// The practice square a scene may ask for on a mesh (scene training.zone_width_mm),
// centred where the punctures are (their running mean, on the skin there); its sums are
// taken from the cells' counts when a report is made.
struct TreatmentZone {
  double radius_mm = 0;  // half its width; 0: none (the regions needled are the area being treated)
  glm::dvec3 entrySum{0.0}, normalSum{0.0};
  double punctures = 0;
};

struct TechniqueTracker {
  scene::Scene scene;
  CoverageGrid grid;
  std::vector<unsigned> counts;     // punctures per grid cell
  std::vector<uint32_t> reached;    // per grid cell: which of its 5×5 sample points a footprint reached
  std::vector<double> regionArea_mm2;  // per grid region
  TreatmentZone zone;
  double usefulSpacing_mm = 0, densityLimit_per_mm2 = 0, cartridgeSpan_mm = 0;
  DepthRange sceneRange;
  // Motion (time integrals over contact).
  bool haveLast = false;
  input::PenSample last;
  std::string lastRegion;
  double contact_s = 0, angleTime = 0, angleMax = 0, tiltedMoving_s = 0, dialTime = 0, inRangeTime = 0;
  double spacingTime = 0, slowSpacingTime = 0, gap_s = 0, slow_s = 0, still_s = 0, dwellLongest_s = 0, lastSpeed = 0;
  // Passes: the open one, and the finished ones.
  bool passOpen = false;
  Pass pass;
  glm::dvec2 passStart{0.0}, passEnd{0.0}, heading{0.0}, passAxis{1.0, 0.0};
  std::vector<Pass> passes;
  std::map<std::string, int> directionCounts;
  // Punctures.
  std::map<std::string, RegionSums> regions;  // by region name
  unsigned long long punctures = 0, noGo = 0, dry = 0, torn = 0;
  std::map<std::string, unsigned long long> noGoByRegion;
};

TechniqueTracker createTracker(const scene::Scene& scene, CoverageGrid grid);
// A pen sample in the treatment frame (in time order); `viewAxis` is the view's
// horizontal in the skin plane (unit), which classifies the direction of a pass
// that starts now.
// `region`: the skin's region under it ("": not known), where a pass starting there counts.
void addSample(TechniqueTracker& tracker, const input::PenSample& sample, glm::dvec2 viewAxis = {1.0, 0.0},
               const std::string& region = "");
// A puncture in scene mm (its uv places it on a mesh's grid).
void addPuncture(TechniqueTracker& tracker, const pen::Puncture& puncture);
// A puncture the skin had before the session (a scene's pretreatment): it counts in
// the coverage figures only — the coverage map shows it — not as the trainee's work.
void addPriorPuncture(TechniqueTracker& tracker, const pen::Puncture& puncture);
// The assessment from the sums (the open pass counted as it stands).
TechniqueReport trackerReport(const TechniqueTracker& tracker);

}  // namespace ns::training
