#include "sim/grid.h"

#include <algorithm>

namespace ns::sim {

GridShape gridFromDomain(const scene::Domain& domain) {
  GridShape shape;
  shape.nx = domain.cells[0];
  shape.ny = domain.cells[1];
  shape.nz = domain.cells[2];
  shape.hx_um = domain.width_mm * 1000.0 / shape.nx;
  shape.hy_um = domain.width_mm * 1000.0 / shape.ny;
  shape.hz_um = domain.depth_mm * 1000.0 / shape.nz;
  return shape;
}

std::vector<float> layerDiffusivity(const GridShape& shape, const scene::Tissue& tissue) {
  std::vector<float> d(shape.cellCount());
  for (int z = 0; z < shape.nz; ++z) {
    double centre_um = (z + 0.5) * shape.hz_um;
    float value = static_cast<float>(tissue.layers.at(tissue.layerAtDepth(centre_um)).diffusivity_um2_s);
    std::fill(d.begin() + shape.index(0, 0, z), d.begin() + shape.index(0, 0, z) + size_t(shape.nx) * shape.ny,
              value);
  }
  return d;
}

double explicitStableDt(const GridShape& shape, double maxDiffusivity_um2_s) {
  // Positivity of the update c' = c (1 - dt Σk) + ...: Σk ≤ D (2/hx² + 2/hy² + 3/hz²)
  // for a surface cell with a half-cell Dirichlet face; 4/hz² covers a one-cell grid
  // with both surface and sink faces.
  double sum = 2.0 / (shape.hx_um * shape.hx_um) + 2.0 / (shape.hy_um * shape.hy_um) +
               4.0 / (shape.hz_um * shape.hz_um);
  return maxDiffusivity_um2_s > 0 ? 1.0 / (maxDiffusivity_um2_s * sum) : 1e30;
}

}  // namespace ns::sim
