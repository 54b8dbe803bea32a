#include "runtime/simulation.h"

#include <algorithm>
#include <utility>

#include "pen/cartridge.h"
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

void recordStepGpu(Simulation& s, VkCommandBuffer cmd, double interval) {
  vk::Context& ctx = *s.ctx;
  sim::addChannels(&ctx, cmd, s.solver, s.pendingStamps);
  if (s.solver.channelsPresent || s.healing.depositsPending || s.healing.punctures > 0)
    sim::recordHealingStep(ctx, cmd, s.healingGpu, s.healing, s.solver.channels, s.solver.gpu, interval);
  if (interval > 0) sim::advanceSolver(&ctx, cmd, s.solver, interval);
}

void stepTwin(Simulation& s, double interval) {
  sim::addChannels(nullptr, VK_NULL_HANDLE, s.solver, s.pendingStamps);
  sim::advanceSurfaceCpu(s.healing, interval);
  if (s.solver.channelsPresent && interval > 0)
    sim::closeChannelsCpu(s.solver, sim::opennessDecay(s.healing.params, interval));
  if (interval > 0) sim::advanceSolver(nullptr, VK_NULL_HANDLE, s.solver, interval);
  sim::refreshDisplayField(*s.ctx, s.solver);
  if (s.healing.punctures > 0) sim::uploadHealingSurface(*s.ctx, s.healingGpu, s.healing);  // (the touched rows)
}

// The latest time the solution was disturbed: the serum applied or removed, or a puncture.
double lastChange_s(const Simulation& s, double now) {
  double last = std::max(0.0, s.lastPuncture_s);
  for (double change : scene::serumChanges_s(s.solver.serum))
    if (change <= now) last = std::max(last, change);
  return last;
}

}  // namespace

void createSimulation(vk::Context& ctx, VkPipelineCache cache, const scene::Scene& scene,
                      const scene::SkinSurface& skin, const Options& options, Simulation& s, glm::ivec2 atlas) {
  s.ctx = &ctx;
  sim::SolverSettings settings;
  settings.scheme = schemeFromScene(scene.solver.scheme);
  settings.maxExplicitSubsteps = scene.solver.max_explicit_substeps;
  settings.lodStepFactor = scene.solver.lod_step_factor;
  // Every interval (a live frame or a batch chunk) does at most a few implicit
  // steps; batch chunks grow with the time since the last change instead.
  settings.maxLodSubsteps = kMaxLodSubstepsPerInterval;
  sim::Backend backend = options.simBackend == "cpu" ? sim::Backend::Cpu : sim::Backend::Gpu;
  // The GPU fields exist for both backends: with the twin they only carry the
  // state to the renderer.
  sim::createDiffusionSolver(&ctx, cache, scene, backend, settings, s.solver);
  s.healing = atlas.x > 0 && atlas.y > 0 ? sim::createAtlasHealing(scene, atlas.x, atlas.y)
                                          : sim::createHealing(scene, s.solver.shape);
  // The pretreated channels were needled a moment before: they heal from t = 0, on
  // the block's columns, or on an atlas where the block sits from the start (the
  // patch, whose block frame is the scene's: the skin right above each channel). On
  // a mesh's atlas they have no place: the block has none until the pen touches.
  if (!s.healing.atlas || scene::blockPlacedAtStart(skin))
    for (const glm::dvec3& entry : sim::pretreatmentEntries(scene)) {
      scene::SurfaceHit hit;
      scene::skinUnderPen(skin, entry, {0.0, 0.0, -1.0}, hit);
      sim::HealingPuncture channel{0.0, entry, scene.pretreatment.depth_um, scene.pretreatment.diameter_um, false};
      sim::depositPunctureOnSurface(s.healing, channel, hit.uv, scene::uvScale_mm(hit));
    }
  s.healing.overTreatedDensity_per_mm2 = pen::overTreatmentDensity_per_mm2(scene.pen);  // as technique judges it
  s.healingGpu = sim::createHealingGpu(ctx, cache, s.healing, s.solver.channels, s.solver.gpu);
  s.timeScale = options.timeScale.value_or(scene.time.scale);
  s.chunk_s = scene.solver.batch_chunk_s;
}

void destroySimulation(Simulation& s) {
  if (!s.ctx) return;
  sim::destroyHealingGpu(*s.ctx, s.healingGpu);
  sim::destroyDiffusionSolver(s.ctx, s.solver);
  s.ctx = nullptr;
}

void addPunctures(Simulation& s, const std::vector<pen::Puncture>& punctures, const std::vector<pen::Puncture>& inBlock) {
  const sim::GridShape& shape = s.solver.shape;
  double halfX = shape.nx * shape.hx_um / 2000.0, halfY = shape.ny * shape.hy_um / 2000.0;
  for (size_t i = 0; i < punctures.size(); ++i) {
    const pen::Puncture& p = punctures[i];
    // Healing times are simulated times: the puncture happens "now" in the tissue.
    sim::depositPunctureOnSurface(s.healing, {simulatedTime(s), p.entry_mm, p.depth_um, p.width_um, p.torn}, p.uv,
                                  p.uvScale_mm);
    s.lastPuncture_s = simulatedTime(s);
    const pen::Puncture& local = inBlock[i];
    if (std::fabs(local.entry_mm.x) > halfX + 0.5 || std::fabs(local.entry_mm.y) > halfY + 0.5) continue;  // off the block
    s.pendingStamps.push_back(
        sim::channelStamp(shape, local.entry_mm, local.axis, local.length_um, local.width_um, local.drag_mm));
  }
}

void stepSimulation(Simulation& s, double interval, VkCommandBuffer cmd) {
  interval += std::exchange(s.deferred_s, 0.0);
  if (s.solver.backend == sim::Backend::Cpu)
    stepTwin(s, interval);
  else if (cmd != VK_NULL_HANDLE)
    recordStepGpu(s, cmd, interval);
  else
    vk::submitAndWait(*s.ctx, [&](VkCommandBuffer own) { recordStepGpu(s, own, interval); });
  s.pendingStamps.clear();
}

double frameInterval(const Simulation& s, double wallSeconds, double stopAt_s) {
  if (s.paused) return 0.0;
  double interval = std::clamp(wallSeconds, 0.0, 0.1) * s.timeScale;  // a stall is not a time jump
  if (stopAt_s >= 0) interval = std::min(interval, std::max(0.0, stopAt_s - simulatedTime(s)));
  return interval;
}

void deferStep(Simulation& s, double interval) {
  if (s.deferred_s > 0 && s.deferred_s + interval > s.solver.stableDtHeld_s) flushDeferred(s);
  s.deferred_s += interval;
  if (s.pendingStamps.size() >= sim::kMaxStampsPerRecord / 2) flushDeferred(s);
}

void flushDeferred(Simulation& s) {
  if (s.deferred_s <= 0 && s.pendingStamps.empty()) return;
  double interval = s.deferred_s;
  s.deferred_s = 0;
  stepSimulation(s, interval);
}

double simulatedTime(const Simulation& s) { return s.solver.time_s + s.deferred_s; }

void runBatch(Simulation& s, double until_s, const volatile std::sig_atomic_t& stop) {
  flushDeferred(s);
  while (s.solver.time_s < until_s && !stop) {
    // After a change the solution moves fast, then ever slower: chunks of 10 % of
    // the time since the change keep the implicit steps accurate and take six
    // weeks in a few hundred chunks.
    double now = s.solver.time_s;
    double chunk = std::max(s.chunk_s, kBatchChunkGrowth * (now - lastChange_s(s, now)));
    for (double change : scene::serumChanges_s(s.solver.serum))
      if (change > now) chunk = std::min(chunk, std::max(s.chunk_s, change - now));
    stepSimulation(s, std::min(chunk, until_s - now));
    if (until_s - s.solver.time_s < 1e-9 * std::max(1.0, until_s)) s.solver.time_s = until_s;
  }
  sim::refreshDisplayField(*s.ctx, s.solver);
}

void updateSummary(Simulation& s) {
  flushDeferred(s);
  sim::syncActivity(s.ctx, s.solver);
  if (s.solver.backend == sim::Backend::Gpu) sim::readHealingSurface(*s.ctx, s.healingGpu, s.healing);
  std::vector<float> concentration = sim::solverConcentration(s.solver);
  s.profile = sim::depthProfile(s.solver.shape, concentration);
  s.totalMass = sim::totalMass(s.solver.shape, concentration);
  // Summing every puncture's closure is cheap once, wasteful every frame.
  s.healingSummary = sim::summarizeHealing(s.healing, s.solver.time_s);
  s.summaryTime_s = s.solver.time_s;
  s.summaryWall = std::chrono::steady_clock::now();
}

sim::FieldView publishedField(const Simulation& s) {
  return sim::publishedField(s.solver.gpu, s.healingGpu, s.healing);
}

nlohmann::json serumReport(const scene::Serum& serum) {
  nlohmann::json out = {{"name", serum.name},
                        {"molecular_weight_da", nullptr},
                        {"applied_at_s", serum.applied_at_s},
                        {"removed_at_s", serum.applied_at_s + serum.removed_after_s},
                        {"collagen_factor", serum.collagen_factor}};
  if (serum.molecular_weight_da > 0) out["molecular_weight_da"] = serum.molecular_weight_da;  // null: not given inline
  if (!serum.ref.empty()) out["ref"] = serum.ref;
  return out;
}

void changeSerum(Simulation& s, const scene::Serum& serum) {
  flushDeferred(s);
  sim::setSerum(s.ctx, s.solver, serum);
  s.healing.serum = serum;
  s.lastPuncture_s = std::max(s.lastPuncture_s, serum.applied_at_s);  // batch chunks start small again
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
          {"serum", serumReport(v.serum)},
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
