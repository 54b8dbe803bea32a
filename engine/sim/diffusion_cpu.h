#pragma once
// C++ twin of shaders/diffusion_step.comp: the same finite-volume step, the same
// boundary rules, in float, split across threads by z slices.
#include "sim/grid.h"

namespace ns::sim {

void diffusionStepCpu(const GridShape& shape, const BoundaryConditions& bc, double dt_s,
                      const float* concentration, const float* diffusivity, float* out,
                      int threads = 0);  // 0: hardware concurrency

// Total amount of solute (concentration × volume), in concentration·µm³.
double totalMass(const GridShape& shape, const float* concentration);

}  // namespace ns::sim
