#pragma once
// The run's simulation: the serum diffusion solver on the tissue block and the
// healing surface, owning its backend (GPU kernels or the C++ twin). Whatever runs
// it, a frame asks one thing — stepSimulation(interval) — and the renderer reads
// one thing — the field view it publishes.
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <string>
#include <vector>

#include "pen/pen_model.h"
#include "runtime/options.h"
#include "scene/scene.h"
#include "scene/skin_surface.h"
#include "sim/diffusion_solver.h"
#include "sim/field_view.h"
#include "sim/healing.h"
#include "sim/healing_gpu.h"

namespace ns::runtime {

struct Simulation {
  vk::Context* ctx = nullptr;  // the device the fields live on (both backends: the renderer reads them)
  sim::DiffusionSolver solver;
  sim::HealingState healing;
  sim::HealingGpu healingGpu;
  std::vector<gpu::ChannelStampGpu> pendingStamps;  // punctures in the block, not yet stamped
  double lastPuncture_s = -1;  // simulated time of the latest puncture (-1: none)
  double deferred_s = 0;       // simulated time passed but not yet stepped (frames nobody sees)
  double timeScale = 1.0;      // simulated seconds per wall second
  bool paused = false;
  double chunk_s = 5.0;        // batch advance per submission
  // Summary of the last readback: laterally averaged profile and total mass.
  std::vector<double> profile;
  double totalMass = 0;
  sim::HealingSummary healingSummary;  // refreshed with the readback, not every frame
  double summaryTime_s = -1;
  std::chrono::steady_clock::time_point summaryWall{};
};

// `atlas` (width, height in texels; 0: none) puts the healing surface on a UV atlas
// over `skin` (scene::surfaceAtlasSize: the whole visible patch, or a mesh) instead
// of the block's columns.
void createSimulation(vk::Context& ctx, VkPipelineCache cache, const scene::Scene& scene,
                      const scene::SkinSurface& skin, const Options& options, Simulation& simulation,
                      glm::ivec2 atlas = {0, 0});
void destroySimulation(Simulation& simulation);

// Simulated seconds one frame should advance for `wallSeconds` of wall time,
// clipped so a --sim-seconds run ends exactly on its target.
double frameInterval(const Simulation& simulation, double wallSeconds, double stopAt_s);

// New punctures: channels to stamp (those in the simulated block) and what they
// deposit for healing (all of them: redness spreads, counts are counted).
// `inBlock` holds the same punctures in the treatment frame (the block's).
void addPunctures(Simulation& simulation, const std::vector<pen::Puncture>& punctures,
                  const std::vector<pen::Puncture>& inBlock);

// One step over `interval_s`: stamping, healing (closure, erythema), diffusion.
// The GPU backend records into `cmd` (the frame's command buffer; VK_NULL_HANDLE:
// its own submission, waited for); the twin computes now and uploads what the
// renderer shows.
void stepSimulation(Simulation& simulation, double interval_s, VkCommandBuffer cmd = VK_NULL_HANDLE);

// Frames nobody sees: the interval is taken with the next ones into one step while
// together they stay within one explicit step of the solver (the same scheme and
// accuracy, a tenth of the passes at ×1); punctures wait for that step.
void deferStep(Simulation& simulation, double interval_s);
// Steps what was deferred (before anything reads or draws the fields).
void flushDeferred(Simulation& simulation);
// Simulated time, including what was deferred.
double simulatedTime(const Simulation& simulation);

// Advances as fast as possible to `until_s` (headless batch), in chunks that grow
// with the time since the last change (serum applied or removed, a puncture);
// stops early between chunks once `stop` becomes non-zero.
void runBatch(Simulation& simulation, double until_s, const volatile std::sig_atomic_t& stop);

// Reads the fields back (waits for the device) and refreshes profile, mass and
// the healing summary.
void updateSummary(Simulation& simulation);

// What the renderer reads (valid after the step recorded or run this frame).
sim::FieldView publishedField(const Simulation& simulation);

// Another serum on the skin from its applied_at_s (the old one wiped off): the
// solver's transport and the healing's growth factors follow. Outside a frame.
void changeSerum(Simulation& simulation, const scene::Serum& serum);

nlohmann::json simulationReport(const Simulation& simulation);
// sim.serum: name, molecular_weight_da (null when not known), its time on the skin.
nlohmann::json serumReport(const scene::Serum& serum);
nlohmann::json healingReport(const Simulation& simulation);

}  // namespace ns::runtime
