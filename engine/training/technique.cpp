#include "training/technique.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "pen/cartridge.h"

namespace ns::training {
namespace {

constexpr double kStationary_mm_s = 0.5;   // slower counts as standing still
constexpr double kDwellAllowed_s = 1.0;    // stationary contact longer than this is dwelling
constexpr double kCoverageCell_mm = 0.5;   // coverage is judged on 0.5 mm cells [A]
constexpr double kMinPass_mm = 2.0;        // shorter strokes are not passes
constexpr double kTurn_deg = 60.0;         // a turn sharper than this starts a new pass
constexpr double kPi = 3.14159265358979323846;

double clamp01(double v) { return std::clamp(v, 0.0, 1.0); }

std::string directionClass(double angle_deg) {
  double a = std::fmod(angle_deg + 360.0, 180.0);
  if (a < 22.5 || a >= 157.5) return "horizontal";
  if (a >= 67.5 && a < 112.5) return "vertical";
  return "oblique";
}

void assessMotion(const scene::Scene& scene, const input::PenTrack& track, TechniqueReport& r) {
  const auto& s = track.samples;
  double tilted = 0, angleTime = 0, dialTime = 0, inRange = 0, spacingTime = 0, gaps = 0, still = 0;
  double span = pen::cartridgeSpan_mm(scene.pen);
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    const input::PenSample& a = s[i];
    double dt = s[i + 1].t_s - a.t_s;
    if (!a.contact || dt <= 0) {
      still = 0;
      continue;
    }
    glm::dvec3 move = s[i + 1].pos_mm - a.pos_mm;
    double speed = std::hypot(move.x, move.y) / dt;
    double tilt = pen::tiltDegrees(a.dir);
    r.contact_s += dt;
    angleTime += tilt * dt;
    r.angleMax_deg = std::max(r.angleMax_deg, tilt);
    if (tilt > pen::kTearTilt_deg && speed > kStationary_mm_s) tilted += dt;
    dialTime += a.depth_mm * dt;
    if (a.depth_mm >= r.range.min_mm - 1e-9 && a.depth_mm <= r.range.max_mm + 1e-9) inRange += dt;
    double spacing = speed / scene.pen.frequency_hz;
    spacingTime += spacing * dt;
    if (spacing > span) gaps += dt;
    still = speed < kStationary_mm_s ? still + dt : 0.0;
    r.dwellLongest_s = std::max(r.dwellLongest_s, still);
  }
  if (r.contact_s > 0) {
    r.angleMean_deg = angleTime / r.contact_s;
    r.tiltedMovingFraction = tilted / r.contact_s;
    r.dialMean_mm = dialTime / r.contact_s;
    r.inRangeFraction = inRange / r.contact_s;
    r.spacingMean_mm = spacingTime / r.contact_s;
    r.gapFraction = gaps / r.contact_s;
  }
}

void assessPasses(const input::PenTrack& track, TechniqueReport& r) {
  const auto& s = track.samples;
  Pass current;
  glm::dvec2 heading(0.0), start(0.0);
  bool open = false;
  auto close = [&](const glm::dvec2& end, double t) {
    if (open && current.length_mm >= kMinPass_mm) {
      current.end_s = t;
      glm::dvec2 d = end - start;
      current.angle_deg = std::atan2(d.y, d.x) * 180.0 / kPi;
      current.direction = directionClass(current.angle_deg);
      r.passes.push_back(current);
    }
    open = false;
  };
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    glm::dvec2 a(s[i].pos_mm), b(s[i + 1].pos_mm);
    if (!s[i].contact) {
      close(a, s[i].t_s);
      continue;
    }
    glm::dvec2 d = b - a;
    double length = glm::length(d);
    if (length < 1e-3) continue;
    glm::dvec2 dir = d / length;
    if (open && glm::dot(dir, heading) < std::cos(kTurn_deg * kPi / 180.0)) close(a, s[i].t_s);
    if (!open) {
      current = Pass{};
      current.start_s = s[i].t_s;
      start = a;
      heading = dir;
      open = true;
    }
    current.length_mm += length;
    heading = glm::normalize(heading * 0.8 + dir * 0.2);
  }
  if (!s.empty()) close(glm::dvec2(s.back().pos_mm), s.back().t_s);
  std::map<std::string, int> classes;
  for (auto& p : r.passes) classes[p.direction]++;
  r.directions = int(classes.size());
}

// Always forbidden, whatever the lesson: inside the orbital rim (SkinPen pivotal
// study [P]) and the lip vermilion ([V]). Region names as the face's region map uses them.
const char* const kAnatomicalNoGo[] = {"orbital", "inside_orbital_rim", "lip_vermilion", "vermilion"};

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

namespace {

// Each puncture's dial against its region's chart row (a region without one —
// "body", say — is held to the scene's region; in a no-go region no depth is right,
// and those punctures are left to the no-go rule rather than the depth criterion).
void assessDepth(const scene::Scene& scene, const std::vector<pen::Puncture>& punctures, TechniqueReport& r) {
  if (punctures.empty()) return;  // keep the contact-time figures of assessMotion
  double dialSum = 0, inRange = 0, counted = 0;
  for (const pen::Puncture& p : punctures) {
    RegionDepth& region = r.regions[p.region];
    if (region.punctures == 0) {
      region.range = depthRangeFor(scene, p.region);
      region.noGo = isNoGoRegion(scene, p.region);
    }
    bool ok = !region.noGo && p.dial_mm >= region.range.min_mm - 1e-9 && p.dial_mm <= region.range.max_mm + 1e-9;
    region.punctures++;
    region.dialMean_mm += p.dial_mm;
    region.inRangeFraction += ok;
    if (region.noGo) continue;  // judged by the no-go rule, not the dial
    dialSum += p.dial_mm;
    inRange += ok;
    counted++;
  }
  unsigned long long most = 0;
  for (auto& [name, region] : r.regions) {
    region.dialMean_mm /= double(region.punctures);
    region.inRangeFraction /= double(region.punctures);
    if (!region.noGo && region.punctures > most) most = region.punctures, r.range = region.range, r.rangeRegion = name;
  }
  if (counted > 0) {  // (only no-go punctures: the contact-time figures stand)
    r.dialMean_mm = dialSum / counted;
    r.inRangeFraction = inRange / counted;
  }
}

void assessCoverage(const scene::Scene& scene, const std::vector<pen::Puncture>& punctures, TechniqueReport& r) {
  double width = scene.domain.width_mm;  // the treatment zone: the simulated block
  int cells = std::max(1, int(std::round(width / kCoverageCell_mm)));
  double cell = width / cells;
  std::vector<double> counts(size_t(cells) * cells, 0.0);
  double inside = 0;
  for (const pen::Puncture& p : punctures) {
    int x = int(std::floor((p.entry_mm.x + width / 2) / cell)), y = int(std::floor((p.entry_mm.y + width / 2) / cell));
    if (x < 0 || y < 0 || x >= cells || y >= cells) continue;
    counts[size_t(y) * cells + x] += 1;
    inside += 1;
  }
  r.zoneArea_cm2 = width * width / 100.0;
  r.densityPerCm2 = inside / r.zoneArea_cm2;
  double mean = inside / double(counts.size()), var = 0;
  size_t untreated = 0, over = 0;
  for (double c : counts) {
    var += (c - mean) * (c - mean);
    untreated += c == 0;
    over += mean > 0 && c > 3 * mean;
  }
  r.coverageCv = mean > 0 ? std::sqrt(var / double(counts.size())) / mean : 0.0;
  r.untreatedFraction = double(untreated) / double(counts.size());
  r.overTreatedFraction = double(over) / double(counts.size());
}

void assessRules(const scene::Scene& scene, const std::vector<pen::Puncture>& punctures, TechniqueReport& r) {
  for (const pen::Puncture& p : punctures) {
    if (isNoGoRegion(scene, p.region)) r.noGoPunctures++;
    if (!scene::serumOnSkin(scene.serum, p.t_s)) r.dryStrikes++;
  }
}

void score(TechniqueReport& r) {
  double angle = clamp01(1.0 - (r.angleMean_deg - 5.0) / 20.0) * (1.0 - 0.5 * r.tiltedMovingFraction);
  double depth = r.inRangeFraction;
  double glide = clamp01(1.0 - 0.3 * std::max(0.0, r.dwellLongest_s - 0.5) - r.gapFraction);
  double coverage = clamp01((1.2 - r.coverageCv) / 0.9) * (1.0 - r.untreatedFraction);
  double passes = 0.5 * std::min(double(r.passes.size()), 3.0) / 3.0 + 0.5 * std::min(r.directions, 3) / 3.0;
  if (r.contact_s <= 0) angle = depth = glide = 0;
  // Weights (docs/technique-scoring.md): even coverage in several directions is the
  // aim of the treatment; angle, depth and glide are how it is done safely.
  r.criteria = {{"angle", 100 * angle, 15}, {"depth", 100 * depth, 15}, {"glide", 100 * glide, 10},
                {"coverage", 100 * coverage, 40}, {"passes", 100 * passes, 20}};
  r.score = 0;
  for (auto& c : r.criteria) r.score += c.score * c.weight / 100.0;
  // Safety scales the whole session, not one line of it: a good pattern made at the
  // wrong depth or with a leaning pen is not good treatment.
  double safety = (0.6 + 0.4 * depth) * (1.0 - 0.4 * clamp01((r.angleMean_deg - 5.0) / 20.0));
  if (r.contact_s > 0) r.score *= safety;
  if (r.dryStrikes > 0) r.score -= 15;      // dry dragging
  if (r.noGoPunctures > 0) r.score = std::min(r.score, 40.0);  // a no-go zone is never a good session
  r.score = std::clamp(r.score, 0.0, 100.0);
}

void warn(TechniqueReport& r) {
  char text[256];
  if (r.angleMean_deg > pen::kTearTilt_deg || r.tiltedMovingFraction > 0.2) {
    std::snprintf(text, sizeof(text),
                  "Hold the pen perpendicular to the skin: it leaned %.0f deg on average; a tilted pen drags and tears.",
                  r.angleMean_deg);
    r.warnings.push_back({"angle", text});
  }
  if (r.contact_s > 0 && r.inRangeFraction < 0.9) {
    // About the region with the most punctures out of its range (the lesson's region
    // before any puncture).
    std::string name = r.rangeRegion;
    DepthRange range = r.range;
    double dial = r.dialMean_mm, worst = 0;
    for (auto& [region, depth] : r.regions) {
      if (depth.noGo) continue;  // the no_go warning speaks for those
      double out = double(depth.punctures) * (1.0 - depth.inRangeFraction);
      if (out > worst) worst = out, name = region, range = depth.range, dial = depth.dialMean_mm;
    }
    std::string where = name.empty() ? "this region" : "the " + name + " region";
    std::snprintf(text, sizeof(text), "Set the dial to %.2f-%.2f mm for %s; you used %.2f mm on average.",
                  range.min_mm, range.max_mm, where.c_str(), dial);
    r.warnings.push_back({"depth", text});
  }
  if (r.dwellLongest_s >= kDwellAllowed_s) {
    std::snprintf(text, sizeof(text), "Keep gliding: the pen stood still on the skin for %.1f s, which over-treats one spot.",
                  r.dwellLongest_s);
    r.warnings.push_back({"dwell", text});
  }
  if (r.gapFraction > 0.2)
    r.warnings.push_back({"speed", "Glide more slowly: successive strikes were further apart than the cartridge, leaving gaps."});
  if (r.coverageCv > 0.5 || r.untreatedFraction > 0.15) {
    std::snprintf(text, sizeof(text), "Cover the area evenly: %.0f %% of it was not treated (unevenness %.2f).",
                  100 * r.untreatedFraction, r.coverageCv);
    r.warnings.push_back({"coverage", text});
  }
  if (r.directions < 3 || r.passes.size() < 3)
    r.warnings.push_back({"passes", "Make overlapping passes in three directions: horizontal, vertical and oblique."});
  if (r.noGoPunctures > 0) r.warnings.push_back({"no_go", "Stop: this area is a no-go zone for needling."});
  if (r.dryStrikes > 0)
    r.warnings.push_back({"dry", "Apply serum or gel before gliding: the pen was dragged over dry skin."});
  // The two criteria that lost the most points.
  std::vector<Criterion> lost = r.criteria;
  std::sort(lost.begin(), lost.end(),
            [](const Criterion& a, const Criterion& b) { return a.weight * (100 - a.score) > b.weight * (100 - b.score); });
  for (size_t i = 0; i < lost.size() && r.improvements.size() < 2; ++i)
    if (lost[i].score < 95)
      for (auto& w : r.warnings)
        if (w.id == lost[i].name || (lost[i].name == "glide" && (w.id == "dwell" || w.id == "speed"))) {
          r.improvements.push_back(w.advice);
          break;
        }
}

}  // namespace

TechniqueReport assessTechnique(const scene::Scene& scene, const input::PenTrack& track,
                                const std::vector<pen::Puncture>& punctures) {
  TechniqueReport r;
  r.range = recommendedDepth(scene.tissue.region, scene.tissue.skin_type);
  r.rangeRegion = scene.tissue.region;
  assessMotion(scene, track, r);
  assessDepth(scene, punctures, r);
  assessPasses(track, r);
  assessCoverage(scene, punctures, r);
  assessRules(scene, punctures, r);
  score(r);
  if (r.contact_s > 0 || !punctures.empty()) warn(r);  // nothing to advise before the first contact
  return r;
}

nlohmann::json techniqueJson(const TechniqueReport& r) {
  nlohmann::json warnings = nlohmann::json::array(), advice = nlohmann::json::array(), breakdown = nlohmann::json::object();
  for (auto& w : r.warnings) {
    warnings.push_back(w.id);
    advice.push_back({{"id", w.id}, {"advice", w.advice}});
  }
  for (auto& c : r.criteria) breakdown[c.name] = {{"score", c.score}, {"weight", c.weight}};
  nlohmann::json passes = nlohmann::json::array();
  for (auto& p : r.passes) passes.push_back({{"direction", p.direction}, {"length_mm", p.length_mm}});
  nlohmann::json regions = nlohmann::json::object();
  for (auto& [name, d] : r.regions)
    regions[name] = {{"punctures", d.punctures},
                     {"dial_mm_mean", d.dialMean_mm},
                     {"depth_range_mm", {d.range.min_mm, d.range.max_mm}},
                     {"in_range_fraction", d.inRangeFraction},
                     {"no_go", d.noGo}};
  return {{"score", r.score},
          {"angle_deg_mean", r.angleMean_deg},
          {"angle_deg_max", r.angleMax_deg},
          {"density_per_cm2", r.densityPerCm2},
          {"coverage_cv", r.coverageCv},
          {"untreated_fraction", r.untreatedFraction},
          {"passes", r.passes.size()},
          {"directions", r.directions},
          {"pass_list", passes},
          {"dial_mm_mean", r.dialMean_mm},
          {"depth_range_mm", {r.range.min_mm, r.range.max_mm}},
          {"regions", regions},
          {"no_go_punctures", r.noGoPunctures},
          {"spacing_mm_mean", r.spacingMean_mm},
          {"dwell_longest_s", r.dwellLongest_s},
          {"contact_s", r.contact_s},
          {"breakdown", breakdown},
          {"warnings", warnings},
          {"advice", advice},
          {"improvements", r.improvements}};
}

}  // namespace ns::training
