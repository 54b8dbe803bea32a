#pragma once
// The healing response after needling (equations and sources: docs/healing-model.md):
//  - channel closure: every channel's openness decays as 2^(−age/T½) (T½ longer
//    when occluded), so serum uptake stops as channels close;
//  - erythema per skin column: a stimulus S deposited by punctures (a flare around
//    each, ∝ channel length below the stratum corneum) drives redness E;
//    S' = −S/τ_on, E' = S/τ_on − E/τ_off(depth): rises within minutes, resolves over
//    days, deeper channels resolve slower;
//  - pinpoint bleeding where a needle passes the epidermis into the papillary
//    dermis (capillary loops), until hemostasis;
//  - collagen: injured dermal volume per area (dose), worth up to an optimal dose
//    (more is flagged as over-treatment, not rewarded; torn wounds are flagged and
//    bring nothing), realised along the wound phases (proliferation from ~day 5,
//    remodelling to ~6 months);
//  - oedema per skin column: a stimulus W (the erythema's, scaled) drives the
//    swelling O with the same kinetics, slower: W' = −W/τ_rise, O' = W/τ_rise −
//    O/τ_res(depth): peaks ~3 h after, resolves over 2–4 days, deeper slower;
//  - elastin: the same dermal dose, realised later than collagen (flat through
//    month 3, up by month 6);
//  - a course: the first session's punctures given again every interval.
// Surface state lives per column of a surface grid: the texels of a UV atlas over
// the skin (`atlas`: a face's, or the whole visible patch), where each puncture
// brings its own local texel size, or else the serum grid's (x, y) columns of the
// block. Only the rectangle of columns ever touched is stepped (the rest stays
// exactly zero), so a large atlas costs what its treated part costs. This file is
// the C++ twin of shaders/healing.comp and the bookkeeping both backends share.
#include <glm/glm.hpp>

#include <vector>

#include "scene/scene.h"
#include "sim/grid.h"

namespace ns::sim {

// vec4s of surface state per column (NS_HEALING_STRIDE in shaders/shared.h):
// a = (S, E, dose, depth), b = (bleed until, first injury, density, -), c = (W, O, -, -).
inline constexpr size_t kSurfaceStride = 3;

struct HealingPuncture {
  double t_s = 0;
  glm::dvec3 entry_mm{0.0};
  double depth_um = 0, width_um = 0;
  bool torn = false;
};

// A rectangle of columns [x0, x1) × [y0, y1); empty when x1 ≤ x0.
struct ColumnRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return x1 <= x0 || y1 <= y0; }
  void include(int x, int y);
};

struct HealingState {
  scene::Healing params;
  GridShape shape;
  bool atlas = false;            // columns are UV texels of a surface mesh
  ColumnRect touched;            // every column a deposit ever reached
  ColumnRect pending;            // the columns of the deposits not yet applied
  double epidermis_um = 0;       // stratum corneum + viable epidermis
  double stratumCorneum_um = 0;
  std::vector<glm::vec4> surface;   // kSurfaceStride per column (see shaders/shared.h, HealingPush)
  std::vector<glm::vec4> deposits;  // kSurfaceStride per column, waiting for the next step
  bool depositsPending = false;
  // The open fraction's running sum: Σ 2^(−(openSumAt_s − t_i)/T½) over the punctures,
  // decayed to openSumAt_s (the latest puncture), so it costs nothing per puncture
  // made and nothing to read, however long the session.
  double openSum = 0, openSumAt_s = 0;
  double firstPuncture_s = -1;  // (-1: none yet)
  // Over-treated beyond this many punctures per mm² (pen::overTreatmentDensity_per_mm2,
  // set by who knows the pen; 0: the older dose rule, over_treatment_factor × optimum).
  double overTreatedDensity_per_mm2 = 0;
  unsigned long long bleedingPunctures = 0, tornPunctures = 0, punctures = 0;
  // The serum on the skin (its window and collagen_factor: growth factors, PRP).
  scene::Serum serum;
  // A course (scene.course): the first session's punctures are kept (only while
  // sessions are still to come) and given again every interval. Every session
  // repeats the first, so a column's dose per session is its dose / sessions given.
  scene::Course course;
  struct Recorded {
    HealingPuncture puncture;
    glm::dvec2 centre, columnSize_um;
  };
  std::vector<Recorded> firstSession;
  std::vector<double> sessionOffsets_s{0.0};  // sessions given, from the first puncture
  bool givingSession = false;
};

HealingState createHealing(const scene::Scene& scene, const GridShape& shape);
// A surface state over a UV atlas of width × height texels (u across, v up).
HealingState createAtlasHealing(const scene::Scene& scene, int width, int height);

// Adds what a puncture deposits (stimulus flare, dermal dose, depth, bleeding).
// On the grid: entry_mm is in the block's frame (centred).
void depositPuncture(HealingState& state, const HealingPuncture& puncture);
// The same at a given place: `centre` in columns (fractional, from the grid's
// corner) and the local column size (µm along x and y).
void depositPunctureAt(HealingState& state, const HealingPuncture& puncture, glm::dvec2 centre,
                       glm::dvec2 columnSize_um);
// Where the surface state lives decides the place: the block's columns (entry_mm in
// the block's frame) or, on a UV atlas, the puncture's `uv` with the chart's stretch
// there (mm per unit of u and v; a puncture on a seam or a degenerate chart, with
// no stretch, leaves no mark).
void depositPunctureOnSurface(HealingState& state, const HealingPuncture& puncture, glm::dvec2 uv,
                              glm::dvec2 uvScale_mm);
void clearDeposits(HealingState& state);

// A healing state kept to be restored later (a lesson step retried): everything but
// the surface, and of the surface only the touched rectangle (outside it every
// column still holds its initial value), so a copy costs what was treated, not the
// atlas. Take it with no deposits pending.
struct HealingSnapshot {
  HealingState state;               // surface and deposits left empty
  std::vector<glm::vec4> touchedSurface;  // the touched rectangle's columns, row by row
};
HealingSnapshot snapshotHealing(HealingState& state);  // (state is left as it was)
// Puts `state` back as it was; columns touched since go back to their initial value.
void restoreHealing(HealingState& state, const HealingSnapshot& snapshot);

double closureHalfLife_s(const scene::Healing& params);
// The factor every channel's openness is multiplied by over dt.
float opennessDecay(const scene::Healing& params, double dt_s);

// The twin of healing.comp MODE 0: applies the deposits, advances the erythema.
void advanceSurfaceCpu(HealingState& state, double dt_s);

// Collagen realised by wound age (0 … 1): proliferation from day 5 to week 8
// (to 0.7), remodelling to 6 months (to 1).
double collagenPhase(double age_s);
// Mature elastic fibre realised by wound age (0 … 1): none through elastin_lag_s,
// all by elastin_full_s (smoothstep between).
double elastinPhase(const scene::Healing& params, double age_s);
// W deposited per unit of erythema stimulus (oedema_per_mm / erythema_per_mm).
double oedemaPerStimulus(const scene::Healing& params);
// The oedema's analytic time course for a unit stimulus at t = 0 in a column whose
// deepest channel is depth_um: O(t) = (e^(−t/τ_res) − e^(−t/τ_rise)) / (1 − τ_rise/τ_res).
double oedemaResponse(const scene::Healing& params, double depth_um, double t_s);
double oedemaResolveTau_s(const scene::Healing& params, double depth_um);

// The course: when the next session is due (-1: none: no course, not started, or all given).
double nextSessionDue_s(const HealingState& state);
// Gives the next session: the first session's punctures again, shifted by its offset.
void giveNextSession(HealingState& state);
int sessionsGiven(const HealingState& state);
struct CourseEntry {
  int session = 1;
  double at_s = 0;          // when it was given (its first puncture)
  double measured_at_s = 0; // indices as of the next session (the last: now)
  double collagenIndex = 0, elastinIndex = 0;
};
std::vector<CourseEntry> courseSummary(const HealingState& state, double now_s);

// How much of a channel made at `puncture_s` the serum reached while it was open
// (0 … 1): the share of its openness, 2^(−age/T½), integrated over time, that falls
// within the serum's time on the skin. Growth factors (serum.collagen_factor > 1)
// raise the collagen that channel induces by (factor − 1) × this.
double growthFactorExposure(const HealingState& state, double puncture_s);

struct HealingSummary {
  double openFraction = 1;     // mean over punctures of 2^(−age/T½); 1 before any
  double erythemaMean = 0;     // mean over columns of 1 − exp(−E), 0 … 1 (atlas: over
                               // the columns punctures reached)
  unsigned long long bleedingPoints = 0;   // punctures past the epidermis
  unsigned long long bleedingNow = 0;      // columns still bleeding
  double bleedingCoverage = 0;  // bleeding columns / treated columns
  double collagenIndex = 0;     // mean over columns of min(dose/optimal, 1) × phase × growth-factor boost
  double overTreatedFraction = 0;  // treated columns beyond the over-treatment dose
  unsigned long long torn = 0;
  double oedemaMean = 0;        // mean over columns of 1 − exp(−O), 0 … 1 (same area as erythema)
  double oedemaMax = 0;         // the most swollen column's 1 − exp(−O)
  double swellingMaxMm = 0;     // oedemaMax × swelling_full_mm (an assumed scale: docs)
  double elastinIndex = 0;      // mean of min(dose/optimal, 1) × elastin phase × elastin_fraction
  int sessions = 1;             // course sessions given
};
HealingSummary summarizeHealing(const HealingState& state, double now_s);

}  // namespace ns::sim
