#pragma once
// How much serum a patch of skin takes up with open channels and without: what an
// educator shows to explain "the channels let serums in" (docs/serum-library.md).
// Computed by the solver's C++ twin on one channel's share of the scene's
// pretreatment grid (a square of pretreatment.spacing_mm with the channel in the
// middle; the no-flux side walls make it one cell of an endless grid), finely
// resolved in depth so the stratum corneum's thin layer of uptake is seen.
#include "scene/scene.h"

namespace ns::sim {

struct SerumUptake {
  double needled_um = 0;  // serum in the skin per area of skin, over its surface concentration (µm)
  double intact_um = 0;   // the same skin, no channels
  double ratio() const { return intact_um > 0 ? needled_um / intact_um : 0.0; }
};

// `scene`'s tissue, serum and pretreatment channel (enabled or not in the scene),
// the serum on the skin from t = 0, after `seconds`.
SerumUptake serumUptake(const scene::Scene& scene, double seconds);

}  // namespace ns::sim
