#pragma once
// Helpers shared by the diffusion tests: small grids with uniform or layered
// tissue, and running either scheme of the C++ twin.
#include <cmath>
#include <vector>

#include "sim/diffusion_cpu.h"
#include "sim/grid.h"

namespace ns::test {

inline sim::TissueFields uniformFields(const sim::GridShape& s, float diffusivity, float partition = 1.0f) {
  return {std::vector<float>(s.cellCount(), diffusivity * partition), std::vector<float>(s.cellCount(), partition)};
}

// Layers by cell count from the top: {cells, D, K}.
struct LayerCells {
  int cells;
  float diffusivity;
  float partition;
};
inline sim::TissueFields layeredFields(const sim::GridShape& s, const std::vector<LayerCells>& layers) {
  sim::TissueFields f{std::vector<float>(s.cellCount()), std::vector<float>(s.cellCount())};
  size_t slice = size_t(s.nx) * s.ny;
  int z = 0;
  for (auto& layer : layers)
    for (int c = 0; c < layer.cells && z < s.nz; ++c, ++z)
      for (size_t i = 0; i < slice; ++i) {
        f.conductance[z * slice + i] = layer.diffusivity * layer.partition;
        f.capacity[z * slice + i] = layer.partition;
      }
  return f;
}

inline void runExplicit(const sim::GridShape& s, const sim::BoundaryConditions& bc, double dt, int steps,
                        std::vector<float>& u, const sim::TissueFields& f) {
  std::vector<float> next(u.size());
  for (int i = 0; i < steps; ++i) {
    sim::explicitStepCpu(s, bc, dt, u.data(), f, next.data(), 1);
    u.swap(next);
  }
}

inline void runLod(const sim::GridShape& s, const sim::BoundaryConditions& bc, double dt, int steps,
                   std::vector<float>& u, const sim::TissueFields& f) {
  for (int i = 0; i < steps; ++i) sim::lodStepCpu(s, bc, dt, u, f, 1);
}

}  // namespace ns::test
