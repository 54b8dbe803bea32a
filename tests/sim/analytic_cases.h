#pragma once
// Analytic validation cases for the diffusion solver (references in
// ../shared/reference/skin-and-technique.md §6, Crank 1975). Each case builds its
// grid and fields, runs a scheme through a caller-supplied stepper (the C++ twin
// or the GPU), and returns the measured error so the CPU and GPU tests share them.
#include <functional>
#include <vector>

#include "sim/grid.h"

namespace ns::test {

// Advances `u` (activity) by `steps` steps of `dt` with boundary `bc` on `fields`.
using Stepper = std::function<void(const sim::GridShape&, const sim::BoundaryConditions&, double dt, int steps,
                                   std::vector<float>& u, const sim::TissueFields&)>;

// Semi-infinite medium, surface held at 1: C = erfc(z / 2√(Dt)). Max abs error.
double erfcCaseError(const Stepper& stepper, double dtFactor);
// Instantaneous point source in a closed 3D box: relative error of the second
// moment against 6Dt, and of the centre value against M/(4πDt)^{3/2}.
struct PointSourceErrors {
  double secondMoment;
  double centre;
};
PointSourceErrors pointSourceCaseErrors(const Stepper& stepper, double dtFactor);
// Membrane of thickness h between a held surface and a sink: the time intercept of
// the cumulative-flux asymptote against t_L = h²/(6D). Relative error.
double lagTimeCaseError(const Stepper& stepper);
// Steady flux through three layers: J = ΔC / Σ(h_i/D_i). Relative error, measured
// at the top and at the bottom face (the larger).
double layeredSlabFluxError(const Stepper& stepper, double dt, int steps);
// Slowest mode of a slab with C = 0 at both faces decays as exp(−π²Dt/L²).
// Relative error of the amplitude after one e-fold.
double slowestModeError(const Stepper& stepper, double dtFactor);

}  // namespace ns::test
