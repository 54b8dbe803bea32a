#include "runtime/simulation.h"

#include <algorithm>

#include "vk/commands.h"

namespace ns::runtime {
namespace {

constexpr int kLiveMaxLodSubsteps = 4;

sim::Scheme schemeFromScene(const std::string& name) {
  if (name == "explicit") return sim::Scheme::Explicit;
  if (name == "lod") return sim::Scheme::Lod;
  return sim::Scheme::Auto;
}

}  // namespace

bool createSimulation(vk::Context& ctx, VkPipelineCache cache, const scene::Scene& scene, const Options& options,
                      Simulation& s, std::string& error) {
  (void)error;
  sim::SolverSettings settings;
  settings.scheme = schemeFromScene(scene.solver.scheme);
  settings.maxExplicitSubsteps = scene.solver.max_explicit_substeps;
  settings.lodStepFactor = scene.solver.lod_step_factor;
  // Live runs (not the headless batch) bound the implicit work per frame.
  bool batch = options.headless && options.simSeconds && !options.frames;
  settings.maxLodSubsteps = batch ? 0 : kLiveMaxLodSubsteps;
  sim::Backend backend = options.simBackend == "cpu" ? sim::Backend::Cpu : sim::Backend::Gpu;
  // The GPU fields exist for both backends: with the CPU backend they only carry
  // the state to the renderer.
  sim::createDiffusionSolver(&ctx, cache, scene, backend, settings, s.solver);
  s.timeScale = options.timeScale.value_or(scene.time.scale);
  s.chunk_s = scene.solver.batch_chunk_s;
  return true;
}

void destroySimulation(vk::Context& ctx, Simulation& s) { sim::destroyDiffusionSolver(&ctx, s.solver); }

double frameInterval(const Simulation& s, double wallSeconds, double stopAt_s) {
  if (s.paused) return 0.0;
  double interval = std::clamp(wallSeconds, 0.0, 0.1) * s.timeScale;  // a stall is not a time jump
  if (stopAt_s >= 0) interval = std::min(interval, std::max(0.0, stopAt_s - s.solver.time_s));
  return interval;
}

void runBatch(vk::Context& ctx, Simulation& s, double until_s, const volatile int& stop) {
  while (s.solver.time_s < until_s && !stop) {
    double interval = std::min(s.chunk_s, until_s - s.solver.time_s);
    if (s.solver.backend == sim::Backend::Gpu)
      vk::submitAndWait(ctx, [&](VkCommandBuffer cmd) { sim::advanceSolver(&ctx, cmd, s.solver, interval); });
    else
      sim::advanceSolver(nullptr, VK_NULL_HANDLE, s.solver, interval);
    if (until_s - s.solver.time_s < 1e-9 * std::max(1.0, until_s)) s.solver.time_s = until_s;
  }
  sim::refreshDisplayField(ctx, s.solver);
}

void updateSummary(vk::Context& ctx, Simulation& s) {
  sim::syncActivity(&ctx, s.solver);
  std::vector<float> concentration = sim::solverConcentration(s.solver);
  s.profile = sim::depthProfile(s.solver.shape, concentration);
  s.totalMass = sim::totalMass(s.solver.shape, concentration);
  s.summaryTime_s = s.solver.time_s;
  s.summaryWall = std::chrono::steady_clock::now();
}

nlohmann::json simulationReport(const Simulation& s) {
  const sim::DiffusionSolver& v = s.solver;
  nlohmann::json profile = nlohmann::json::array();
  for (size_t z = 0; z < s.profile.size(); ++z)
    profile.push_back({{"depth_um", (z + 0.5) * v.shape.hz_um}, {"concentration", s.profile[z]}});
  return {{"backend", v.backend == sim::Backend::Gpu ? "gpu" : "cpu"},
          {"scheme", sim::schemeName(v.lastScheme)},
          {"time_s", v.time_s},
          {"time_scale", s.timeScale},
          {"steps", v.steps},
          {"dt_s", v.lastDt_s},
          {"explicit_dt_s", v.stableDtHeld_s},
          {"cells", {v.shape.nx, v.shape.ny, v.shape.nz}},
          {"spacing_um", {v.shape.hx_um, v.shape.hy_um, v.shape.hz_um}},
          {"total_mass", s.totalMass},
          {"mass_units", "concentration*um^3"},
          {"profile", profile}};
}

}  // namespace ns::runtime
