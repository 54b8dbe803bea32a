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
//    remodelling to ~6 months).
// Surface state lives per column of the serum grid (x, y). This file is the C++
// twin of shaders/healing.comp and the bookkeeping both backends share.
#include <glm/glm.hpp>

#include <vector>

#include "scene/scene.h"
#include "sim/grid.h"

namespace ns::sim {

struct HealingPuncture {
  double t_s = 0;
  glm::dvec3 entry_mm{0.0};
  double depth_um = 0, width_um = 0;
  bool torn = false;
};

struct HealingState {
  scene::Healing params;
  GridShape shape;
  double epidermis_um = 0;       // stratum corneum + viable epidermis
  double stratumCorneum_um = 0;
  std::vector<glm::vec4> surface;   // 2 per column (see shaders/shared.h, HealingPush)
  std::vector<glm::vec4> deposits;  // 2 per column, waiting for the next step
  bool depositsPending = false;
  std::vector<double> punctureTimes;  // for the open fraction
  unsigned long long bleedingPunctures = 0, tornPunctures = 0, punctures = 0;
};

HealingState createHealing(const scene::Scene& scene, const GridShape& shape);

// Adds what a puncture deposits (stimulus flare, dermal dose, depth, bleeding).
void depositPuncture(HealingState& state, const HealingPuncture& puncture);
void clearDeposits(HealingState& state);

double closureHalfLife_s(const scene::Healing& params);
// The factor every channel's openness is multiplied by over dt.
float opennessDecay(const scene::Healing& params, double dt_s);

// The twin of healing.comp MODE 0: applies the deposits, advances the erythema.
void advanceSurfaceCpu(HealingState& state, double dt_s);

// Collagen realised by wound age (0 … 1): proliferation from day 5 to week 8
// (to 0.7), remodelling to 6 months (to 1).
double collagenPhase(double age_s);

struct HealingSummary {
  double openFraction = 1;     // mean over punctures of 2^(−age/T½); 1 before any
  double erythemaMean = 0;     // mean over columns of 1 − exp(−E), 0 … 1
  unsigned long long bleedingPoints = 0;   // punctures past the epidermis
  unsigned long long bleedingNow = 0;      // columns still bleeding
  double bleedingCoverage = 0;  // bleeding columns / treated columns
  double collagenIndex = 0;     // mean over columns of min(dose/optimal, 1) × phase
  double overTreatedFraction = 0;  // treated columns beyond the over-treatment dose
  unsigned long long torn = 0;
};
HealingSummary summarizeHealing(const HealingState& state, double now_s);

}  // namespace ns::sim
