#pragma once
// The run's simulation: the serum diffusion solver on the scene's tissue block,
// driven per frame (live) or in chunks (headless --sim-seconds batch), and the
// numbers the panel and the report show.
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <string>
#include <vector>

#include "runtime/options.h"
#include "scene/scene.h"
#include "pen/pen_model.h"
#include "sim/diffusion_solver.h"
#include "sim/healing.h"
#include "sim/healing_gpu.h"

namespace ns::runtime {

struct Simulation {
  sim::DiffusionSolver solver;
  sim::HealingState healing;
  sim::HealingGpu healingGpu;  // GPU backend
  std::vector<gpu::ChannelStampGpu> pendingStamps;  // punctures in the block, not yet stamped
  double pendingJump_s = 0;    // a time-lapse jump asked for in the panel (+1 h, +1 day, +6 weeks)
  double timeScale = 1.0;  // simulated seconds per wall second
  bool paused = false;
  double chunk_s = 5.0;    // batch advance per submission
  // Summary of the last readback: laterally averaged profile and total mass.
  std::vector<double> profile;
  double totalMass = 0;
  sim::HealingSummary healingSummary;  // refreshed with the readback, not every frame
  double summaryTime_s = -1;
  std::chrono::steady_clock::time_point summaryWall{};
};

// `atlas` (width, height in texels; 0: none) puts the healing surface on a mesh's UV
// atlas instead of the block's columns (face scenes).
bool createSimulation(vk::Context& ctx, VkPipelineCache cache, const scene::Scene& scene, const Options& options,
                      Simulation& simulation, std::string& error, glm::ivec2 atlas = {0, 0});
void destroySimulation(vk::Context& ctx, Simulation& simulation);

// Simulated seconds one frame should advance for `wallSeconds` of wall time,
// clipped so a --sim-seconds run ends exactly on its target.
double frameInterval(const Simulation& simulation, double wallSeconds, double stopAt_s);

// New punctures: channels to stamp (those in the simulated block) and what they
// deposit for healing (all of them: redness spreads, counts are counted). On a mesh,
// `local` holds the same punctures in the treatment frame (the block's), and the
// healing deposits go where their UVs say.
void addPunctures(Simulation& simulation, const std::vector<pen::Puncture>& punctures,
                  const std::vector<pen::Puncture>* local = nullptr);

// One frame of simulation over `interval_s`: stamping, healing (closure,
// erythema), diffusion. GPU backend: records into cmd; CPU backend: computes now
// and uploads what the renderer shows (cmd unused).
void recordSimulationFrame(vk::Context& ctx, VkCommandBuffer cmd, Simulation& simulation, double interval_s);
void runSimulationFrameCpu(vk::Context& ctx, Simulation& simulation, double interval_s);

// Advances as fast as possible to `until_s` (headless batch), in chunks; stops
// early between chunks once `stop` becomes non-zero.
void runBatch(vk::Context& ctx, Simulation& simulation, double until_s, const volatile int& stop);

// Reads the field back (waits for the GPU) and refreshes profile and mass.
void updateSummary(vk::Context& ctx, Simulation& simulation);

nlohmann::json simulationReport(const Simulation& simulation);
nlohmann::json healingReport(const Simulation& simulation);

}  // namespace ns::runtime
