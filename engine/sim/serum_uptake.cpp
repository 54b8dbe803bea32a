#include "sim/serum_uptake.h"

#include <algorithm>
#include <cmath>

#include "sim/diffusion_solver.h"

namespace ns::sim {
namespace {

constexpr int kLateralCells = 16;    // ~31 µm across a 0.5 mm square: a 100 µm channel spans 3
constexpr double kDepthCell_um = 1.5;  // the stratum corneum in ~11 cells
constexpr int kSteps = 120;          // implicit steps over the interval

double uptake(scene::Scene scene, bool needled, double seconds) {
  const double width_mm = scene.pretreatment.spacing_mm;
  double depth_um = std::clamp(scene.pretreatment.depth_um + 150.0, 300.0, 1000.0);
  scene.domain.width_mm = width_mm;
  scene.domain.depth_mm = depth_um / 1000.0;
  scene.domain.cells = {kLateralCells, kLateralCells, int(std::ceil(depth_um / kDepthCell_um))};
  scene.domain.bottom = scene::BottomBoundary::NoFlux;
  scene.pretreatment.enabled = needled;
  scene.serum.applied_at_s = 0;
  scene.serum.removed_after_s = std::max(scene.serum.removed_after_s, seconds * 2);
  SolverSettings settings;
  settings.scheme = Scheme::Lod;
  settings.lodStepFactor = 1e12;  // one implicit step per call
  settings.maxLodSubsteps = 1;
  DiffusionSolver solver;
  createDiffusionSolver(nullptr, VK_NULL_HANDLE, scene, Backend::Cpu, settings, solver);
  for (int i = 0; i < kSteps; ++i) advanceSolver(nullptr, VK_NULL_HANDLE, solver, seconds / kSteps);
  double mass = totalMass(solver.shape, solverConcentration(solver));  // C·µm³
  double area_um2 = width_mm * width_mm * 1e6;
  destroyDiffusionSolver(nullptr, solver);
  return mass / area_um2 / scene.serum.surface_concentration;
}

}  // namespace

SerumUptake serumUptake(const scene::Scene& scene, double seconds) {
  return {uptake(scene, true, seconds), uptake(scene, false, seconds)};
}

}  // namespace ns::sim
