#include "training/technique_tracker.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>

#include "pen/cartridge.h"
#include "scene/surface_query.h"

namespace ns::training {
namespace {

constexpr double kStationary_mm_s = 0.5;  // slower counts as standing still
constexpr double kMinPass_mm = 2.0;       // shorter strokes are not passes
constexpr double kTurn_deg = 60.0;        // a turn sharper than this starts a new pass
constexpr double kPi = 3.14159265358979323846;

std::string directionClass(double angle_deg) {
  double a = std::fmod(angle_deg + 360.0, 180.0);
  if (a < 22.5 || a >= 157.5) return "horizontal";
  if (a >= 67.5 && a < 112.5) return "vertical";
  return "oblique";
}

// The open pass as it would end at `end`: a pass if long enough.
bool finishedPass(const TechniqueTracker& t, glm::dvec2 end, double time_s, Pass& pass) {
  if (!t.passOpen || t.pass.length_mm < kMinPass_mm) return false;
  pass = t.pass;
  pass.end_s = time_s;
  glm::dvec2 d = end - t.passStart;
  glm::dvec2 axis = t.passAxis, up(-axis.y, axis.x);
  pass.angle_deg = std::atan2(glm::dot(d, up), glm::dot(d, axis)) * 180.0 / kPi;
  pass.direction = directionClass(pass.angle_deg);
  return true;
}

void closePass(TechniqueTracker& t, glm::dvec2 end, double time_s) {
  Pass pass;
  if (finishedPass(t, end, time_s, pass)) {
    t.passes.push_back(pass);
    t.directionCounts[pass.direction]++;
  }
  t.passOpen = false;
}

// A pass runs over contact-to-contact segments only: a pen lifted at b moved (at
// least partly) in the air, and where it went then is no part of the stroke (sparse
// window samples make that visible). A pass ends where the pen last touched.
void trackPass(TechniqueTracker& t, const input::PenSample& a, const input::PenSample& b, glm::dvec2 viewAxis) {
  glm::dvec2 from(a.pos_mm), to(b.pos_mm);
  if (!a.contact || !b.contact) {
    closePass(t, t.passEnd, a.t_s);
    return;
  }
  glm::dvec2 d = to - from;
  double length = glm::length(d);
  if (length < 1e-3) return;
  glm::dvec2 dir = d / length;
  if (t.passOpen && glm::dot(dir, t.heading) < std::cos(kTurn_deg * kPi / 180.0)) closePass(t, from, a.t_s);
  if (!t.passOpen) {
    t.pass = Pass{};
    t.pass.start_s = a.t_s;
    t.pass.region = t.lastRegion;
    t.passStart = from;
    t.heading = dir;
    t.passAxis = glm::length(viewAxis) > 1e-9 ? glm::normalize(viewAxis) : glm::dvec2(1.0, 0.0);
    t.passOpen = true;
  }
  t.pass.length_mm += length;
  t.passEnd = to;
  t.heading = glm::normalize(t.heading * 0.8 + dir * 0.2);
}

void trackMotion(TechniqueTracker& t, const input::PenSample& a, const input::PenSample& b) {
  double dt = b.t_s - a.t_s;
  if (!a.contact || dt <= 0) {
    t.still_s = 0;
    return;
  }
  // The pen's speed over the skin; a segment ending lifted moved (partly) in the air,
  // so it keeps the speed it had.
  glm::dvec3 move = b.pos_mm - a.pos_mm;
  double speed = b.contact ? std::hypot(move.x, move.y) / dt : t.lastSpeed;
  t.lastSpeed = speed;
  double tilt = pen::tiltDegrees(a.dir);
  t.contact_s += dt;
  t.angleTime += tilt * dt;
  t.angleMax = std::max(t.angleMax, tilt);
  if (tilt > pen::kTearTilt_deg && speed > kStationary_mm_s) t.tiltedMoving_s += dt;
  t.dialTime += a.depth_mm * dt;
  if (a.depth_mm >= t.sceneRange.min_mm - 1e-9 && a.depth_mm <= t.sceneRange.max_mm + 1e-9) t.inRangeTime += dt;
  double spacing = speed / t.scene.pen.frequency_hz;
  t.spacingTime += spacing * dt;
  if (spacing > t.cartridgeSpan_mm) t.gap_s += dt;
  bool still = speed < kStationary_mm_s;
  if (!still && spacing < t.usefulSpacing_mm) {  // standing still is dwelling, not gliding slowly
    t.slow_s += dt;
    t.slowSpacingTime += spacing * dt;
  }
  t.still_s = still ? t.still_s + dt : 0.0;
  t.dwellLongest_s = std::max(t.dwellLongest_s, t.still_s);
}

RegionSums& regionSums(TechniqueTracker& t, const std::string& name) {
  auto found = t.regions.find(name);
  if (found != t.regions.end()) return found->second;
  RegionSums& r = t.regions[name];
  r.range = depthRangeFor(t.scene, name);
  r.noGo = isNoGoRegion(t.scene, name);
  for (size_t i = 0; i < t.grid.regionNames.size(); ++i)
    if (t.grid.regionNames[i] == name) r.area_mm2 = t.regionArea_mm2[i];
  return r;
}

// The area a puncture treats: a disc as large as one cell (radius cell/√π), so an
// isolated puncture treats one cell's area wherever it lands, and the treated area of
// many is their discs' union — measured on 5×5 sample points per cell, so it does not
// depend on how passes lie against the cells (counting whole cells touched made the
// same crosshatch ~8 % larger turned 30° than along them). The disc is laid out in mm
// on the skin through the chart's stretch at the entry; it reaches the neighbouring
// cells of its own chart (not across a region's border).
constexpr int kSamplesPerSide = 5;

void footprintInto(TechniqueTracker& t, const CoverageSpot& spot) {
  const double radius_mm = t.grid.cell_mm / std::sqrt(kPi);
  glm::dvec2 reach = radius_mm / glm::max(spot.cellSize_mm, glm::dvec2(1e-9));  // in cells, along x and y
  int x0 = std::max(0, int(std::floor(spot.at.x - reach.x))), x1 = std::min(spot.nx - 1, int(std::floor(spot.at.x + reach.x)));
  int y0 = std::max(0, int(std::floor(spot.at.y - reach.y))), y1 = std::min(spot.ny - 1, int(std::floor(spot.at.y + reach.y)));
  for (int y = y0; y <= y1; ++y)
    for (int x = x0; x <= x1; ++x) {
      int place = spotCell(spot, x, y);
      if (place < 0) continue;
      size_t cell = size_t(place);
      double area = t.grid.area_mm2[cell];
      if (area <= 0) continue;
      uint32_t bits = 0;
      for (int j = 0; j < kSamplesPerSide; ++j)
        for (int i = 0; i < kSamplesPerSide; ++i) {
          glm::dvec2 d = (glm::dvec2(x + (i + 0.5) / kSamplesPerSide, y + (j + 0.5) / kSamplesPerSide) - spot.at) / reach;
          if (glm::dot(d, d) <= 1.0) bits |= 1u << (j * kSamplesPerSide + i);
        }
      uint32_t added = bits & ~t.reached[cell];
      if (added == 0) continue;
      t.reached[cell] |= added;
      double reached = area * std::popcount(added) / double(kSamplesPerSide * kSamplesPerSide);
      int region = t.grid.region[cell];
      if (region >= 0 && size_t(region) < t.grid.regionNames.size())
        regionSums(t, t.grid.regionNames[size_t(region)]).treated_mm2 += reached;
    }
}

// The practice square's sums from the cells' counts: the cells whose skin centroid lies
// in it — centred on the punctures' mean, in the skin's frame there (horizontal and up
// the skin, as the patch's square lies), near that skin only — no-go regions left out.
// One pass over the grid's cells per report (twice a second), whatever the session's length.
void zoneSums(const TechniqueTracker& t, double& area, double& treated, double& n, double& q, double& over) {
  const TreatmentZone& z = t.zone;
  glm::dvec3 normal = glm::length(z.normalSum) > 1e-9 ? glm::normalize(z.normalSum) : glm::dvec3(0.0, 0.0, 1.0);
  scene::SurfaceFrame frame = scene::skinFrame(z.entrySum / z.punctures, normal);
  for (size_t c = 0; c < t.grid.area_mm2.size(); ++c) {
    double cellArea = t.grid.area_mm2[c];
    int region = t.grid.region[c];
    if (cellArea <= 0 || region < 0 || size_t(region) >= t.grid.regionNames.size()) continue;
    glm::dvec3 d = scene::toFrame(frame, glm::dvec3(t.grid.centre_mm[c]));
    if (std::fabs(d.x) > z.radius_mm || std::fabs(d.y) > z.radius_mm || std::fabs(d.z) > z.radius_mm) continue;
    if (isNoGoRegion(t.scene, t.grid.regionNames[size_t(region)])) continue;
    double count = t.counts[c];
    area += cellArea;
    treated += cellArea * std::popcount(t.reached[c]) / double(kSamplesPerSide * kSamplesPerSide);
    n += count;
    q += count * count / cellArea;
    if (count > t.densityLimit_per_mm2 * cellArea) over += cellArea;
  }
}

void countInto(RegionSums& r, double area, unsigned n, double limit_per_mm2) {
  r.countSum += 1;
  r.countSquaredPerArea += (2.0 * n + 1.0) / area;
  if (double(n) <= limit_per_mm2 * area && double(n + 1) > limit_per_mm2 * area) r.over_mm2 += area;
}

void addToCell(TechniqueTracker& t, RegionSums& r, int cell) {
  double area = t.grid.area_mm2[size_t(cell)];
  unsigned n = t.counts[size_t(cell)]++;
  countInto(r, area, n, t.densityLimit_per_mm2);
}

// The area being treated: the regions needled, no-go ones left out, each with at
// least kZoneShare of the punctures that landed on the skin's cells (a few strikes
// over a border do not make the scalp part of a cheek treatment).
constexpr double kZoneShare = 0.02;

void coverageFigures(const TechniqueTracker& t, TechniqueReport& r, double area, double treated, double n, double q,
                     double over);

void coverageInto(const TechniqueTracker& t, TechniqueReport& r) {
  double area = 0, treated = 0, n = 0, q = 0, over = 0, landed = 0;
  if (t.zone.radius_mm > 0 && t.zone.punctures > 0 && !t.grid.centre_mm.empty()) {  // the practice square
    zoneSums(t, area, treated, n, q, over);
    char name[64];
    std::snprintf(name, sizeof(name), "the %.0f mm square you are treating", 2 * t.zone.radius_mm);
    r.zoneName = name;
    coverageFigures(t, r, area, treated, n, q, over);
    return;
  }
  for (auto& [name, s] : t.regions) landed += s.noGo ? 0.0 : s.countSum;
  std::vector<std::string> names;
  for (auto& [name, s] : t.regions) {
    if (s.noGo || s.countSum < kZoneShare * landed || s.countSum <= 0) continue;
    area += s.area_mm2, treated += s.treated_mm2, n += s.countSum, q += s.countSquaredPerArea, over += s.over_mm2;
    names.push_back(areaName(name));
  }
  r.zoneName = t.grid.byUv ? "" : "the patch";
  for (size_t i = 0; t.grid.byUv && i < names.size(); ++i)
    r.zoneName += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  if (r.zoneName.empty()) r.zoneName = "the treatment area";
  coverageFigures(t, r, area, treated, n, q, over);
}

// Density, evenness and the untreated and over-treated shares over the area being treated.
void coverageFigures(const TechniqueTracker& t, TechniqueReport& r, double area, double treated, double n, double q,
                     double over) {
  r.zoneArea_cm2 = area / 100.0;
  r.densityLimitPerCm2 = t.densityLimit_per_mm2 * 100.0;
  if (area <= 0) {  // nothing landed on the area being treated (only no-go, or off the chart)
    r.untreatedFraction = 1.0;
    return;
  }
  double mean = n / area, variance = std::max(0.0, q / area - mean * mean);
  r.densityPerCm2 = mean * 100.0;
  r.coverageCv = mean > 0 ? std::sqrt(variance) / mean : 0.0;
  // Evenness over the treated part alone: the untreated part is counted once, as untreated.
  double meanTreated = treated > 0 ? n / treated : 0.0;
  double varianceTreated = treated > 0 ? std::max(0.0, q / treated - meanTreated * meanTreated) : 0.0;
  r.coverageCvTreated = meanTreated > 0 ? std::sqrt(varianceTreated) / meanTreated : 0.0;
  r.untreatedFraction = std::clamp(1.0 - treated / area, 0.0, 1.0);
  r.overTreatedFraction = treated > 0 ? std::min(1.0, over / treated) : 0.0;
}

}  // namespace

TechniqueTracker createTracker(const scene::Scene& scene, CoverageGrid grid) {
  TechniqueTracker t;
  t.scene = scene;
  t.grid = std::move(grid);
  t.counts.assign(t.grid.area_mm2.size(), 0);
  t.reached.assign(t.grid.area_mm2.size(), 0);
  t.zone.radius_mm = t.grid.byUv ? scene.training.zone_width_mm / 2 : 0.0;  // (the patch's zone is its square)
  t.regionArea_mm2.assign(t.grid.regionNames.size(), 0.0);
  for (size_t c = 0; c < t.grid.area_mm2.size(); ++c)
    if (t.grid.region[c] >= 0 && size_t(t.grid.region[c]) < t.regionArea_mm2.size())
      t.regionArea_mm2[size_t(t.grid.region[c])] += t.grid.area_mm2[c];
  t.sceneRange = depthRangeFor(scene, scene.tissue.region);
  t.cartridgeSpan_mm = pen::cartridgeSpan_mm(scene.pen);
  t.usefulSpacing_mm = pen::usefulSpacing_mm(scene.pen);
  t.densityLimit_per_mm2 = pen::overTreatmentDensity_per_mm2(scene.pen);
  return t;
}

void addSample(TechniqueTracker& t, const input::PenSample& sample, glm::dvec2 viewAxis, const std::string& region) {
  if (t.haveLast) {
    trackMotion(t, t.last, sample);
    trackPass(t, t.last, sample, viewAxis);
  }
  t.last = sample;
  t.lastRegion = region;
  t.haveLast = true;
}

void addPuncture(TechniqueTracker& t, const pen::Puncture& p) {
  t.punctures++;
  t.torn += p.torn;
  RegionSums& r = regionSums(t, p.region);
  bool ok = !r.noGo && p.dial_mm >= r.range.min_mm - 1e-9 && p.dial_mm <= r.range.max_mm + 1e-9;
  r.punctures++;
  r.inRange += ok;
  r.dialSum += p.dial_mm;
  r.dialMin = std::min(r.dialMin, p.dial_mm);
  r.dialMax = std::max(r.dialMax, p.dial_mm);
  if (r.noGo) {
    t.noGo++;
    t.noGoByRegion[p.region]++;
  }
  if (!scene::serumOnSkin(t.scene.serum, p.t_s)) t.dry++;
  // Coverage counts in the region of the cell the puncture landed in (its area is that
  // region's): a glide from cheek to nose counts in each for the part that landed there.
  // Depth and no-go above are judged by the region under the pen.
  CoverageSpot spot = coverageSpot(t.grid, p);
  if (spot.cell < 0) return;
  if (!r.noGo) t.zone.entrySum += p.entry_mm, t.zone.normalSum += p.normal, t.zone.punctures += 1;
  int index = t.grid.region[size_t(spot.cell)];
  bool known = index >= 0 && size_t(index) < t.grid.regionNames.size();
  addToCell(t, known ? regionSums(t, t.grid.regionNames[size_t(index)]) : r, spot.cell);
  footprintInto(t, spot);
}

void addPriorPuncture(TechniqueTracker& t, const pen::Puncture& p) {
  CoverageSpot spot = coverageSpot(t.grid, p);
  if (spot.cell < 0) return;
  int index = t.grid.region[size_t(spot.cell)];
  bool known = index >= 0 && size_t(index) < t.grid.regionNames.size();
  addToCell(t, regionSums(t, known ? t.grid.regionNames[size_t(index)] : p.region), spot.cell);
  footprintInto(t, spot);
}

TechniqueReport trackerReport(const TechniqueTracker& t) {
  TechniqueReport r;
  r.range = t.sceneRange;
  r.rangeRegion = t.scene.tissue.region;
  r.fitzpatrick = t.scene.tissue.fitzpatrick;
  r.contact_s = t.contact_s;
  if (t.contact_s > 0) {
    r.angleMean_deg = t.angleTime / t.contact_s;
    r.tiltedMovingFraction = t.tiltedMoving_s / t.contact_s;
    r.dialMean_mm = t.dialTime / t.contact_s;
    r.inRangeFraction = t.inRangeTime / t.contact_s;
    r.spacingMean_mm = t.spacingTime / t.contact_s;
    r.gapFraction = t.gap_s / t.contact_s;
    r.slowFraction = t.slow_s / t.contact_s;
    r.slowSpacingMean_mm = t.slow_s > 0 ? t.slowSpacingTime / t.slow_s : 0.0;
  }
  r.angleMax_deg = t.angleMax;
  r.usefulSpacing_mm = t.usefulSpacing_mm;
  r.cartridgeSpan_mm = t.cartridgeSpan_mm;
  r.dwellLongest_s = t.dwellLongest_s;
  // Depth: each puncture against its own region's range; no-go ones go to the no-go rule.
  double dialSum = 0, inRange = 0, counted = 0;
  unsigned long long most = 0;
  for (auto& [name, s] : t.regions) {
    if (s.punctures == 0) continue;
    RegionDepth& d = r.regions[name];
    d.range = s.range;
    d.noGo = s.noGo;
    d.punctures = s.punctures;
    d.dialMean_mm = s.dialSum / double(s.punctures);
    d.dialMin_mm = s.dialMin;
    d.dialMax_mm = s.dialMax;
    d.inRangeFraction = double(s.inRange) / double(s.punctures);
    d.area_cm2 = s.area_mm2 / 100.0;
    d.coverage = s.area_mm2 > 0 ? std::min(1.0, s.treated_mm2 / s.area_mm2) : 0.0;
    d.densityPerCm2 = s.area_mm2 > 0 ? 100.0 * s.countSum / s.area_mm2 : 0.0;
    d.treated_cm2 = s.treated_mm2 / 100.0;
    d.treatedDensityPerCm2 = s.treated_mm2 > 0 ? 100.0 * s.countSum / s.treated_mm2 : 0.0;
    if (s.area_mm2 > 0 && s.countSum > 0) {  // as the zone's evenness (coverageInto), over this region's cells
      double mean = s.countSum / s.area_mm2, variance = std::max(0.0, s.countSquaredPerArea / s.area_mm2 - mean * mean);
      d.coverageCv = std::sqrt(variance) / mean;
    }
    if (s.noGo) continue;
    dialSum += s.dialSum, inRange += double(s.inRange), counted += double(s.punctures);
    if (s.punctures > most) most = s.punctures, r.range = s.range, r.rangeRegion = name;
  }
  if (counted > 0) {  // (only no-go punctures: the contact-time figures stand)
    r.dialMean_mm = dialSum / counted;
    r.inRangeFraction = inRange / counted;
  }
  r.passes = t.passes;
  std::map<std::string, int> directions = t.directionCounts;
  Pass open;
  if (t.haveLast && finishedPass(t, t.passEnd, t.last.t_s, open)) {  // the pass under way counts
    r.passes.push_back(open);
    directions[open.direction]++;
  }
  for (const Pass& p : r.passes) {  // (regions with passes but no punctures are not listed)
    auto region = r.regions.find(p.region);
    if (region != r.regions.end()) region->second.passes++;
  }
  r.directions = int(directions.size());
  coverageInto(t, r);
  r.noGoPunctures = t.noGo;
  r.noGoByRegion = t.noGoByRegion;
  r.dryStrikes = t.dry;
  r.tornPunctures = t.torn;
  r.tornFraction = t.punctures > 0 ? double(t.torn) / double(t.punctures) : 0.0;
  r.punctures = t.punctures;
  scoreAndAdvise(r);
  return r;
}

}  // namespace ns::training
