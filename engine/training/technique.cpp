#include "training/technique.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "training/technique_tracker.h"

namespace ns::training {
namespace {

constexpr double kDwellAllowed_s = 1.0;  // stationary contact this long over-treats one spot
// Targets: a criterion (0–100) below its target gets advice, one at or above it never does.
constexpr double kTornAdvised = 0.01;  // torn punctures: more than 1 % is advised on, whatever the score
constexpr double kAngleTarget = 80, kDepthTarget = 90, kGlideTarget = 80, kCoverageTarget = 80, kPassesTarget = 100;
constexpr double kRuleTarget = 100;  // no-go and dry: 100 × the share of punctures that kept the rule

// Always forbidden, whatever the lesson: inside the orbital rim (SkinPen pivotal
// study [P]) and the lip vermilion ([V]); on the anatomical head, the eye itself,
// the lids' margins (lashes, the thinnest skin) and the ears (cartilage close under
// thin skin, not a treatment area in the protocols of reference notes sec. 4 [V]).
// Region names as the face's region map uses them.
const char* const kAnatomicalNoGo[] = {"orbital", "inside_orbital_rim", "lip_vermilion", "vermilion",
                                       "eye",     "lid_margin",         "upper_lip_vermilion",
                                       "lower_lip_vermilion", "ear"};

double clamp01(double v) { return std::clamp(v, 0.0, 1.0); }

// Glide's three parts, each 0..1; a part below 0.8 is what the glide advice is about.
struct GlideParts {
  double dwell = 1, gaps = 1, overTreatment = 1;
};

GlideParts glideParts(const TechniqueReport& r) {
  GlideParts g;
  g.dwell = clamp01(0.8 - (r.dwellLongest_s - kDwellAllowed_s) / 1.5);  // still for 1 s: 0.8
  g.gaps = clamp01(1.0 - 1.5 * r.gapFraction);                        // 13 % gaps: 0.8
  g.overTreatment = clamp01(1.0 - 2.0 * (r.slowFraction + r.overTreatedFraction));  // 10 %: 0.8
  return g;
}

double passesScore(const TechniqueReport& r) {
  return 0.5 * std::min(double(r.passes.size()), 3.0) / 3.0 + 0.5 * std::min(r.directions, 3) / 3.0;
}

void score(TechniqueReport& r) {
  // Leaning, and tearing: a torn puncture is a wound done wrong whatever the mean lean
  // of the session around it (one tilted glide after a long upright session).
  double angle = clamp01(1.0 - (r.angleMean_deg - 5.0) / 20.0) * (1.0 - 0.5 * r.tiltedMovingFraction) *
                 (1.0 - r.tornFraction);
  double depth = r.inRangeFraction;
  GlideParts g = glideParts(r);
  double glide = g.dwell * g.gaps * g.overTreatment;
  // The treated share, scaled (by at most half) by how even it is where treated: the
  // bar, the advice's "N % not treated" and the map measure the same skin, and an
  // untreated part is counted once, as untreated, not again as uneven.
  double evenness = 0.5 + 0.5 * clamp01((1.2 - r.coverageCvTreated) / 0.9);
  double coverage = evenness * (1.0 - r.untreatedFraction);
  if (r.punctures == 0) coverage = 0;
  double passes = passesScore(r);
  if (r.contact_s <= 0) angle = depth = glide = 0;
  // Weights (docs/technique-scoring.md): even coverage in several directions is the
  // aim of the treatment; angle, depth and glide are how it is done safely.
  r.criteria = {{"angle", 100 * angle, 15}, {"depth", 100 * depth, 15}, {"glide", 100 * glide, 10},
                {"coverage", 100 * coverage, 40}, {"passes", 100 * passes, 20}};
  r.score = 0;
  for (auto& c : r.criteria) r.score += c.score * c.weight / 100.0;
  // Safety scales the whole session, not one line of it: a good pattern made at the
  // wrong depth, with a leaning pen or over-treating a spot is not good treatment.
  double safety = (0.6 + 0.4 * depth) * (1.0 - 0.4 * clamp01((r.angleMean_deg - 5.0) / 20.0)) *
                  (1.0 - 0.4 * (1.0 - g.overTreatment)) * (1.0 - 0.5 * r.tornFraction);
  if (r.contact_s > 0) r.score *= safety;
  if (r.dryStrikes > 0) r.score -= 15;                         // dry dragging
  if (r.noGoPunctures > 0) r.score = std::min(r.score, 40.0);  // a no-go zone is never a good session
  r.score = std::clamp(r.score, 0.0, 100.0);
}

double criterionScore(const TechniqueReport& r, const std::string& name) {
  for (auto& c : r.criteria)
    if (c.name == name) return c.score;
  return 0;
}

std::string joinedAreas(const std::map<std::string, unsigned long long>& regions) {
  std::string text;
  size_t i = 0;
  for (auto& [region, count] : regions) {
    (void)count;
    text += (i == 0 ? "" : i + 1 == regions.size() ? " and " : ", ") + areaName(region);
    ++i;
  }
  return text;
}

// Darker skin (IV-VI) answers aggressive needling with post-inflammatory
// hyperpigmentation more often and for longer than with redness alone: said as
// soon as the dial, the over-treatment rule or the passes say it was aggressive.
void advisePigmentation(TechniqueReport& r) {
  if (r.fitzpatrick < 4 || r.punctures == 0) return;
  double dialMax = 0, chartMax = 0;
  std::string where;
  for (auto& [region, d] : r.regions) {
    if (d.noGo || d.punctures == 0) continue;
    if (d.dialMax_mm - d.range.max_mm > dialMax - chartMax || where.empty())
      dialMax = d.dialMax_mm, chartMax = d.range.max_mm, where = region;
  }
  bool deep = dialMax > chartMax + 1e-9 || dialMax > kPihDial_mm + 1e-9;
  bool over = r.overTreatedFraction > 0;
  bool many = r.passes.size() >= kPihPasses;
  if (!deep && !over && !many) return;
  char what[160];
  if (deep)
    std::snprintf(what, sizeof(what), "the dial went to %.2f mm on %s (chart up to %.2f mm)", dialMax,
                  areaName(where).c_str(), chartMax);
  else if (over)
    std::snprintf(what, sizeof(what), "%.0f %% of the skin was over-treated", 100 * r.overTreatedFraction);
  else
    std::snprintf(what, sizeof(what), "%zu passes went over the skin", r.passes.size());
  char text[320];
  std::snprintf(text, sizeof(text),
                "%s skin: risk of post-inflammatory hyperpigmentation, since %s. Stay at the chart's lower end, "
                "make fewer passes and aim at even redness, not bleeding.",
                skinTypeName(r.fitzpatrick).c_str(), what);
  r.warnings.push_back({"pih_risk", text, "pih", 0.0, kRuleTarget});
}

// One piece of advice: what to do, for which warning and criterion, with the
// criterion's score and the target it missed.
void addAdvice(TechniqueReport& r, const char* id, const char* criterion, double value, double target,
               const char* text) {
  r.warnings.push_back({id, text, criterion, value, target});
}

// First: a no-go zone is a safety rule.
void adviseNoGo(TechniqueReport& r) {
  if (r.noGoPunctures == 0) return;
  double punctures = double(std::max<unsigned long long>(r.punctures, 1));
  char text[320];
  std::snprintf(text, sizeof(text), "Stop needling %s: a no-go zone (%llu punctures there). Keep to the treatment area.",
                joinedAreas(r.noGoByRegion).c_str(), r.noGoPunctures);
  addAdvice(r, "no_go", "no_go", 100.0 * (1.0 - double(r.noGoPunctures) / punctures), kRuleTarget, text);
}

// Over-treatment: by density where that is what happened, else by the strikes'
// spacing; also when it is the weakest part of a glide below target.
void adviseOverTreatment(TechniqueReport& r, const GlideParts& g) {
  double glide = criterionScore(r, "glide");
  bool weakest = r.contact_s > 0 && glide < kGlideTarget && g.dwell >= 0.8 && g.gaps >= 0.8 && g.overTreatment >= 0.8 &&
                 g.overTreatment < std::min(g.dwell, g.gaps);
  if (g.overTreatment >= 0.8 && !weakest) return;
  char text[320];
  if (r.overTreatedFraction >= r.slowFraction)
    std::snprintf(text, sizeof(text),
                  "Over-treated: %.0f %% of the treated skin took more than %.0f punctures/cm2 (about ten passes); "
                  "move on to untreated skin instead of going over the same spot.",
                  100 * r.overTreatedFraction, r.densityLimitPerCm2);
  else
    std::snprintf(text, sizeof(text),
                  "Over-treated: the strikes were %.3f mm apart for %.0f %% of the contact time, closer than the "
                  "%.3f mm that opens new channels; glide faster.",
                  r.slowSpacingMean_mm, 100 * r.slowFraction, r.usefulSpacing_mm);
  addAdvice(r, "over_treatment", "glide", glide, kGlideTarget, text);
}

// Any tearing past a stray strike is said, with its numbers; else a lean below target.
void adviseAngle(TechniqueReport& r) {
  double angle = criterionScore(r, "angle");
  bool tearing = r.tornFraction >= kTornAdvised;
  if (r.contact_s <= 0 || (angle >= kAngleTarget && !tearing)) return;
  char text[320];
  if (r.tornPunctures > 0)
    std::snprintf(text, sizeof(text),
                  "Hold the pen perpendicular to the skin: %llu punctures (%.0f %%) tore where it leaned past 10 deg "
                  "from the skin while moving (up to %.0f deg); a tilted pen drags and tears.",
                  r.tornPunctures, 100 * r.tornFraction, r.angleMax_deg);
  else
    std::snprintf(text, sizeof(text),
                  "Hold the pen perpendicular to the skin: it leaned %.0f deg on average (tilted past 10 deg while "
                  "moving for %.0f %% of the contact time); a tilted pen drags and tears.",
                  r.angleMean_deg, 100 * r.tiltedMovingFraction);
  addAdvice(r, "angle", "angle", angle, kAngleTarget, text);
}

// About the region with the most punctures out of its range (the scene's region
// before any puncture); the dials used there, not a mean that may sit in range.
void adviseDepth(TechniqueReport& r) {
  double depth = criterionScore(r, "depth");
  if (r.contact_s <= 0 || depth >= kDepthTarget) return;
  std::string name = r.rangeRegion;
  DepthRange range = r.range;
  double lo = r.dialMean_mm, hi = r.dialMean_mm, outShare = 1.0 - r.inRangeFraction, worst = 0;
  for (auto& [region, d] : r.regions) {
    if (d.noGo) continue;  // the no_go advice speaks for those
    double out = double(d.punctures) * (1.0 - d.inRangeFraction);
    if (out > worst) worst = out, name = region, range = d.range, lo = d.dialMin_mm, hi = d.dialMax_mm,
                     outShare = 1.0 - d.inRangeFraction;
  }
  std::string used = std::fabs(hi - lo) < 1e-9 ? rangeText({lo, lo}) : rangeText({lo, hi});
  bool byPunctures = worst > 0;  // else, before any puncture in range of judging, the contact time
  char text[320];
  std::snprintf(text, sizeof(text), "Set the dial to %s for %s: %.0f %% of the %s outside it (dial used: %s).",
                rangeText(range).c_str(), areaName(name).c_str(), 100 * outShare,
                byPunctures ? "punctures there were" : "contact time was", used.c_str());
  addAdvice(r, "depth", "depth", depth, kDepthTarget, text);
}

// Glide below target: the advice of each part below 0.8, or else of the weakest part
// (three parts each a little short add up below target).
void adviseGlide(TechniqueReport& r, const GlideParts& g) {
  double glide = criterionScore(r, "glide");
  bool weakestDwell = g.dwell <= std::min(g.gaps, g.overTreatment), weakestGaps = !weakestDwell && g.gaps <= g.overTreatment;
  bool glideShort = r.contact_s > 0 && glide < kGlideTarget && g.dwell >= 0.8 && g.gaps >= 0.8 && g.overTreatment >= 0.8;
  char text[320];
  if (g.dwell < 0.8 || (glideShort && weakestDwell)) {
    std::snprintf(text, sizeof(text), "Keep gliding: the pen stood still on the skin for %.1f s, which over-treats one spot.",
                  r.dwellLongest_s);
    addAdvice(r, "dwell", "glide", glide, kGlideTarget, text);
  }
  if (g.gaps < 0.8 || (glideShort && weakestGaps)) {
    std::snprintf(text, sizeof(text),
                  "Glide more slowly: for %.0f %% of the contact time the strikes were further apart than the %.1f mm "
                  "cartridge, leaving gaps.",
                  100 * r.gapFraction, r.cartridgeSpan_mm);
    addAdvice(r, "speed", "glide", glide, kGlideTarget, text);
  }
}

void adviseCoverage(TechniqueReport& r) {
  double coverage = criterionScore(r, "coverage");
  if (r.punctures == 0 || coverage >= kCoverageTarget) return;
  const std::string& where = r.zoneName;
  char text[320];
  if (r.zoneArea_cm2 <= 0)
    std::snprintf(text, sizeof(text), "Needle the area to be treated: no puncture has landed on it yet.");
  else if (r.untreatedFraction >= 0.995)  // (never "100 %" once something was treated)
    std::snprintf(text, sizeof(text), "Cover %s: nearly all of it (%.1f cm2) is not treated yet.", where.c_str(),
                  r.untreatedFraction * r.zoneArea_cm2);
  else if (r.untreatedFraction >= 0.1)
    std::snprintf(text, sizeof(text), "Cover %s: %.0f %% of it (%.1f cm2) is not treated yet.", where.c_str(),
                  100 * r.untreatedFraction, r.untreatedFraction * r.zoneArea_cm2);
  else
    std::snprintf(text, sizeof(text), "Cover %s evenly: the density of punctures varies by %.0f %% across it; "
                  "go over the lighter parts.", where.c_str(), 100 * r.coverageCvTreated);
  addAdvice(r, "coverage", "coverage", coverage, kCoverageTarget, text);
}

void advisePasses(TechniqueReport& r) {
  double passes = criterionScore(r, "passes");
  if (r.contact_s <= 0 || passes >= kPassesTarget) return;
  char text[320];
  std::snprintf(text, sizeof(text),
                "Make overlapping passes in three directions (horizontal, vertical, oblique): %zu pass%s in %d "
                "direction%s so far.",
                r.passes.size(), r.passes.size() == 1 ? "" : "es", r.directions, r.directions == 1 ? "" : "s");
  addAdvice(r, "passes", "passes", passes, kPassesTarget, text);
}

void adviseDry(TechniqueReport& r) {
  if (r.dryStrikes == 0) return;
  double punctures = double(std::max<unsigned long long>(r.punctures, 1));
  char text[320];
  std::snprintf(text, sizeof(text), "Apply serum or gel before needling: %llu punctures went into dry skin.", r.dryStrikes);
  addAdvice(r, "dry", "dry", 100.0 * (1.0 - double(r.dryStrikes) / punctures), kRuleTarget, text);
}

// The two things to improve: a no-go zone and over-treatment first, then the
// advice of the criteria that lost the most weighted points.
void chooseImprovements(TechniqueReport& r) {
  auto adviceFor = [&](const std::string& id) -> const Warning* {
    for (auto& w : r.warnings)
      if (w.id == id) return &w;
    return nullptr;
  };
  for (const char* first : {"no_go", "pih_risk", "over_treatment"})
    if (const Warning* w = adviceFor(first); w && r.improvements.size() < 2) r.improvements.push_back(w->advice);
  std::vector<Criterion> lost = r.criteria;
  std::stable_sort(lost.begin(), lost.end(), [](const Criterion& a, const Criterion& b) {
    return a.weight * (100 - a.score) > b.weight * (100 - b.score);
  });
  for (const Criterion& c : lost) {
    if (r.improvements.size() >= 2) break;
    for (auto& w : r.warnings)
      if (w.criterion == c.name && w.id != "over_treatment" &&
          std::find(r.improvements.begin(), r.improvements.end(), w.advice) == r.improvements.end()) {
        r.improvements.push_back(w.advice);
        break;
      }
  }
}

// The advice, in the order the panel lists it (a no-go zone and over-treatment
// first), then the two things to improve.
void advise(TechniqueReport& r) {
  GlideParts g = glideParts(r);
  adviseNoGo(r);
  adviseOverTreatment(r, g);
  adviseAngle(r);
  adviseDepth(r);
  adviseGlide(r, g);
  adviseCoverage(r);
  advisePasses(r);
  advisePigmentation(r);
  adviseDry(r);
  chooseImprovements(r);
}

}  // namespace

bool isNoGoRegion(const scene::Scene& scene, const std::string& region) {
  const auto& lesson = scene.training.no_go_regions;
  return std::find(lesson.begin(), lesson.end(), region) != lesson.end() ||
         std::find(std::begin(kAnatomicalNoGo), std::end(kAnatomicalNoGo), region) != std::end(kAnatomicalNoGo);
}

DepthRange depthRangeFor(const scene::Scene& scene, const std::string& region) {
  if (isNoGoRegion(scene, region)) return {0.0, 0.0, "no-go region: not to be needled", true};
  DepthRange range = recommendedDepth(region, scene.tissue.skin_type);
  if (!range.known) range = recommendedDepth(scene.tissue.region, scene.tissue.skin_type);
  return range;
}

std::string skinTypeName(int fitzpatrick) {
  static const char* kNumerals[] = {"", "I", "II", "III", "IV", "V", "VI"};
  return std::string("Fitzpatrick ") + kNumerals[std::clamp(fitzpatrick, 0, 6)];
}

std::string areaName(const std::string& region) {
  if (region == "orbital" || region == "inside_orbital_rim") return "the eyelids";
  if (region == "lip_vermilion" || region == "vermilion") return "the red of the lip";
  if (region == "upper_lip_vermilion") return "the red of the upper lip";
  if (region == "lower_lip_vermilion") return "the red of the lower lip";
  if (region == "lid_margin") return "the eyelid's margin";
  if (region == "eye") return "the eye";
  if (region == "ear") return "the ear";
  if (region == "periorbital") return "the skin around the eyes";
  if (region == "perioral") return "the skin around the mouth";
  if (region.empty()) return "this area";
  std::string name = region;
  std::replace(name.begin(), name.end(), '_', ' ');
  return "the " + name;
}

std::string rangeText(const DepthRange& range) {
  char text[48];
  if (std::fabs(range.max_mm - range.min_mm) < 1e-9)
    std::snprintf(text, sizeof(text), "%.2f mm", range.min_mm);
  else
    std::snprintf(text, sizeof(text), "%.2f-%.2f mm", range.min_mm, range.max_mm);
  return text;
}

void scoreAndAdvise(TechniqueReport& r) {
  score(r);
  if (r.contact_s > 0 || r.punctures > 0) advise(r);  // nothing to advise before the first contact
}

TechniqueReport assessTechnique(const scene::Scene& scene, const CoverageGrid& grid, const input::PenTrack& track,
                                const std::vector<pen::Puncture>& punctures, glm::dvec2 viewAxis) {
  TechniqueTracker t = createTracker(scene, grid);
  for (const input::PenSample& s : track.samples) addSample(t, s, viewAxis, scene.tissue.region);
  for (const pen::Puncture& p : punctures) addPuncture(t, p);
  return trackerReport(t);
}

TechniqueReport assessTechnique(const scene::Scene& scene, const input::PenTrack& track,
                                const std::vector<pen::Puncture>& punctures) {
  return assessTechnique(scene, patchCoverageGrid(scene::kPatchWidth_mm, scene.tissue.region), track, punctures);
}

nlohmann::json techniqueJson(const TechniqueReport& r) {
  nlohmann::json warnings = nlohmann::json::array(), advice = nlohmann::json::array(), breakdown = nlohmann::json::object();
  for (auto& w : r.warnings) {
    warnings.push_back(w.id);
    advice.push_back({{"id", w.id}, {"advice", w.advice}, {"criterion", w.criterion}, {"value", w.value},
                      {"target", w.target}});
  }
  for (auto& c : r.criteria) breakdown[c.name] = {{"score", c.score}, {"weight", c.weight}};
  nlohmann::json passes = nlohmann::json::array();
  for (auto& p : r.passes)
    passes.push_back({{"direction", p.direction}, {"length_mm", p.length_mm}, {"angle_deg", p.angle_deg}});
  nlohmann::json regions = nlohmann::json::object();
  for (auto& [name, d] : r.regions)
    regions[name] = {{"punctures", d.punctures},
                     {"dial_mm_mean", d.dialMean_mm},
                     {"dial_mm_range", {d.dialMin_mm, d.dialMax_mm}},
                     {"depth_range_mm", {d.range.min_mm, d.range.max_mm}},
                     {"in_range_fraction", d.inRangeFraction},
                     {"in_range", d.inRangeFraction},
                     {"area_cm2", d.area_cm2},
                     {"coverage", d.coverage},
                     {"density_per_cm2", d.densityPerCm2},
                     {"treated_cm2", d.treated_cm2},
                     {"treated_density_per_cm2", d.treatedDensityPerCm2},
                     {"coverage_cv", d.coverageCv},
                     {"passes", d.passes},
                     {"no_go", d.noGo}};
  return {{"score", r.score},
          {"skin_type", r.fitzpatrick},  // Fitzpatrick I..VI as 1..6: the advice on pigmentation follows it
          {"angle_deg_mean", r.angleMean_deg},
          {"angle_deg_max", r.angleMax_deg},
          {"density_per_cm2", r.densityPerCm2},
          {"density_limit_per_cm2", r.densityLimitPerCm2},
          {"coverage_cv", r.coverageCv},
          {"coverage_cv_treated", r.coverageCvTreated},
          {"untreated_fraction", r.untreatedFraction},
          {"torn_punctures", r.tornPunctures},
          {"torn_fraction", r.tornFraction},
          {"over_treated_fraction", r.overTreatedFraction},
          {"zone_area_cm2", r.zoneArea_cm2},
          {"passes", r.passes.size()},
          {"directions", r.directions},
          {"pass_list", passes},
          {"dial_mm_mean", r.dialMean_mm},
          {"depth_range_mm", {r.range.min_mm, r.range.max_mm}},
          {"regions", regions},
          {"no_go_punctures", r.noGoPunctures},
          {"dry_punctures", r.dryStrikes},
          {"spacing_mm_mean", r.spacingMean_mm},
          {"spacing_mm_useful", r.usefulSpacing_mm},
          {"slow_fraction", r.slowFraction},
          {"gap_fraction", r.gapFraction},
          {"dwell_longest_s", r.dwellLongest_s},
          {"contact_s", r.contact_s},
          {"breakdown", breakdown},
          {"warnings", warnings},
          {"advice", advice},
          {"improvements", r.improvements}};
}

}  // namespace ns::training
