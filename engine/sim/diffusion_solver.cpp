#include "sim/diffusion_solver.h"

#include <algorithm>
#include <cmath>

#include "sim/channel_stamp.h"
#include "sim/diffusion_cpu.h"
#include "vk/commands.h"

namespace ns::sim {

const char* schemeName(Scheme scheme) {
  switch (scheme) {
    case Scheme::Explicit: return "explicit";
    case Scheme::Lod: return "lod";
    default: return "auto";
  }
}

StepPlan planInterval(double interval_s, double stableDt_s, const SolverSettings& settings) {
  StepPlan plan;
  if (interval_s <= 0) return plan;
  int explicitSteps = int(std::ceil(interval_s / stableDt_s - 1e-9));
  bool useExplicit = settings.scheme == Scheme::Explicit ||
                     (settings.scheme == Scheme::Auto && explicitSteps <= settings.maxExplicitSubsteps);
  if (useExplicit) {
    plan.scheme = Scheme::Explicit;
    plan.substeps = std::max(1, explicitSteps);
  } else {
    plan.scheme = Scheme::Lod;
    plan.substeps = std::max(1, int(std::ceil(interval_s / (settings.lodStepFactor * stableDt_s) - 1e-9)));
    if (settings.maxLodSubsteps > 0) plan.substeps = std::min(plan.substeps, settings.maxLodSubsteps);
  }
  plan.dt_s = interval_s / plan.substeps;
  return plan;
}

namespace {

// Explicit step for the worst case: every cell the stiffest layer (or, once any
// channel exists, an open channel), at the smallest capacity, so stamping more
// channels never needs a new bound.
double worstCaseStableDt(const GridShape& shape, const BoundaryConditions& bc, const scene::Tissue& tissue,
                         double channelDiffusivity, bool channels) {
  double gMax = channels ? channelDiffusivity : 0.0, kMin = channels ? 1.0 : 1e30;
  for (auto& layer : tissue.layers) {
    gMax = std::max(gMax, layer.diffusivity_um2_s * layer.partition);
    kMin = std::min(kMin, layer.partition);
  }
  TissueFields uniform{std::vector<float>(shape.cellCount(), float(gMax)), std::vector<float>(shape.cellCount(), float(kMin))};
  return explicitStableDt(shape, bc, uniform);
}

}  // namespace

void updateStableSteps(DiffusionSolver& s, bool channels) {
  BoundaryConditions held{true, s.serum.surface_concentration, s.bottomSink};
  BoundaryConditions dry{false, s.serum.surface_concentration, s.bottomSink};
  double dCh = s.serum.channel_diffusivity_um2_s;
  s.channelsPresent = channels;
  s.stableDtHeld_s = s.settings.explicitFraction * worstCaseStableDt(s.shape, held, s.tissue, dCh, channels);
  s.stableDtDry_s = s.settings.explicitFraction * worstCaseStableDt(s.shape, dry, s.tissue, dCh, channels);
}

void createDiffusionSolver(vk::Context* ctx, VkPipelineCache cache, const scene::Scene& scene, Backend backend,
                           const SolverSettings& settings, DiffusionSolver& solver) {
  solver.backend = backend;
  solver.shape = gridFromDomain(scene.domain);
  solver.settings = settings;
  solver.serum = scene.serum;
  solver.baseTissue = scene.tissue;
  solver.tissue = scene::tissueWithSerum(scene.tissue, scene.serum);  // the serum's own transport per layer
  solver.bottomSink = scene.domain.bottom == scene::BottomBoundary::Sink;
  solver.openness.assign(solver.shape.cellCount(), 0.0f);
  stampChannelsCpu(solver.shape, pretreatmentStamps(scene, solver.shape), solver.openness);
  solver.fields = tissueFields(solver.shape, solver.tissue, scene.serum.channel_diffusivity_um2_s, solver.openness);
  solver.activity.assign(solver.shape.cellCount(), 0.0f);
  if (backend == Backend::Cpu) solver.faces = faceConductances(solver.shape, solver.fields);
  double dCh = scene.serum.channel_diffusivity_um2_s;
  updateStableSteps(solver, scene.pretreatment.enabled);
  if (ctx) {
    solver.gpu = createDiffusionGpu(*ctx, cache, solver.shape);
    uploadTissue(*ctx, solver.gpu, solver.fields);
    if (backend == Backend::Gpu) {
      solver.channels = createChannelGpu(*ctx, cache, solver.gpu, layerTable(solver.shape, solver.tissue), dCh);
      uploadOpenness(*ctx, solver.channels, solver.gpu, solver.openness);
    }
  }
}

void addChannels(vk::Context* ctx, VkCommandBuffer cmd, DiffusionSolver& s,
                 const std::vector<gpu::ChannelStampGpu>& stamps) {
  if (stamps.empty()) return;
  s.channelsStamped += stamps.size();
  if (!s.channelsPresent) updateStableSteps(s, true);  // channels are the fastest cells now
  if (s.backend == Backend::Gpu) {
    recordChannelStamps(*ctx, cmd, s.channels, s.gpu, stamps);
    return;
  }
  stampChannelsCpu(s.shape, stamps, s.openness);
  s.fields = tissueFields(s.shape, s.tissue, s.serum.channel_diffusivity_um2_s, s.openness);
  s.faces = faceConductances(s.shape, s.fields);
  s.tissueStale = true;
}

void closeChannelsCpu(DiffusionSolver& s, float factor) {
  for (float& open : s.openness) open *= factor;
  s.fields = tissueFields(s.shape, s.tissue, s.serum.channel_diffusivity_um2_s, s.openness);
  s.faces = faceConductances(s.shape, s.fields);
  s.tissueStale = true;
}

std::vector<float> solverOpenness(vk::Context* ctx, const DiffusionSolver& s) {
  if (s.backend == Backend::Gpu && ctx) return readOpenness(*ctx, s.channels, s.gpu);
  return s.openness;
}

void destroyDiffusionSolver(vk::Context* ctx, DiffusionSolver& solver) {
  if (ctx) destroyChannelGpu(*ctx, solver.channels);
  if (ctx && solver.gpu.pool) destroyDiffusionGpu(*ctx, solver.gpu);
  solver = {};
}

void setSerum(vk::Context* ctx, DiffusionSolver& s, const scene::Serum& serum) {
  s.serum = serum;
  s.tissue = scene::tissueWithSerum(s.baseTissue, serum);
  updateStableSteps(s, s.channelsPresent);
  std::fill(s.activity.begin(), s.activity.end(), 0.0f);  // the old serum is wiped off
  if (s.backend == Backend::Cpu) {
    s.fields = tissueFields(s.shape, s.tissue, serum.channel_diffusivity_um2_s, s.openness);
    s.faces = faceConductances(s.shape, s.fields);
    s.tissueStale = s.displayStale = true;
    if (ctx) refreshDisplayField(*ctx, s);
    return;
  }
  if (!ctx) return;
  // Frames in flight read the layer table and the fields: let them finish (a rare,
  // user-driven change), then rebuild G and K from the openness for the new serum.
  vkDeviceWaitIdle(ctx->device);
  setChannelLayers(*ctx, s.channels, layerTable(s.shape, s.tissue), serum.channel_diffusivity_um2_s);
  uploadActivity(*ctx, s.gpu, s.activity);
  vk::submitAndWait(*ctx, [&](VkCommandBuffer cmd) { recordTissueUpdate(*ctx, cmd, s.channels, s.gpu); });
}

BoundaryConditions boundaryAt(const DiffusionSolver& solver, double time_s) {
  const scene::Serum& serum = solver.serum;
  bool onSkin = scene::serumOnSkin(serum, time_s);
  return {onSkin, serum.surface_concentration, solver.bottomSink};
}

namespace {

void runPlan(vk::Context* ctx, VkCommandBuffer cmd, DiffusionSolver& s, const StepPlan& plan,
             const BoundaryConditions& bc) {
  if (s.backend == Backend::Gpu) {
    if (plan.scheme == Scheme::Explicit)
      recordExplicitSteps(*ctx, cmd, s.gpu, plan.substeps, plan.dt_s, bc);
    else
      recordLodSteps(*ctx, cmd, s.gpu, plan.substeps, plan.dt_s, bc);
  } else {
    std::vector<float> next(s.activity.size());
    for (int i = 0; i < plan.substeps; ++i) {
      if (plan.scheme == Scheme::Explicit) {
        explicitStepCpu(s.shape, bc, plan.dt_s, s.activity.data(), s.fields, s.faces, next.data(),
                        s.settings.threads);
        s.activity.swap(next);
      } else {
        lodStepCpu(s.shape, bc, plan.dt_s, s.activity, s.fields, s.settings.threads);
      }
    }
    s.displayStale = true;
  }
  s.steps += plan.substeps;
  s.lastDt_s = plan.dt_s;
  s.lastScheme = plan.scheme;
}

}  // namespace

void advanceSolver(vk::Context* ctx, VkCommandBuffer cmd, DiffusionSolver& s, double interval_s) {
  double end = s.time_s + interval_s;
  // The surface condition changes when the serum is applied and when it is
  // removed: split the interval there, each part with its own condition and step.
  std::array<double, 2> changes = scene::serumChanges_s(s.serum);
  while (s.time_s < end) {
    double partEnd = end;
    for (double change : changes)
      if (change > s.time_s && change < partEnd) partEnd = change;
    BoundaryConditions bc = boundaryAt(s, s.time_s);
    double stable = bc.surfaceHeld ? s.stableDtHeld_s : s.stableDtDry_s;
    runPlan(ctx, cmd, s, planInterval(partEnd - s.time_s, stable, s.settings), bc);
    s.time_s = partEnd;
  }
  s.time_s = end;
}

void refreshDisplayField(vk::Context& ctx, DiffusionSolver& s) {
  if (s.backend != Backend::Cpu || !s.gpu.pool) return;
  if (s.tissueStale) uploadTissue(ctx, s.gpu, s.fields);  // K, for C = K u on screen
  if (s.displayStale) uploadActivity(ctx, s.gpu, s.activity);
  s.displayStale = s.tissueStale = false;
}

void syncActivity(vk::Context* ctx, DiffusionSolver& s) {
  if (s.backend != Backend::Gpu || !ctx) return;
  s.activity = readActivity(*ctx, s.gpu);
  s.fields.capacity = readCapacity(*ctx, s.gpu);  // stamping on the GPU changes K
}

std::vector<float> solverConcentration(const DiffusionSolver& s) {
  return concentrationFromActivity(s.activity, s.fields);
}

}  // namespace ns::sim
