#include "sim/intact_history.h"

#include <algorithm>

namespace ns::sim {

double lastChange_s(const DiffusionSolver& solver, double lastPuncture_s, double now) {
  double last = std::max(0.0, lastPuncture_s);
  for (double change : scene::serumChanges_s(solver.serum))
    if (change <= now) last = std::max(last, change);
  return last;
}

double nextChunk_s(const DiffusionSolver& solver, double lastPuncture_s, double minChunk_s, double now, double until_s) {
  double chunk = std::max(minChunk_s, kBatchChunkGrowth * (now - lastChange_s(solver, lastPuncture_s, now)));
  for (double change : scene::serumChanges_s(solver.serum))
    if (change > now) chunk = std::min(chunk, std::max(minChunk_s, change - now));
  return std::min(chunk, until_s - now);
}

std::vector<float> intactActivity(const DiffusionSolver& block, double until_s, double minChunk_s) {
  // The column's scene: the block's layers and serum, one cell of the block's width
  // (the same spacings), its depth and bottom.
  scene::Scene scene;
  scene.tissue = block.baseTissue;
  scene.serum = block.serum;
  scene.pretreatment.enabled = false;
  scene.domain.width_mm = block.shape.hx_um / 1000.0;
  scene.domain.depth_mm = block.shape.nz * block.shape.hz_um / 1000.0;
  scene.domain.cells = {1, 1, block.shape.nz};
  scene.domain.bottom = block.bottomSink ? scene::BottomBoundary::Sink : scene::BottomBoundary::NoFlux;
  SolverSettings settings = block.settings;
  settings.maxLodSubsteps = 0;  // accuracy first: a column's implicit step costs nothing
  settings.threads = 1;
  DiffusionSolver column;
  createDiffusionSolver(nullptr, VK_NULL_HANDLE, scene, Backend::Cpu, settings, column);
  // The block's explicit limit (its lateral faces count there): the same plan, step
  // for step, as the block itself would have made.
  column.stableDtHeld_s = block.stableDtHeld_s;
  column.stableDtDry_s = block.stableDtDry_s;
  while (until_s - column.time_s > 1e-9 * std::max(1.0, until_s))
    advanceSolver(nullptr, VK_NULL_HANDLE, column, nextChunk_s(column, -1.0, minChunk_s, column.time_s, until_s));
  const GridShape& shape = block.shape;
  std::vector<float> activity(shape.cellCount());
  size_t perDepth = size_t(shape.nx) * shape.ny;
  for (int z = 0; z < shape.nz; ++z)
    std::fill_n(activity.begin() + ptrdiff_t(z * perDepth), perDepth, column.activity[size_t(z)]);
  destroyDiffusionSolver(nullptr, column);
  return activity;
}

}  // namespace ns::sim
