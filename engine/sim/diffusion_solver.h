#pragma once
// The serum diffusion solver: owns the fields, picks the scheme and runs it on the
// GPU (default) or on the C++ twin (--sim-backend cpu) through the same code path.
//
// Scheme choice (Scheme::Auto) for an interval T with stable explicit step dt_e:
//  - T needs at most `maxExplicitSubsteps` explicit steps → explicit sub-steps of
//    T/n ≤ dt_e (second-order-accurate in space, first in time, cheap per step);
//  - otherwise → LOD backward-Euler steps of at most `lodStepFactor` × dt_e each
//    (unconditionally stable and positive; the factor bounds the splitting and
//    time-discretisation error). Hours of time-lapse then cost a few line-solve
//    sweeps per frame instead of thousands of tiny explicit steps.
#include <vulkan/vulkan.h>

#include <string>
#include <vector>

#include "scene/scene.h"
#include "sim/diffusion_cpu.h"
#include "sim/channel_gpu.h"
#include "sim/diffusion_gpu.h"
#include "sim/grid.h"

namespace ns::sim {

enum class Scheme { Auto, Explicit, Lod };
enum class Backend { Gpu, Cpu };
const char* schemeName(Scheme scheme);

struct SolverSettings {
  Scheme scheme = Scheme::Auto;
  // Explicit steps use this fraction of the positivity limit. At 0.5 every Fourier
  // mode decays monotonically, so a point-like puncture never leaves a persistent
  // checkerboard (at the limit the highest mode decays only as (−0.96)^n).
  double explicitFraction = 0.5;
  int maxExplicitSubsteps = 8;
  double lodStepFactor = 25.0;
  // Live frames cap the implicit steps per interval (0: no cap), trading time
  // accuracy for a frame rate that stays interactive at any time-lapse speed.
  // Batch runs leave it at 0: accuracy first.
  int maxLodSubsteps = 0;
  int threads = 0;  // CPU backend: 0 = all cores
};

struct StepPlan {
  Scheme scheme = Scheme::Explicit;
  int substeps = 0;
  double dt_s = 0;
};
StepPlan planInterval(double interval_s, double stableDt_s, const SolverSettings& settings);

struct DiffusionSolver {
  Backend backend = Backend::Gpu;
  GridShape shape;
  SolverSettings settings;
  scene::Serum serum;
  bool bottomSink = false;
  scene::Tissue baseTissue;     // the scene's tissue
  scene::Tissue tissue;         // ... as the serum sees it (scene::tissueWithSerum)
  TissueFields fields;          // CPU backend: the tissue; GPU backend: as created
  FaceConductances faces;       // CPU backend: cached from `fields`
  std::vector<float> openness;  // CPU backend: channel openness per cell
  std::vector<float> activity;  // CPU backend: the state; GPU backend: last readback
  double stableDtHeld_s = 0, stableDtDry_s = 0;  // explicit step with / without serum on
  double time_s = 0;
  unsigned long long steps = 0;
  double lastDt_s = 0;
  Scheme lastScheme = Scheme::Explicit;
  DiffusionGpu gpu;     // GPU backend: the solver; CPU backend: only the displayed field
  ChannelGpu channels;  // GPU backend: openness, stamping, tissue rebuild
  bool displayStale = false;  // CPU backend: activity changed since the last upload
  bool tissueStale = false;   // CPU backend: fields changed since the last upload
  unsigned long long channelsStamped = 0;
  bool channelsPresent = false;  // the explicit bound includes open channels
};

// `ctx` may be null only for the CPU backend without display (tests, batch).
// The scene's pretreatment channels, if any, are stamped before the first step.
// The explicit step is bounded for fully open channels anywhere, so stamping new
// channels never invalidates it.
void createDiffusionSolver(vk::Context* ctx, VkPipelineCache cache, const scene::Scene& scene, Backend backend,
                           const SolverSettings& settings, DiffusionSolver& solver);

// The explicit step's bounds (with and without serum on) for the tissue as it is,
// with or without open channels anywhere (channelsPresent follows `channels`).
void updateStableSteps(DiffusionSolver& solver, bool channels);

// Opens channels: GPU backend records stamping and the tissue rebuild into `cmd`;
// CPU backend stamps and rebuilds now. Call before advanceSolver in a frame.
void addChannels(vk::Context* ctx, VkCommandBuffer cmd, DiffusionSolver& solver,
                 const std::vector<gpu::ChannelStampGpu>& stamps);
// CPU backend: closes every channel by `factor` (healing) and rebuilds the fields.
void closeChannelsCpu(DiffusionSolver& solver, float factor);
// GPU backend: reads the openness back (blocking); CPU backend: a copy.
std::vector<float> solverOpenness(vk::Context* ctx, const DiffusionSolver& solver);
void destroyDiffusionSolver(vk::Context* ctx, DiffusionSolver& solver);

// Puts another serum on the skin: its transport replaces the old one's per layer and
// in the channels (which stay as they are), and the old serum is wiped off (the
// field starts from zero). Not inside a frame: waits for the device.
void setSerum(vk::Context* ctx, DiffusionSolver& solver, const scene::Serum& serum);

BoundaryConditions boundaryAt(const DiffusionSolver& solver, double time_s);

// Advances by `interval_s`. GPU backend: records into `cmd` (ctx and cmd required).
// CPU backend: computes now (ctx/cmd unused).
void advanceSolver(vk::Context* ctx, VkCommandBuffer cmd, DiffusionSolver& solver, double interval_s);

// CPU backend: uploads the state for display if it changed. Call outside a frame.
void refreshDisplayField(vk::Context& ctx, DiffusionSolver& solver);
// GPU backend: reads the state back into solver.activity (blocking).
void syncActivity(vk::Context* ctx, DiffusionSolver& solver);

std::vector<float> solverConcentration(const DiffusionSolver& solver);  // needs synced activity

}  // namespace ns::sim
