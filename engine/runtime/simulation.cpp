#include "runtime/simulation.h"

#include <algorithm>
#include <utility>

#include "pen/cartridge.h"
#include "scene/region_tissue.h"
#include "sim/channel_stamp.h"
#include "sim/intact_history.h"
#include "vk/commands.h"

namespace ns::runtime {
namespace {

constexpr int kMaxLodSubstepsPerInterval = 4;
constexpr double kDormantDebt = 0.1;       // a dormant block catches up once it owes 10 % of that time
// Channels close with a half-life of tens of minutes, so closing them every 1/60 s frame
// (a pass over every cell and the tissue rebuild: on lavapipe more than the diffusion
// step itself) buys nothing. The closure waits until it owes 1 % of a half-life (the
// openness then lags by at most 0.7 %), or until new channels, a readback or a
// snapshot need it settled. Batch chunks and time-lapse frames owe more than that
// at once and close every interval, as before.
constexpr double kClosureLag = 0.01;
// The healing surface (redness over the skin's atlas) likewise: its kinetics are linear
// and stepped exactly over any interval, so one step over the time owed equals the
// frames' many, and redness rises over minutes (erythema_onset_s). It steps when it owes
// 1 % of that, when punctures left deposits, and before every readback and snapshot.
// Bleeding needs no step (the renderer compares its end time with the clock).
constexpr double kSurfaceLag = 0.01;

sim::Scheme schemeFromScene(const std::string& name) {
  if (name == "explicit") return sim::Scheme::Explicit;
  if (name == "lod") return sim::Scheme::Lod;
  return sim::Scheme::Auto;
}

// The block's scene: the run's, with the region's layers, no pretreatment (the face
// starts untreated) and the serum on the skin now.
scene::Scene blockScene(const Simulation& s, const std::string& region, std::string& layersFrom) {
  scene::Scene scene = *s.scene;
  scene.tissue = scene::regionTissue(region, s.scene->tissue, &layersFrom);
  scene.tissue.region = region;
  scene.pretreatment.enabled = false;
  scene.serum = mainSolver(s).serum;
  return scene;
}

// A block placed at `until` was intact skin until then: its history is one column's
// (sim::intactActivity), put on its device fields in one upload.
void fastForwardIntact(Simulation& s, TissueBlock& b, double until) {
  b.solver.activity = sim::intactActivity(b.solver, until, s.chunk_s);
  if (b.solver.backend == sim::Backend::Gpu)
    sim::uploadActivity(*s.ctx, b.solver.gpu, b.solver.activity);
  else
    b.solver.displayStale = true;
  b.solver.time_s = until;
}

// Closes the block's channels over the time they owe (GPU: recorded into `cmd`).
void settleClosure(Simulation& s, TissueBlock& b, VkCommandBuffer cmd) {
  double owed = std::exchange(b.closureOwed_s, 0.0);
  if (owed <= 0 || !b.solver.channelsPresent) return;
  if (b.solver.backend == sim::Backend::Gpu)
    sim::recordChannelClosure(*s.ctx, cmd, s.healingGpu, b.closure, s.healing, b.solver.channels, b.solver.gpu, owed);
  else
    sim::closeChannelsCpu(b.solver, sim::opennessDecay(s.healing.params, owed));
}

// A block up to `until`: its new channels, their closure over each interval, the
// diffusion. A block that owes no more than this step's `interval` takes it whole (as
// one block always did); one catching up goes in chunks. GPU: recorded into `cmd`;
// CPU: computed now.
void stepBlock(Simulation& s, TissueBlock& b, double until, double interval, VkCommandBuffer cmd) {
  bool gpu = b.solver.backend == sim::Backend::Gpu;
  if (b.solver.time_s < b.intactUntil_s) fastForwardIntact(s, b, b.intactUntil_s);
  b.intactUntil_s = -1;
  if (!b.pendingStamps.empty()) settleClosure(s, b, cmd);  // the old channels close before new ones open
  sim::addChannels(gpu ? s.ctx : nullptr, cmd, b.solver, b.pendingStamps);
  b.pendingStamps.clear();
  while (until - b.solver.time_s > 1e-9 * std::max(1.0, until)) {
    double owed = until - b.solver.time_s;
    double dt = owed <= interval * (1 + 1e-9) ? owed : sim::nextChunk_s(b.solver, b.lastPuncture_s, s.chunk_s, b.solver.time_s, until);
    if (b.solver.channelsPresent) {
      b.closureOwed_s += dt;
      if (b.closureOwed_s >= kClosureLag * sim::closureHalfLife_s(s.healing.params)) settleClosure(s, b, cmd);
    }
    sim::advanceSolver(gpu ? s.ctx : nullptr, cmd, b.solver, dt);
  }
  b.solver.time_s = std::max(b.solver.time_s, until);
  b.summaryStale = true;
}

// Which blocks a step advances to the clock: the shown one and those with new channels
// always; with `everyBlock` all placed ones.
std::vector<size_t> blocksToStep(Simulation& s, bool everyBlock) {
  std::vector<size_t> out;
  for (size_t i = 0; i < s.blocks.size(); ++i) {
    const TissueBlock& b = s.blocks[i];
    if (b.placed && (everyBlock || i == s.shown || !b.pendingStamps.empty())) out.push_back(i);
  }
  return out;
}

// The dormant block that steps this frame (SIZE_MAX: none): the next (round robin)
// whose debt is due — 10 % of the time since its last change.
size_t dormantToStep(Simulation& s, const std::vector<size_t>& stepped) {
  for (size_t k = 0; k < s.blocks.size(); ++k) {
    size_t i = (s.nextCatchUp + k) % s.blocks.size();
    const TissueBlock& b = s.blocks[i];
    if (!b.placed || std::find(stepped.begin(), stepped.end(), i) != stepped.end()) continue;
    double owed = s.time_s - b.solver.time_s;
    if (owed >= std::max(s.chunk_s, kDormantDebt * (s.time_s - sim::lastChange_s(b.solver, b.lastPuncture_s, s.time_s)))) {
      s.nextCatchUp = i + 1;
      return i;
    }
  }
  return SIZE_MAX;
}

// A dormant block pays its debt in one long implicit step (backward Euler is stable
// and positive at any step; a block nobody looks at needs no finer one — the report
// and a snapshot catch every block up in the batch's chunks first), so a frame costs
// at most one block's single implicit step more than one block's.
void stepDormant(Simulation& s, TissueBlock& b, VkCommandBuffer cmd) {
  double owed = s.time_s - b.solver.time_s;
  int cap = std::exchange(b.solver.settings.maxLodSubsteps, 1);
  stepBlock(s, b, s.time_s, owed, cmd);
  b.solver.settings.maxLodSubsteps = cap;
}

// Runs `record` now: the twin computes with no command buffer; on the GPU it records
// into one submission, waited for.
template <class Record>
void runNow(Simulation& s, Record record) {
  if (s.backend == sim::Backend::Cpu)
    record(VK_NULL_HANDLE);
  else
    vk::submitAndWait(*s.ctx, record);
}

// Steps the healing surface over the time it owes and takes the deposits waiting
// (GPU: recorded into `cmd`; the twin: computed now and shown).
void settleSurface(Simulation& s, VkCommandBuffer cmd) {
  double owed = std::exchange(s.surfaceOwed_s, 0.0);
  if (owed <= 0 && !s.healing.depositsPending) return;
  if (s.backend == sim::Backend::Gpu) {
    sim::ChannelGpu none;  // (channels close per block)
    sim::recordHealingStep(*s.ctx, cmd, s.healingGpu, s.healing, none, s.blocks[0].solver.gpu, owed);
    return;
  }
  sim::advanceSurfaceCpu(s.healing, owed);
  sim::uploadHealingSurface(*s.ctx, s.healingGpu, s.healing);  // (the touched rows)
}

// The surface's share of a step of `interval`: owed, settled when due.
void stepSurface(Simulation& s, double interval, VkCommandBuffer cmd) {
  if (!s.healing.depositsPending && s.healing.punctures == 0) return;  // untouched skin: nothing to step
  s.surfaceOwed_s += interval;
  if (s.healing.depositsPending || s.surfaceOwed_s >= kSurfaceLag * s.healing.params.erythema_onset_s)
    settleSurface(s, cmd);
}

void recordStepGpu(Simulation& s, VkCommandBuffer cmd, double interval, const std::vector<size_t>& step, size_t dormant) {
  stepSurface(s, interval, cmd);
  for (size_t i : step) stepBlock(s, s.blocks[i], s.time_s, interval, cmd);
  if (dormant != SIZE_MAX) stepDormant(s, s.blocks[dormant], cmd);
}

void stepTwin(Simulation& s, double interval, const std::vector<size_t>& step, size_t dormant) {
  stepSurface(s, interval, VK_NULL_HANDLE);
  for (size_t i : step) stepBlock(s, s.blocks[i], s.time_s, interval, VK_NULL_HANDLE);
  if (dormant != SIZE_MAX) stepDormant(s, s.blocks[dormant], VK_NULL_HANDLE);
  TissueBlock& shown = s.blocks[s.shown];
  if (shown.placed || s.shown == 0) sim::refreshDisplayField(*s.ctx, shown.solver);
}

// The skin frame under the strike that made `first` (the mean entry and normal of that
// strike's punctures in its region): a block placed there has the cartridge centred.
scene::SurfaceFrame strikeCentreFrame(const Simulation& s, const std::vector<pen::Puncture>& punctures,
                                      const pen::Puncture& first) {
  glm::dvec3 centre(0.0), normal(0.0);
  int n = 0;
  for (const pen::Puncture& q : punctures)
    if (q.t_s == first.t_s && q.region == first.region) centre += q.entry_mm, normal += q.normal, ++n;
  scene::SurfaceHit at;
  at.point = centre / double(std::max(1, n));
  at.normal = glm::length(normal) > 1e-9 ? glm::normalize(normal) : first.normal;
  return scene::treatmentFrame(*s.skin, at);
}

void stepPlain(Simulation& s, double interval, bool everyBlock) {
  s.time_s += interval;
  std::vector<size_t> step = blocksToStep(s, everyBlock);
  size_t dormant = everyBlock ? SIZE_MAX : dormantToStep(s, step);
  if (s.backend == sim::Backend::Cpu)
    stepTwin(s, interval, step, dormant);
  else
    vk::submitAndWait(*s.ctx, [&](VkCommandBuffer own) { recordStepGpu(s, own, interval, step, dormant); });
}

// A course's sessions due within the next `interval`: the run is stepped to each
// one's time (its own submission), the session deposited there, so its redness and
// swelling start on the day; returns the interval left. Sessions are weeks apart, so
// this happens a few times in a run, never per frame.
double giveDueSessions(Simulation& s, double interval, bool everyBlock) {
  for (double due = sim::nextSessionDue_s(s.healing); due >= 0 && due <= s.time_s + interval;
       due = sim::nextSessionDue_s(s.healing)) {
    double before = std::clamp(due - s.time_s, 0.0, interval);
    if (before > 0) stepPlain(s, before, everyBlock);
    interval -= before;
    sim::giveNextSession(s.healing);
  }
  return interval;
}

void stepNow(Simulation& s, double interval, bool everyBlock) {
  interval = giveDueSessions(s, interval, everyBlock);
  stepPlain(s, interval, everyBlock);
}

}  // namespace

size_t blockFor(Simulation& s, const std::string& region) {
  for (size_t i = 0; i < s.blocks.size(); ++i)
    if (s.blocks[i].region == region) return i;
  if (s.blocks.size() >= kMaxTissueBlocks) return 0;  // (a map with more regions: the scene's block)
  TissueBlock b;
  b.region = region;
  scene::Scene scene = blockScene(s, region, b.layersFrom);
  sim::createDiffusionSolver(s.ctx, s.cache, scene, s.backend, s.settings, b.solver);
  if (s.ctx) b.closure = sim::createClosureSet(*s.ctx, s.healingGpu, b.solver.channels);
  s.blocks.push_back(std::move(b));
  return s.blocks.size() - 1;
}

void destroyBlock(Simulation& s, TissueBlock& b) {
  if (s.ctx) sim::destroyClosureSet(*s.ctx, b.closure);
  sim::destroyDiffusionSolver(s.ctx, b.solver);
}

void createSimulation(vk::Context& ctx, VkPipelineCache cache, const scene::Scene& scene,
                      const scene::SkinSurface& skin, const Options& options, Simulation& s, glm::ivec2 atlas) {
  s.ctx = &ctx;
  s.cache = cache;
  s.scene = &scene;
  s.skin = &skin;
  s.settings.scheme = schemeFromScene(scene.solver.scheme);
  s.settings.maxExplicitSubsteps = scene.solver.max_explicit_substeps;
  s.settings.lodStepFactor = scene.solver.lod_step_factor;
  // Every interval (a live frame or a batch chunk) does at most a few implicit
  // steps; batch chunks grow with the time since the last change instead.
  s.settings.maxLodSubsteps = kMaxLodSubstepsPerInterval;
  s.backend = options.simBackend == "cpu" ? sim::Backend::Cpu : sim::Backend::Gpu;
  s.blocks.reserve(kMaxTissueBlocks);
  // The scene's block, with the scene's own tissue. The GPU fields exist for both
  // backends: with the twin they only carry the state to the renderer.
  TissueBlock first;
  first.region = scene.tissue.region;
  first.placed = scene::blockPlacedAtStart(skin);
  sim::createDiffusionSolver(&ctx, cache, scene, s.backend, s.settings, first.solver);
  s.blocks.push_back(std::move(first));
  sim::DiffusionSolver& solver = s.blocks[0].solver;
  s.healing = atlas.x > 0 && atlas.y > 0 ? sim::createAtlasHealing(scene, atlas.x, atlas.y)
                                          : sim::createHealing(scene, solver.shape);
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
  s.healingGpu = sim::createHealingGpu(ctx, cache, s.healing, solver.channels, solver.gpu);
  s.blocks[0].closure = sim::createClosureSet(ctx, s.healingGpu, solver.channels);
  s.timeScale = options.timeScale.value_or(scene.time.scale);
  s.chunk_s = scene.solver.batch_chunk_s;
}

void destroySimulation(Simulation& s) {
  if (!s.ctx) return;
  for (TissueBlock& b : s.blocks) destroyBlock(s, b);
  s.blocks.clear();
  sim::destroyHealingGpu(*s.ctx, s.healingGpu);
  s.ctx = nullptr;
}

void addPunctures(Simulation& s, const std::vector<pen::Puncture>& punctures, const PenSession& pen) {
  bool sceneFrame = scene::treatmentFrameIsScene(*s.skin);
  for (const pen::Puncture& p : punctures) {
    // Healing times are simulated times: the puncture happens "now" in the tissue.
    sim::depositPunctureOnSurface(s.healing, {simulatedTime(s), p.entry_mm, p.depth_um, p.width_um, p.torn}, p.uv,
                                  p.uvScale_mm);
    s.lastPuncture_s = simulatedTime(s);
    size_t index = sceneFrame ? 0 : blockFor(s, p.region.empty() ? s.scene->tissue.region : p.region);
    TissueBlock& b = s.blocks[index];
    if (!b.placed) {  // its region's first puncture: the block goes here, as intact skin until now
      // At the pen's first touch when that was this strike (the treatment frame: the
      // same frame technique uses), else centred under the strike.
      bool atFirstTouch = pen.anchored && pen.anchorRegion == b.region && glm::length(pen.anchor.origin - p.entry_mm) < 3.0;
      b.frame = atFirstTouch ? pen.anchor : strikeCentreFrame(s, punctures, p);
      b.placed = true;
      b.intactUntil_s = simulatedTime(s);  // stepped there from its column's history (fastForwardIntact)
      if (std::none_of(s.blocks.begin(), s.blocks.end(), [&](const TissueBlock& o) { return &o != &b && o.placed; }))
        s.firstNeedled = index;
    }
    b.lastPuncture_s = simulatedTime(s);
    s.shown = index;
    pen::Puncture local = sceneFrame ? p : punctureInFrame(b.frame, p);
    const sim::GridShape& shape = b.solver.shape;
    double halfX = shape.nx * shape.hx_um / 2000.0, halfY = shape.ny * shape.hy_um / 2000.0;
    if (std::fabs(local.entry_mm.x) > halfX + 0.5 || std::fabs(local.entry_mm.y) > halfY + 0.5) continue;  // off the block
    b.pendingStamps.push_back(
        sim::channelStamp(shape, local.entry_mm, local.axis, local.length_um, local.width_um, local.drag_mm));
  }
}

void showRegion(Simulation& s, const std::string& region) {
  for (size_t i = 0; i < s.blocks.size(); ++i)
    if (s.blocks[i].placed && s.blocks[i].region == region) s.shown = i;
}

input::PenSample penInShownBlock(const Simulation& s, const PenSession& pen) {
  if (scene::treatmentFrameIsScene(*s.skin)) return currentLocalPen(pen);
  input::PenSample now = currentPen(pen), local = currentLocalPen(pen);
  scene::SurfaceHit hit;
  if (glm::length(now.dir) < 1e-9 || !scene::skinUnderPen(*s.skin, now.pos_mm, now.dir, hit)) return local;
  glm::dvec3 onPlane = scene::toFrame(shownBlock(s).frame, hit.point);
  local.pos_mm = {onPlane.x, onPlane.y, local.pos_mm.z};
  return local;
}

void setSerumAppliedAt(Simulation& s, double t) {
  for (TissueBlock& b : s.blocks) b.solver.serum.applied_at_s = t;
  s.healing.serum.applied_at_s = t;
}

void stepSimulation(Simulation& s, double interval, VkCommandBuffer cmd) {
  interval += std::exchange(s.deferred_s, 0.0);
  if (s.backend == sim::Backend::Cpu || cmd == VK_NULL_HANDLE) {
    stepNow(s, interval, false);
    return;
  }
  interval = giveDueSessions(s, interval, false);
  s.time_s += interval;
  std::vector<size_t> step = blocksToStep(s, false);
  recordStepGpu(s, cmd, interval, step, dormantToStep(s, step));
}

double frameInterval(const Simulation& s, double wallSeconds, double stopAt_s) {
  if (s.paused) return 0.0;
  double interval = std::clamp(wallSeconds, 0.0, 0.1) * s.timeScale;  // a stall is not a time jump
  if (stopAt_s >= 0) interval = std::min(interval, std::max(0.0, stopAt_s - simulatedTime(s)));
  return interval;
}

void deferStep(Simulation& s, double interval) {
  double stable = mainSolver(s).stableDtHeld_s;
  size_t stamps = 0;
  for (const TissueBlock& b : s.blocks) {
    stable = std::min(stable, b.solver.stableDtHeld_s);
    stamps += b.pendingStamps.size();
  }
  if (s.deferred_s > 0 && s.deferred_s + interval > stable) flushDeferred(s);
  s.deferred_s += interval;
  if (stamps >= sim::kMaxStampsPerRecord / 2) flushDeferred(s);
}

void flushDeferred(Simulation& s) {
  bool stamps = std::any_of(s.blocks.begin(), s.blocks.end(), [](const TissueBlock& b) { return !b.pendingStamps.empty(); });
  if (s.deferred_s <= 0 && !stamps) return;
  double interval = s.deferred_s;
  s.deferred_s = 0;
  stepSimulation(s, interval);
}

double simulatedTime(const Simulation& s) { return s.time_s + s.deferred_s; }

void catchUpAll(Simulation& s) {
  flushDeferred(s);
  stepNow(s, 0.0, true);
  bool owed = s.surfaceOwed_s > 0 || s.healing.depositsPending ||
              std::any_of(s.blocks.begin(), s.blocks.end(), [](const TissueBlock& b) { return b.closureOwed_s > 0; });
  if (!owed) return;  // readers of the openness and the surface (report, snapshot) see them settled
  runNow(s, [&](VkCommandBuffer cmd) {
    settleSurface(s, cmd);
    for (TissueBlock& b : s.blocks) settleClosure(s, b, cmd);
  });
}

void runBatch(Simulation& s, double until_s, const volatile std::sig_atomic_t& stop) {
  flushDeferred(s);
  while (s.time_s < until_s && !stop) {
    // Chunks of 10 % of the time since the last change (sim::nextChunk_s); every
    // placed block steps each chunk.
    stepNow(s, sim::nextChunk_s(mainSolver(s), s.lastPuncture_s, s.chunk_s, s.time_s, until_s), true);
    if (until_s - s.time_s < 1e-9 * std::max(1.0, until_s)) s.time_s = until_s;
  }
  for (TissueBlock& b : s.blocks) sim::refreshDisplayField(*s.ctx, b.solver);
}

void updateSummary(Simulation& s, bool everyBlock, bool stepFirst) {
  if (stepFirst) flushDeferred(s);
  if (everyBlock) catchUpAll(s);
  for (size_t i = 0; i < s.blocks.size(); ++i) {
    TissueBlock& b = s.blocks[i];
    if (!(everyBlock || i == s.shown) || !(b.summaryStale || b.profile.empty())) continue;
    if (stepFirst && i == s.shown && b.solver.time_s < s.time_s) stepNow(s, 0.0, false);  // (the shown block is never left behind)
    sim::syncActivity(s.ctx, b.solver);
    std::vector<float> concentration = sim::solverConcentration(b.solver);
    b.profile = sim::depthProfile(b.solver.shape, concentration);
    b.totalMass = sim::totalMass(b.solver.shape, concentration);
    b.summaryStale = false;
  }
  s.profile = shownBlock(s).profile;
  s.totalMass = shownBlock(s).totalMass;
  if (s.surfaceOwed_s > 0 || s.healing.depositsPending)  // the summary reads the surface as of the clock
    runNow(s, [&](VkCommandBuffer cmd) { settleSurface(s, cmd); });
  if (s.backend == sim::Backend::Gpu) sim::readHealingSurface(*s.ctx, s.healingGpu, s.healing);
  // Summing every puncture's closure is cheap once, wasteful every frame.
  s.healingSummary = sim::summarizeHealing(s.healing, s.time_s);
  s.summaryTime_s = s.time_s;
  s.summaryWall = std::chrono::steady_clock::now();
}

sim::FieldView publishedField(const Simulation& s) {
  return sim::publishedField(shownBlock(s).solver.gpu, s.healingGpu, s.healing);
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
  catchUpAll(s);
  for (TissueBlock& b : s.blocks) {
    sim::setSerum(s.ctx, b.solver, serum);
    b.lastPuncture_s = std::max(b.lastPuncture_s, serum.applied_at_s);
  }
  s.healing.serum = serum;
  s.lastPuncture_s = std::max(s.lastPuncture_s, serum.applied_at_s);  // batch chunks start small again
}

namespace {

nlohmann::json profileJson(const sim::DiffusionSolver& v, const std::vector<double>& profile) {
  nlohmann::json out = nlohmann::json::array();
  for (size_t z = 0; z < profile.size(); ++z)
    out.push_back({{"depth_um", (z + 0.5) * v.shape.hz_um}, {"concentration", profile[z]}});
  return out;
}

}  // namespace

nlohmann::json simulationReport(const Simulation& s) {
  const TissueBlock& first = s.blocks[s.firstNeedled];
  const sim::DiffusionSolver& v = first.solver;
  nlohmann::json blocks = nlohmann::json::array();
  for (const TissueBlock& b : s.blocks) {
    if (!b.placed) continue;
    nlohmann::json layers = nlohmann::json::array();
    for (const scene::Layer& l : b.solver.baseTissue.layers)
      layers.push_back({{"name", l.name}, {"thickness_um", l.thickness_um}, {"diffusivity_um2_s", l.diffusivity_um2_s}});
    blocks.push_back({{"region", b.region},
                      {"anchor_mm", {b.frame.origin.x, b.frame.origin.y, b.frame.origin.z}},
                      {"layers_from", b.layersFrom.empty() ? "scene" : b.layersFrom},
                      {"layers", layers},
                      {"time_s", b.solver.time_s},
                      {"channels_stamped", b.solver.channelsStamped},
                      {"total_mass", b.totalMass},
                      {"profile", profileJson(b.solver, b.profile)}});
  }
  return {{"backend", v.backend == sim::Backend::Gpu ? "gpu" : "cpu"},
          {"scheme", sim::schemeName(v.lastScheme)},
          {"time_s", s.time_s},
          {"time_scale", s.timeScale},
          {"steps", v.steps},
          {"dt_s", v.lastDt_s},
          {"explicit_dt_s", v.stableDtHeld_s},
          {"cells", {v.shape.nx, v.shape.ny, v.shape.nz}},
          {"spacing_um", {v.shape.hx_um, v.shape.hy_um, v.shape.hz_um}},
          {"serum", serumReport(v.serum)},
          {"total_mass", first.totalMass},
          {"mass_units", "concentration*um^3"},
          {"profile", profileJson(v, first.profile)},
          {"blocks", blocks}};
}

nlohmann::json healingReport(const Simulation& s) {
  sim::HealingSummary h = sim::summarizeHealing(s.healing, s.time_s);
  nlohmann::json flags = nlohmann::json::array();
  if (h.overTreatedFraction > 0) flags.push_back("over_treatment");
  if (h.torn > 0) flags.push_back("tears");
  const sim::HealingState& state = s.healing;
  const sim::ColumnRect& touched = state.touched;
  // A scheduled course: each session given so far, its indices as of the next one.
  nlohmann::json course = nlohmann::json::array();
  for (const sim::CourseEntry& e : sim::courseSummary(state, s.time_s))
    course.push_back({{"session", e.session},
                      {"at_s", e.at_s},
                      {"measured_at_s", e.measured_at_s},
                      {"collagen_index", e.collagenIndex},
                      {"elastin_index", e.elastinIndex}});
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
          {"oedema_mean", h.oedemaMean},
          {"swelling_mm_max", h.swellingMaxMm},
          {"swelling_full_mm", s.healing.params.swelling_full_mm},
          {"elastin_index", h.elastinIndex},
          {"course", course},
          {"sessions", h.sessions},
          {"over_treated_fraction", h.overTreatedFraction},
          {"torn_punctures", h.torn},
          {"flags", flags}};
}

}  // namespace ns::runtime
