#pragma once
// How much serum a patch of skin takes up with open channels and without: what an
// educator shows to explain "the channels let serums in" (docs/serum-library.md).
// Computed by the solver's C++ twin on one channel's share of the scene's
// pretreatment grid (a square of pretreatment.spacing_mm with the channel in the
// middle; the no-flux side walls make it one cell of an endless grid), finely
// resolved in depth so the stratum corneum's thin layer of uptake is seen.
//
// Intact skin is not only its stratum corneum: follicle openings and defects (the
// shunt) let a little of every small enough molecule through. The grid cannot
// resolve them (0.1 % of the area), so the shunt is added analytically to both
// skins, and intact uptake never falls below it. An assay cannot see below its
// detection limit either: where intact uptake falls under it, the ratio is only
// a lower bound, "> N x" (needled over the detection limit).
#include <string>

#include "scene/scene.h"

namespace ns::sim {

// The shunt's constants and the detection limit (docs/serum-library.md has the sources).
struct ShuntRoute {
  double areaFraction = 1e-3;  // follicle openings and defects, of the skin's area
  double poreRadius_nm = 2.5;  // effective radius of the aqueous pathway: larger molecules do not pass
  double pathLength_um = 231;  // from GHK-Cu's measured intact permeability (below)
};
const ShuntRoute& shuntRoute();
// The least uptake an assay would quantify, over the surface concentration (µm):
// 1e-4 of a 10 µL/cm² dose (a 100 µm film).
constexpr double kDetectionLimit_um = 0.01;

// Renkin's hindrance of a sphere of radius r in a cylindrical pore of radius R
// (partition × drag); 0 when r >= R.
double renkinHindrance(double r_over_R);
// What a channel of free diffusivity D (µm²/s) and length L (µm), its mouth held
// at 1 and a sink below, has taken in per area of mouth after t seconds (µm):
// D t / L + L / 3 - the series' transient (Crank 1975, eq. 4.24).
double canalUptake_um(double D_um2_s, double L_um, double t_s);
// The shunt's uptake per area of skin (µm) for a serum of Stokes radius r (nm) and
// free diffusivity D (µm²/s) after t seconds.
double shuntUptake_um(double radius_nm, double D_um2_s, double t_s);

struct SerumUptake {
  double seconds = 0;
  double needled_um = 0;  // serum in the skin per area of skin, over its surface concentration (µm): channels + shunt
  double intact_um = 0;   // the same skin, no channels: stratum corneum + shunt
  double intactBarrier_um = 0;  // of intact_um, through the stratum corneum (the twin)
  double shunt_um = 0;          // of each, through the follicles and defects (analytic)
  double needledDepth_um = 0;   // 90 % of the needled uptake lies above this depth
  double intactDepth_um = 0;    // the same through the intact barrier (the shunt's reaches pathLength_um)
  double appliedPercent = 0;    // the product's strength (% w/w; 0: not given): 1 µm of a 1 % serum is 1 µg/cm²
  double ratio() const { return intact_um > 0 ? needled_um / intact_um : 0.0; }  // the model's own
  bool intactDetected() const { return intact_um >= kDetectionLimit_um; }
  // What a measurement could say: the ratio, or its lower bound needled / detection limit.
  double shownRatio() const { return intactDetected() ? ratio() : needled_um / kDetectionLimit_um; }
  std::string ratioText() const;  // "x105" or "> 2290x (intact below detection)"
  double needled_ug_cm2() const { return needled_um * appliedPercent; }  // 0 when the strength is not given
  double intact_ug_cm2() const { return intact_um * appliedPercent; }
};

// `scene`'s tissue, serum and pretreatment channel (enabled or not in the scene),
// the serum on the skin from t = 0, after `seconds`.
SerumUptake serumUptake(const scene::Scene& scene, double seconds);

}  // namespace ns::sim
