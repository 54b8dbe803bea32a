#include "runtime/simulation.h"

#include <algorithm>

#include "sim/channel_stamp.h"
#include "vk/commands.h"

namespace ns::runtime {
namespace {

constexpr int kMaxLodSubstepsPerInterval = 4;
constexpr double kBatchChunkGrowth = 0.1;  // a batch chunk ≤ 10 % of the time since the last change

sim::Scheme schemeFromScene(const std::string& name) {
  if (name == "explicit") return sim::Scheme::Explicit;
  if (name == "lod") return sim::Scheme::Lod;
  return sim::Scheme::Auto;
}

}  // namespace

bool createSimulation(vk::Context& ctx, VkPipelineCache cache, const scene::Scene& scene, const Options& options,
                      Simulation& s, std::string& error, glm::ivec2 atlas) {
  (void)error;
  sim::SolverSettings settings;
  settings.scheme = schemeFromScene(scene.solver.scheme);
  settings.maxExplicitSubsteps = scene.solver.max_explicit_substeps;
  settings.lodStepFactor = scene.solver.lod_step_factor;
  // Every interval (a live frame or a batch chunk) does at most a few implicit
  // steps; batch chunks grow with the time since the last change instead.
  settings.maxLodSubsteps = kMaxLodSubstepsPerInterval;
  sim::Backend backend = options.simBackend == "cpu" ? sim::Backend::Cpu : sim::Backend::Gpu;
  // The GPU fields exist for both backends: with the CPU backend they only carry
  // the state to the renderer.
  sim::createDiffusionSolver(&ctx, cache, scene, backend, settings, s.solver);
  if (atlas.x > 0 && atlas.y > 0) {
    s.healing = sim::createAtlasHealing(scene, atlas.x, atlas.y);  // pretreated channels have no place on it
  } else {
    s.healing = sim::createHealing(scene, s.solver.shape);
    for (const glm::dvec3& entry : sim::pretreatmentEntries(scene))  // needled a moment before: heals from t = 0
      sim::depositPuncture(s.healing, {0.0, entry, scene.pretreatment.depth_um, scene.pretreatment.diameter_um, false});
  }
  s.healingGpu = sim::createHealingGpu(ctx, cache, s.healing, s.solver.channels, s.solver.gpu);
  s.timeScale = options.timeScale.value_or(scene.time.scale);
  s.chunk_s = scene.solver.batch_chunk_s;
  return true;
}

void destroySimulation(vk::Context& ctx, Simulation& s) {
  sim::destroyHealingGpu(ctx, s.healingGpu);
  sim::destroyDiffusionSolver(&ctx, s.solver);
}

void addPunctures(Simulation& s, const std::vector<pen::Puncture>& punctures, const std::vector<pen::Puncture>* local) {
  const sim::GridShape& shape = s.solver.shape;
  double halfX = shape.nx * shape.hx_um / 2000.0, halfY = shape.ny * shape.hy_um / 2000.0;
  for (size_t i = 0; i < punctures.size(); ++i) {
    const pen::Puncture& p = punctures[i];
    // Healing times are simulated times: the puncture happens "now" in the tissue.
    sim::HealingPuncture healing{s.solver.time_s, p.entry_mm, p.depth_um, p.width_um, p.torn};
    if (!s.healing.atlas) {
      sim::depositPuncture(s.healing, healing);
    } else if (p.uvScale_mm.x > 0 && p.uvScale_mm.y > 0) {  // (none on a seam or a degenerate chart)
      glm::dvec2 texels(s.healing.shape.nx, s.healing.shape.ny);
      sim::depositPunctureAt(s.healing, healing, p.uv * texels, p.uvScale_mm * 1000.0 / texels);
    }
    const pen::Puncture& inBlock = local ? (*local)[i] : p;
    if (std::fabs(inBlock.entry_mm.x) > halfX + 0.5 || std::fabs(inBlock.entry_mm.y) > halfY + 0.5) continue;  // off the block
    s.pendingStamps.push_back(
        sim::channelStamp(shape, inBlock.entry_mm, inBlock.axis, inBlock.length_um, inBlock.width_um, inBlock.drag_mm));
  }
}

void recordSimulationFrame(vk::Context& ctx, VkCommandBuffer cmd, Simulation& s, double interval) {
  sim::addChannels(&ctx, cmd, s.solver, s.pendingStamps);
  s.pendingStamps.clear();
  if (s.solver.channelsPresent || s.healing.depositsPending || s.healing.punctures > 0)
    sim::recordHealingStep(ctx, cmd, s.healingGpu, s.healing, s.solver.channels, s.solver.gpu, interval);
  if (interval > 0) sim::advanceSolver(&ctx, cmd, s.solver, interval);
}

void runSimulationFrameCpu(vk::Context& ctx, Simulation& s, double interval) {
  sim::addChannels(nullptr, VK_NULL_HANDLE, s.solver, s.pendingStamps);
  s.pendingStamps.clear();
  sim::advanceSurfaceCpu(s.healing, interval);
  if (s.solver.channelsPresent && interval > 0)
    sim::closeChannelsCpu(s.solver, sim::opennessDecay(s.healing.params, interval));
  if (interval > 0) sim::advanceSolver(nullptr, VK_NULL_HANDLE, s.solver, interval);
  sim::refreshDisplayField(ctx, s.solver);
  if (s.healing.punctures > 0) sim::uploadHealingSurface(ctx, s.healingGpu, s.healing);  // (the touched rows)
}

double frameInterval(const Simulation& s, double wallSeconds, double stopAt_s) {
  if (s.paused) return 0.0;
  double interval = std::clamp(wallSeconds, 0.0, 0.1) * s.timeScale;  // a stall is not a time jump
  if (stopAt_s >= 0) interval = std::min(interval, std::max(0.0, stopAt_s - s.solver.time_s));
  return interval;
}

void runBatch(vk::Context& ctx, Simulation& s, double until_s, const volatile int& stop) {
  const scene::Serum& serum = s.solver.serum;
  while (s.solver.time_s < until_s && !stop) {
    // After a change (serum applied or removed) the solution moves fast, then ever
    // slower: chunks of 10 % of the time since the change keep the implicit steps
    // accurate and take six weeks in a few hundred chunks.
    double now = s.solver.time_s, lastChange = 0;
    for (double change : {serum.applied_at_s, serum.applied_at_s + serum.removed_after_s})
      if (change <= now) lastChange = std::max(lastChange, change);
    double chunk = std::max(s.chunk_s, kBatchChunkGrowth * (now - lastChange));
    for (double change : {serum.applied_at_s, serum.applied_at_s + serum.removed_after_s})
      if (change > now) chunk = std::min(chunk, std::max(s.chunk_s, change - now));
    double interval = std::min(chunk, until_s - now);
    if (s.solver.backend == sim::Backend::Gpu)
      vk::submitAndWait(ctx, [&](VkCommandBuffer cmd) { recordSimulationFrame(ctx, cmd, s, interval); });
    else
      runSimulationFrameCpu(ctx, s, interval);
    if (until_s - s.solver.time_s < 1e-9 * std::max(1.0, until_s)) s.solver.time_s = until_s;
  }
  sim::refreshDisplayField(ctx, s.solver);
}

void updateSummary(vk::Context& ctx, Simulation& s) {
  sim::syncActivity(&ctx, s.solver);
  if (s.solver.backend == sim::Backend::Gpu) sim::readHealingSurface(ctx, s.healingGpu, s.healing);
  std::vector<float> concentration = sim::solverConcentration(s.solver);
  s.profile = sim::depthProfile(s.solver.shape, concentration);
  s.totalMass = sim::totalMass(s.solver.shape, concentration);
  // Summing every puncture's closure is cheap once, wasteful every frame.
  s.healingSummary = sim::summarizeHealing(s.healing, s.solver.time_s);
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

nlohmann::json healingReport(const Simulation& s) {
  sim::HealingSummary h = sim::summarizeHealing(s.healing, s.solver.time_s);
  nlohmann::json flags = nlohmann::json::array();
  if (h.overTreatedFraction > 0) flags.push_back("over_treatment");
  if (h.torn > 0) flags.push_back("tears");
  const sim::HealingState& state = s.healing;
  const sim::ColumnRect& touched = state.touched;
  nlohmann::json surface = {{"on", state.atlas ? "uv_atlas" : "block"},
                            {"columns", {state.shape.nx, state.shape.ny}},
                            {"touched_columns", touched.empty() ? 0 : (touched.x1 - touched.x0) * (touched.y1 - touched.y0)}};
  return {{"surface", surface},
          {"open_fraction", h.openFraction},
          {"closure_half_life_s", sim::closureHalfLife_s(s.healing.params)},
          {"erythema_mean", h.erythemaMean},
          {"bleeding_points", h.bleedingPoints},
          {"bleeding_now", h.bleedingNow},
          {"bleeding_coverage", h.bleedingCoverage},
          {"collagen_index", h.collagenIndex},
          {"over_treated_fraction", h.overTreatedFraction},
          {"torn_punctures", h.torn},
          {"flags", flags}};
}

}  // namespace ns::runtime
