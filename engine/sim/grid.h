#pragma once
// The simulation grid and the fields on it. Cells: x fastest, then y, then z;
// z = 0 is the cell under the skin surface. Spacings in µm, times in s,
// diffusivities and conductances in µm²/s.
//
// The state is the activity u = C / K, where K is the partition coefficient of the
// tissue relative to the serum vehicle. u is continuous across layer interfaces
// (equilibrium partitioning), C = K u jumps. The conductance G = D K sets fluxes:
//   K du/dt = div(G grad u).
// With all K = 1 this is plain dC/dt = div(D grad C).
#include <algorithm>
#include <cmath>
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

// The row layout of the fields on the GPU: x padded to a multiple of 4, so that an
// rgba32f texel holds 4 consecutive x cells; rows (y, z) follow each other as in
// GridShape. What fills the padding is up to each field (zero conductance: walls).
struct PaddedLayout {
  int nx = 0, ny = 0, nz = 0;  // the grid's cells
  int paddedNx = 0;            // nx rounded up to a multiple of 4
  int texelsPerRow() const { return paddedNx / 4; }
  size_t rows() const { return size_t(ny) * nz; }
  size_t paddedCellCount() const { return size_t(paddedNx) * rows(); }
};
PaddedLayout paddedLayout(const GridShape& shape);
// Unpadded values (nx·ny·nz) into the padded layout, the padding set to `fill`.
std::vector<float> padRows(const PaddedLayout& layout, const std::vector<float>& cells, float fill);
// The unpadded values of a padded field (paddedCellCount() floats at `padded`).
std::vector<float> unpadRows(const PaddedLayout& layout, const float* padded);

struct BoundaryConditions {
  bool surfaceHeld = false;  // serum on the skin: Dirichlet u = Cs at the surface
  double surfaceConcentration = 1.0;
  bool bottomSink = false;   // perfect sink below the last cell, else no-flux
};

// Every step (GPU and twin) stores an activity of magnitude below this as 0: 1e-30 of
// the serum's concentration, far below anything shown or reported, and far above
// float denormals (below 1.2e-38), which x86 computes ~100x slower. The tails of
// diffusion through open channels decay through that range and had filled the grid
// with them: the default scene's step went from 1.8 to 3.1 ms on lavapipe, which has
// no flush-to-zero mode (shaderDenormFlushToZeroFloat32 = false).
inline float activityFloor(const BoundaryConditions& bc) {
  return float(std::max(bc.surfaceConcentration * 1e-30, 1e-33));
}
inline float floored(float u, float floor) { return std::fabs(u) < floor ? 0.0f : u; }  // (branch-free: a blend)

struct TissueFields {
  std::vector<float> conductance;  // G = D K
  std::vector<float> capacity;     // K
};

GridShape gridFromDomain(const scene::Domain& domain);

// Fields from the layer each cell centre lies in, raised towards the open-channel
// values (D = channel diffusivity, K = 1: the channel is filled with vehicle) by
// the per-cell channel openness in [0, 1] (empty: no channels).
TissueFields tissueFields(const GridShape& shape, const scene::Tissue& tissue,
                          double channelDiffusivity_um2_s, const std::vector<float>& openness = {});

// Largest explicit step that keeps every update a convex combination (so the
// solution stays positive and bounded): dt = min_i K_i / Σ_faces(G_face / h²),
// including the half-cell faces of a held surface and a sink.
double explicitStableDt(const GridShape& shape, const BoundaryConditions& bc, const TissueFields& fields);

// Concentration C = K u, and totals over the grid.
std::vector<float> concentrationFromActivity(const std::vector<float>& activity, const TissueFields& fields);
double totalMass(const GridShape& shape, const std::vector<float>& concentration);  // C·µm³
// Laterally averaged concentration per depth cell, top down.
std::vector<double> depthProfile(const GridShape& shape, const std::vector<float>& concentration);

}  // namespace ns::sim
