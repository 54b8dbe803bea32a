#pragma once
// C++ twins of the diffusion shaders: the same finite-volume operators and
// boundary rules, in float, threaded over independent slices or lines. They are
// the specification the GPU passes are tested against.
#include "sim/grid.h"

namespace ns::sim {

// shaders/diffusion_step.comp: one forward-Euler step, out = u + dt/K div(G grad u).
void explicitStepCpu(const GridShape& shape, const BoundaryConditions& bc, double dt_s,
                     const float* activity, const TissueFields& fields, float* out, int threads = 0);

// shaders/lod_x.comp + lod_yz.comp: one locally one-dimensional backward-Euler step
// (Yanenko splitting: implicit line solves along x, then y, then z), in place.
// Unconditionally stable, positivity- and mass-preserving, first order in time.
void lodStepCpu(const GridShape& shape, const BoundaryConditions& bc, double dt_s,
                std::vector<float>& activity, const TissueFields& fields, int threads = 0);

}  // namespace ns::sim
