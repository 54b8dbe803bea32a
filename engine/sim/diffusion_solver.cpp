#include "sim/diffusion_solver.h"

#include <algorithm>
#include <cmath>

#include "sim/diffusion_cpu.h"

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

void createDiffusionSolver(vk::Context* ctx, VkPipelineCache cache, const scene::Scene& scene, Backend backend,
                           const SolverSettings& settings, const std::vector<float>& openness,
                           DiffusionSolver& solver) {
  solver.backend = backend;
  solver.shape = gridFromDomain(scene.domain);
  solver.settings = settings;
  solver.serum = scene.serum;
  solver.bottomSink = scene.domain.bottom == scene::BottomBoundary::Sink;
  solver.fields = tissueFields(solver.shape, scene.tissue, scene.serum.channel_diffusivity_um2_s, openness);
  solver.activity.assign(solver.shape.cellCount(), 0.0f);
  if (backend == Backend::Cpu) solver.faces = faceConductances(solver.shape, solver.fields);
  BoundaryConditions held{true, scene.serum.surface_concentration, solver.bottomSink};
  BoundaryConditions dry{false, scene.serum.surface_concentration, solver.bottomSink};
  solver.stableDtHeld_s = settings.explicitFraction * explicitStableDt(solver.shape, held, solver.fields);
  solver.stableDtDry_s = settings.explicitFraction * explicitStableDt(solver.shape, dry, solver.fields);
  if (ctx) {
    solver.gpu = createDiffusionGpu(*ctx, cache, solver.shape);
    uploadTissue(*ctx, solver.gpu, solver.fields);
  }
}

void destroyDiffusionSolver(vk::Context* ctx, DiffusionSolver& solver) {
  if (ctx && solver.gpu.pool) destroyDiffusionGpu(*ctx, solver.gpu);
  solver = {};
}

BoundaryConditions boundaryAt(const DiffusionSolver& solver, double time_s) {
  return {time_s >= solver.serum.applied_at_s, solver.serum.surface_concentration, solver.bottomSink};
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
  // Serum applied part-way through: advance to that moment dry, then held.
  if (s.time_s < s.serum.applied_at_s && end > s.serum.applied_at_s) {
    double dry = s.serum.applied_at_s - s.time_s;
    runPlan(ctx, cmd, s, planInterval(dry, s.stableDtDry_s, s.settings), boundaryAt(s, s.time_s));
    s.time_s = s.serum.applied_at_s;
  }
  BoundaryConditions bc = boundaryAt(s, s.time_s);
  double stable = bc.surfaceHeld ? s.stableDtHeld_s : s.stableDtDry_s;
  runPlan(ctx, cmd, s, planInterval(end - s.time_s, stable, s.settings), bc);
  s.time_s = end;
}

void refreshDisplayField(vk::Context& ctx, DiffusionSolver& s) {
  if (s.backend != Backend::Cpu || !s.displayStale || !s.gpu.pool) return;
  uploadActivity(ctx, s.gpu, s.activity);
  s.displayStale = false;
}

void syncActivity(vk::Context* ctx, DiffusionSolver& s) {
  if (s.backend == Backend::Gpu && ctx) s.activity = readActivity(*ctx, s.gpu);
}

std::vector<float> solverConcentration(const DiffusionSolver& s) {
  return concentrationFromActivity(s.activity, s.fields);
}

}  // namespace ns::sim
