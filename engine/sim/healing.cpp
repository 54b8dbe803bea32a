#include "sim/healing.h"

#include <array>

#include <algorithm>
#include <cmath>

namespace ns::sim {
namespace {

constexpr double kDay = 86400.0;

double smoothstep(double a, double b, double x) {
  double t = std::clamp((x - a) / (b - a), 0.0, 1.0);
  return t * t * (3 - 2 * t);
}

// Same steps as shaders/healing_common.glsl, in float.
glm::vec2 erythemaStep(glm::vec2 se, float dt, float tauOn, float tauOff) {
  float aOn = std::exp(-dt / tauOn), aOff = std::exp(-dt / tauOff);
  float kOn = 1.0f / tauOn, kOff = 1.0f / tauOff;
  float diff = kOn - kOff;
  if (std::fabs(diff) < 1e-12f) diff = 1e-12f;
  float e = se.y * aOff + se.x * kOn * (aOff - aOn) / diff;
  return {se.x * aOn, e};
}

size_t columnIndex(const GridShape& s, int x, int y) { return size_t(y) * s.nx + x; }

// Runs f(column index) over a rectangle of columns.
template <class F>
void forColumns(const HealingState& h, const ColumnRect& r, F f) {
  for (int y = r.y0; y < r.y1; ++y)
    for (int x = r.x0; x < r.x1; ++x) f(columnIndex(h.shape, x, y));
}

}  // namespace

void ColumnRect::include(int x, int y) {
  if (empty()) {
    *this = {x, y, x + 1, y + 1};
    return;
  }
  x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x + 1), y1 = std::max(y1, y + 1);
}

HealingState createHealing(const scene::Scene& scene, const GridShape& shape) {
  HealingState h;
  h.params = scene.healing;
  h.shape = shape;
  h.serum = scene.serum;
  h.course = scene.course;
  // The epidermis: the layers above the first dermal one (fallback: the first two).
  const auto& layers = scene.tissue.layers;
  size_t dermis = std::min<size_t>(2, layers.size());
  for (size_t i = 0; i < layers.size(); ++i)
    if (layers[i].name.find("dermis") != std::string::npos && layers[i].name.find("epidermis") == std::string::npos) {
      dermis = i;
      break;
    }
  for (size_t i = 0; i < dermis; ++i) h.epidermis_um += layers[i].thickness_um;
  h.stratumCorneum_um = layers.empty() ? 0.0 : layers[0].thickness_um;
  size_t columns = size_t(shape.nx) * shape.ny;
  h.surface.assign(columns * kSurfaceStride, glm::vec4(0.0f));
  for (size_t c = 0; c < columns; ++c) h.surface[kSurfaceStride * c + 1] = glm::vec4(-1.0f, -1.0f, 0.0f, 0.0f);
  h.deposits = h.surface;  // nothing deposited
  return h;
}

HealingState createAtlasHealing(const scene::Scene& scene, int width, int height) {
  GridShape shape;
  shape.nx = width;
  shape.ny = height;
  shape.nz = 1;
  HealingState h = createHealing(scene, shape);
  h.atlas = true;
  return h;
}

void depositPunctureOnSurface(HealingState& state, const HealingPuncture& puncture, glm::dvec2 uv,
                              glm::dvec2 uvScale_mm) {
  if (!state.atlas) {
    depositPuncture(state, puncture);
  } else if (uvScale_mm.x > 0 && uvScale_mm.y > 0) {
    glm::dvec2 texels(state.shape.nx, state.shape.ny);
    depositPunctureAt(state, puncture, uv * texels, uvScale_mm * 1000.0 / texels);
  }
}

HealingSnapshot snapshotHealing(HealingState& h) {
  HealingSnapshot snap;
  std::vector<glm::vec4> surface = std::move(h.surface), deposits = std::move(h.deposits);
  snap.state = h;  // everything but the two large arrays
  h.surface = std::move(surface);
  h.deposits = std::move(deposits);
  forColumns(h, h.touched, [&](size_t c) {
    snap.touchedSurface.push_back(h.surface[kSurfaceStride * c]);
    snap.touchedSurface.push_back(h.surface[kSurfaceStride * c + 1]);
    snap.touchedSurface.push_back(h.surface[kSurfaceStride * c + 2]);
  });
  return snap;
}

void restoreHealing(HealingState& h, const HealingSnapshot& snap) {
  clearDeposits(h);
  forColumns(h, h.touched, [&](size_t c) {  // back to the initial value (createHealing)
    h.surface[kSurfaceStride * c] = glm::vec4(0.0f);
    h.surface[kSurfaceStride * c + 1] = glm::vec4(-1.0f, -1.0f, 0.0f, 0.0f);
    h.surface[kSurfaceStride * c + 2] = glm::vec4(0.0f);
  });
  std::vector<glm::vec4> surface = std::move(h.surface), deposits = std::move(h.deposits);
  h = snap.state;
  h.surface = std::move(surface);
  h.deposits = std::move(deposits);
  h.pending = {};  // (a snapshot is taken with none pending)
  h.depositsPending = false;
  size_t at = 0;
  forColumns(h, h.touched, [&](size_t c) {
    h.surface[kSurfaceStride * c] = snap.touchedSurface[at++];
    h.surface[kSurfaceStride * c + 1] = snap.touchedSurface[at++];
    h.surface[kSurfaceStride * c + 2] = snap.touchedSurface[at++];
  });
}

void clearDeposits(HealingState& h) {
  forColumns(h, h.pending, [&](size_t c) {
    h.deposits[kSurfaceStride * c] = glm::vec4(0.0f);
    h.deposits[kSurfaceStride * c + 1] = glm::vec4(-1.0f, -1.0f, 0.0f, 0.0f);
  });
  h.pending = {};
  h.depositsPending = false;
}

void depositPuncture(HealingState& h, const HealingPuncture& p) {
  const GridShape& s = h.shape;
  glm::dvec2 centre((p.entry_mm.x * 1000.0 + s.nx * s.hx_um / 2) / s.hx_um,
                    (p.entry_mm.y * 1000.0 + s.ny * s.hy_um / 2) / s.hy_um);
  depositPunctureAt(h, p, centre, {s.hx_um, s.hy_um});
}

// Punctures per mm², spread over the columns within a disc of 0.25 mm² around the
// entry (the coverage cell technique feedback counts on), so over-treatment is judged
// at one scale whatever the columns' size: the Serum panel, the coverage map and the
// advice agree.
template <class Mark>
void depositDensity(HealingState& h, const GridShape& s, double cx_um, double cy_um, Mark&& mark) {
  constexpr double kRadius_um = 282.1;  // π r² = 0.25 mm²
  int kx = int(std::min(64.0, std::ceil(kRadius_um / s.hx_um))), ky = int(std::min(64.0, std::ceil(kRadius_um / s.hy_um)));
  int ex = int(std::floor(cx_um / s.hx_um)), ey = int(std::floor(cy_um / s.hy_um));
  std::vector<size_t> under;
  for (int y = ey - ky; y <= ey + ky; ++y)
    for (int x = ex - kx; x <= ex + kx; ++x) {
      if (x < 0 || y < 0 || x >= s.nx || y >= s.ny) continue;
      double dx = (x + 0.5) * s.hx_um - cx_um, dy = (y + 0.5) * s.hy_um - cy_um;
      if (dx * dx + dy * dy <= kRadius_um * kRadius_um) under.push_back(columnIndex(s, x, y)), mark(x, y);
    }
  bool entryInside = ex >= 0 && ey >= 0 && ex < s.nx && ey < s.ny;
  if (under.empty() && entryInside) under.push_back(columnIndex(s, ex, ey)), mark(ex, ey);
  if (under.empty()) return;
  double area_mm2 = double(under.size()) * s.hx_um * s.hy_um * 1e-6;
  for (size_t c : under) h.deposits[kSurfaceStride * c + 1].z += float(1.0 / std::max(area_mm2, 0.25 * 0.25));
}

void depositPunctureAt(HealingState& h, const HealingPuncture& p, glm::dvec2 centre, glm::dvec2 size_um) {
  GridShape s = h.shape;
  s.hx_um = size_um.x;
  s.hy_um = size_um.y;
  // A course keeps its first session (the punctures of the first interval) to give again.
  if (h.course.sessions > 1 && !h.givingSession && h.sessionOffsets_s.size() == 1 &&
      (h.firstPuncture_s < 0 || p.t_s < h.firstPuncture_s + h.course.interval_days * kDay))
    h.firstSession.push_back({p, centre, size_um});
  h.punctures++;
  double halfLife = closureHalfLife_s(h.params);
  if (p.t_s >= h.openSumAt_s) {
    h.openSum = h.openSum * std::exp2(-(p.t_s - h.openSumAt_s) / halfLife) + 1.0;
    h.openSumAt_s = p.t_s;
  } else {
    h.openSum += std::exp2(-(h.openSumAt_s - p.t_s) / halfLife);
  }
  if (h.firstPuncture_s < 0 || p.t_s < h.firstPuncture_s) h.firstPuncture_s = p.t_s;
  h.tornPunctures += p.torn;
  double cx = centre.x * s.hx_um, cy = centre.y * s.hy_um;  // µm from the corner, in local column sizes
  int ex = int(std::floor(centre.x)), ey = int(std::floor(centre.y));
  bool inside = ex >= 0 && ey >= 0 && ex < s.nx && ey < s.ny;
  auto mark = [&](int x, int y) {
    h.pending.include(x, y);
    h.touched.include(x, y);
  };
  // Erythema: a Gaussian flare (σ = radius / 2) carrying the stimulus of this
  // channel's length below the stratum corneum.
  double length_mm = std::max(0.0, p.depth_um - h.stratumCorneum_um) / 1000.0;
  double stimulus = h.params.erythema_per_mm * length_mm;  // mm² of "redness area"
  double sigma_um = h.params.flare_radius_mm * 500.0;
  // (A degenerate chart could make columns tiny: the flare stops at 64 columns.)
  int rx = int(std::min(64.0, std::ceil(2 * sigma_um / s.hx_um))), ry = int(std::min(64.0, std::ceil(2 * sigma_um / s.hy_um)));
  double norm = 1.0 / (2 * 3.14159265358979 * sigma_um * sigma_um) * 1e6;  // per mm²
  for (int y = ey - ry; y <= ey + ry; ++y)
    for (int x = ex - rx; x <= ex + rx; ++x) {
      if (x < 0 || y < 0 || x >= s.nx || y >= s.ny) continue;
      double dx = (x + 0.5) * s.hx_um - cx, dy = (y + 0.5) * s.hy_um - cy;
      double g = norm * std::exp(-(dx * dx + dy * dy) / (2 * sigma_um * sigma_um));
      h.deposits[kSurfaceStride * columnIndex(s, x, y)].x += float(stimulus * g);
      mark(x, y);
    }
  depositDensity(h, s, cx, cy, mark);
  if (!inside) return;
  glm::vec4& b = h.deposits[kSurfaceStride * columnIndex(s, ex, ey) + 1];
  // Dermal dose: injured dermal volume per area, spread over the columns under the
  // needle (or put in the entry column when the needle is thinner than a column);
  // a tear brings none.
  double dermal_um = std::max(0.0, p.depth_um - h.epidermis_um);
  if (!p.torn && dermal_um > 0) {
    double r = p.width_um / 2, area = 3.14159265358979 * r * r, column = s.hx_um * s.hy_um;
    std::vector<size_t> under;
    int kx = int(std::min(64.0, std::ceil(r / s.hx_um))), ky = int(std::min(64.0, std::ceil(r / s.hy_um)));
    for (int y = ey - ky; y <= ey + ky; ++y)
      for (int x = ex - kx; x <= ex + kx; ++x) {
        if (x < 0 || y < 0 || x >= s.nx || y >= s.ny) continue;
        double dx = (x + 0.5) * s.hx_um - cx, dy = (y + 0.5) * s.hy_um - cy;
        if (dx * dx + dy * dy <= r * r) under.push_back(columnIndex(s, x, y)), mark(x, y);
      }
    if (under.empty()) under.push_back(columnIndex(s, ex, ey));
    float share = float(dermal_um * area / (double(under.size()) * column));
    for (size_t c : under) {
      h.deposits[kSurfaceStride * c].y += share;
      glm::vec4& injured = h.deposits[kSurfaceStride * c + 1];
      if (injured.y < 0 || p.t_s < injured.y) injured.y = float(p.t_s);
    }
  }
  mark(ex, ey);
  glm::vec4& a = h.deposits[kSurfaceStride * columnIndex(s, ex, ey)];
  a.z = std::max(a.z, float(p.depth_um));
  if (dermal_um > 0) {  // past the epidermis: capillary loops bleed
    h.bleedingPunctures++;
    b.x = std::max(b.x, float(p.t_s + h.params.hemostasis_s));
  }
  if (b.y < 0 || p.t_s < b.y) b.y = float(p.t_s);
  h.depositsPending = true;
}

double oedemaPerStimulus(const scene::Healing& p) { return p.oedema_per_mm / p.erythema_per_mm; }

double closureHalfLife_s(const scene::Healing& p) {
  return p.closure_half_life_s * (p.occluded ? p.occluded_half_life_factor : 1.0);
}

float opennessDecay(const scene::Healing& p, double dt) { return float(std::exp2(-dt / closureHalfLife_s(p))); }

void advanceSurfaceCpu(HealingState& h, double dt) {
  float tauOn = float(h.params.erythema_onset_s);
  float riseTau = float(h.params.oedema_rise_s), perStimulus = float(oedemaPerStimulus(h.params));
  forColumns(h, h.touched, [&](size_t i) {
    glm::vec4 a = h.surface[kSurfaceStride * i], b = h.surface[kSurfaceStride * i + 1], c = h.surface[kSurfaceStride * i + 2];
    glm::vec4 da = h.deposits[kSurfaceStride * i], db = h.deposits[kSurfaceStride * i + 1];
    a.x += da.x;
    c.x += da.x * perStimulus;
    a.z += da.y;
    a.w = std::max(a.w, da.z);
    b.x = std::max(b.x, db.x);
    if (db.y >= 0.0f && (b.y < 0.0f || db.y < b.y)) b.y = db.y;
    b.z += db.z;
    float tauOff = float(h.params.erythema_resolve_base_s) + float(h.params.erythema_resolve_per_mm_s / 1000.0) * a.w;
    glm::vec2 se = erythemaStep({a.x, a.y}, float(dt), tauOn, tauOff);
    a.x = se.x;
    a.y = se.y;
    float oedemaTauOff = float(h.params.oedema_resolve_base_s) + float(h.params.oedema_resolve_per_mm_s / 1000.0) * a.w;
    glm::vec2 wo = erythemaStep({c.x, c.y}, float(dt), riseTau, oedemaTauOff);
    c.x = wo.x;
    c.y = wo.y;
    h.surface[kSurfaceStride * i] = a;
    h.surface[kSurfaceStride * i + 1] = b;
    h.surface[kSurfaceStride * i + 2] = c;
  });
  clearDeposits(h);
}

double growthFactorExposure(const HealingState& h, double puncture_s) {
  if (h.serum.collagen_factor <= 1.0) return 0.0;
  double halfLife = closureHalfLife_s(h.params);
  auto open = [&](double t) { return std::exp2(-(std::max(t, puncture_s) - puncture_s) / halfLife); };
  std::array<double, 2> window = scene::serumChanges_s(h.serum);
  return std::clamp(open(window[0]) - open(window[1]), 0.0, 1.0);
}

double elastinPhase(const scene::Healing& p, double age) {
  if (age <= 0) return 0.0;
  return smoothstep(p.elastin_lag_s, p.elastin_full_s, age);
}

double oedemaResolveTau_s(const scene::Healing& p, double depth_um) {
  return p.oedema_resolve_base_s + p.oedema_resolve_per_mm_s * depth_um / 1000.0;
}

double oedemaResponse(const scene::Healing& p, double depth_um, double t) {
  if (t <= 0) return 0.0;
  double rise = p.oedema_rise_s, res = oedemaResolveTau_s(p, depth_um);
  if (std::fabs(res - rise) < 1e-9 * res) return t / rise * std::exp(-t / rise);
  return (std::exp(-t / res) - std::exp(-t / rise)) / (1.0 - rise / res);
}

int sessionsGiven(const HealingState& h) { return int(h.sessionOffsets_s.size()); }

double nextSessionDue_s(const HealingState& h) {
  if (h.course.sessions <= sessionsGiven(h) || h.firstPuncture_s < 0 || h.firstSession.empty()) return -1;
  return h.firstPuncture_s + sessionsGiven(h) * h.course.interval_days * kDay;
}

void giveNextSession(HealingState& h) {
  if (nextSessionDue_s(h) < 0) return;
  double offset = sessionsGiven(h) * h.course.interval_days * kDay;
  h.givingSession = true;
  for (const HealingState::Recorded& r : h.firstSession) {
    HealingPuncture again = r.puncture;
    again.t_s += offset;
    depositPunctureAt(h, again, r.centre, r.columnSize_um);
  }
  h.givingSession = false;
  h.sessionOffsets_s.push_back(offset);
  if (sessionsGiven(h) >= h.course.sessions) h.firstSession = {};  // nothing more to give
}

std::vector<CourseEntry> courseSummary(const HealingState& h, double now) {
  std::vector<CourseEntry> out;
  if (h.course.sessions <= 1 || h.firstPuncture_s < 0) return out;
  for (int k = 0; k < sessionsGiven(h); ++k) {
    CourseEntry e;
    e.session = k + 1;
    e.at_s = h.firstPuncture_s + h.sessionOffsets_s[k];
    bool last = k + 1 >= h.course.sessions;
    double next = h.firstPuncture_s + (k + 1) * h.course.interval_days * kDay;
    e.measured_at_s = last ? now : std::min(now, next);
    HealingSummary at = summarizeHealing(h, e.measured_at_s);
    e.collagenIndex = at.collagenIndex;
    e.elastinIndex = at.elastinIndex;
    out.push_back(e);
  }
  return out;
}

double collagenPhase(double age) {
  if (age <= 0) return 0.0;
  return 0.7 * smoothstep(5 * kDay, 56 * kDay, age) + 0.3 * smoothstep(56 * kDay, 180 * kDay, age);
}

HealingSummary summarizeHealing(const HealingState& h, double now) {
  HealingSummary out;
  double halfLife = closureHalfLife_s(h.params);
  if (h.punctures > 0)  // (a puncture later than `now` counts as fully open)
    out.openFraction = std::min(1.0, h.openSum * std::exp2(-std::max(0.0, now - h.openSumAt_s) / halfLife) /
                                         double(h.punctures));
  size_t columns = size_t(h.shape.nx) * h.shape.ny, treated = 0, bleeding = 0, over = 0, reached = 0;
  double redness = 0, collagen = 0, elastin = 0, oedema = 0, oedemaMax = 0;
  // Every session of a course repeats the first: a column's dose and density per
  // session are its totals over the sessions given, and each session's wound ages
  // from its own time (the column's first injury + the session's offset).
  double sessions = double(std::max(1, sessionsGiven(h)));
  forColumns(h, h.touched, [&](size_t i) {
    const glm::vec4& a = h.surface[kSurfaceStride * i];
    const glm::vec4& b = h.surface[kSurfaceStride * i + 1];
    const glm::vec4& c = h.surface[kSurfaceStride * i + 2];
    redness += 1.0 - std::exp(-std::max(0.0f, a.y));
    double swelling = 1.0 - std::exp(-std::max(0.0f, c.y));
    oedema += swelling;
    oedemaMax = std::max(oedemaMax, swelling);
    reached += a.x > 0.0f || a.y > 0.0f || b.y >= 0.0f;
    if (b.y >= 0.0f) {
      treated++;
      double dose = a.z / sessions / h.params.optimal_dermal_dose_um;
      double boost = 1.0 + (h.serum.collagen_factor - 1.0) * growthFactorExposure(h, b.y);  // PRP, growth factors
      double collagenPhases = 0, elastinPhases = 0;
      for (double offset : h.sessionOffsets_s) {
        collagenPhases += collagenPhase(now - b.y - offset);
        elastinPhases += elastinPhase(h.params, now - b.y - offset);
      }
      collagen += std::min(dose, 1.0) * collagenPhases * boost;
      elastin += std::min(dose, 1.0) * elastinPhases * h.params.elastin_fraction;
      over += h.overTreatedDensity_per_mm2 > 0 ? b.z / sessions > h.overTreatedDensity_per_mm2 : dose > h.params.over_treatment_factor;
    }
    bleeding += b.x > now;
  });
  // The block is the treatment zone; an atlas is mostly untouched skin, so its
  // means are over the columns the punctures reached.
  double area = h.atlas ? double(std::max<size_t>(reached, 1)) : double(columns);
  out.erythemaMean = redness / area;
  out.bleedingPoints = h.bleedingPunctures;
  out.bleedingNow = bleeding;
  out.bleedingCoverage = treated ? double(bleeding) / double(treated) : 0.0;
  out.collagenIndex = collagen / area;
  out.overTreatedFraction = treated ? double(over) / double(treated) : 0.0;
  out.torn = h.tornPunctures;
  out.oedemaMean = oedema / area;
  out.oedemaMax = oedemaMax;
  out.swellingMaxMm = oedemaMax * h.params.swelling_full_mm;
  out.elastinIndex = elastin / area;
  out.sessions = sessionsGiven(h);
  return out;
}

}  // namespace ns::sim
