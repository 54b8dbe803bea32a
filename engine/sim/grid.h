#pragma once
// The simulation grid: cells x fastest, then y, then z; z = 0 is the cell under the
// skin surface. Spacings in µm, times in seconds, diffusivities in µm²/s.
#include <cstddef>
#include <vector>

#include "scene/scene.h"

namespace ns::sim {

struct GridShape {
  int nx = 1, ny = 1, nz = 1;
  double hx_um = 1, hy_um = 1, hz_um = 1;
  size_t cellCount() const { return size_t(nx) * ny * nz; }
  size_t index(int x, int y, int z) const { return (size_t(z) * ny + y) * nx + x; }
  double cellVolume_um3() const { return hx_um * hy_um * hz_um; }
};

struct BoundaryConditions {
  bool surfaceHeld = false;        // serum on the skin: Dirichlet at the surface
  double surfaceConcentration = 1.0;
  bool bottomSink = false;         // perfect sink below the last cell, else no-flux
};

GridShape gridFromDomain(const scene::Domain& domain);

// Per-cell diffusivity from the layer each cell centre lies in.
std::vector<float> layerDiffusivity(const GridShape& shape, const scene::Tissue& tissue);

// Largest stable explicit step for the given maximum diffusivity, including the
// half-cell Dirichlet faces at the surface and sink (which double a face coefficient).
double explicitStableDt(const GridShape& shape, double maxDiffusivity_um2_s);

}  // namespace ns::sim
