#pragma once
// C++ twins of the diffusion shaders: the same finite-volume operators and
// boundary rules, in float, threaded over independent slices or lines. They are
// the specification the GPU passes are tested against.
#include "sim/grid.h"

namespace ns::sim {

// Harmonic-mean conductances of the faces between each cell and its +x, +y, +z
// neighbour (0 on the far walls). They depend only on the tissue, so the twin
// computes them once per tissue change instead of six divisions per cell per step.
struct FaceConductances {
  std::vector<float> x, y, z;
};
FaceConductances faceConductances(const GridShape& shape, const TissueFields& fields);

// shaders/diffusion_step.comp: one forward-Euler step, out = u + dt/K div(G grad u).
// Bitwise the same arithmetic per cell as the shader's in-kernel harmonic means.
void explicitStepCpu(const GridShape& shape, const BoundaryConditions& bc, double dt_s,
                     const float* activity, const TissueFields& fields, const FaceConductances& faces, float* out,
                     int threads = 0);
// Convenience for tests: computes the faces first.
void explicitStepCpu(const GridShape& shape, const BoundaryConditions& bc, double dt_s,
                     const float* activity, const TissueFields& fields, float* out, int threads = 0);

// shaders/lod_x.comp + lod_yz.comp: one locally one-dimensional backward-Euler step
// (Yanenko splitting: implicit line solves along x, then y, then z), in place.
// Unconditionally stable, positivity- and mass-preserving, first order in time.
void lodStepCpu(const GridShape& shape, const BoundaryConditions& bc, double dt_s,
                std::vector<float>& activity, const TissueFields& fields, int threads = 0);

}  // namespace ns::sim
