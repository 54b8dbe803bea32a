#pragma once
// The run's simulation: the serum diffusion solver on the tissue block and the
// healing surface, owning its backend (GPU kernels or the C++ twin). Whatever runs
// it, a frame asks one thing — stepSimulation(interval) — and the renderer reads
// one thing — the field view it publishes.
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <string>
#include <vector>

#include "pen/pen_model.h"
#include "runtime/options.h"
#include "runtime/pen_session.h"
#include "scene/scene.h"
#include "scene/skin_surface.h"
#include "sim/diffusion_solver.h"
#include "sim/field_view.h"
#include "sim/healing.h"
#include "sim/healing_gpu.h"

namespace ns::runtime {

// One block of tissue under a treated region: the serum diffusion solver on that
// region's layers (scene/region_tissue: its preset, or a documented neighbour's),
// placed where the region was first needled. The patch has one, the scene's own,
// placed from the start in the scene's frame.
struct TissueBlock {
  std::string region;            // the region it stands for
  std::string layersFrom;        // the preset its layers come from ("": the scene's own)
  bool placed = false;           // needled (the patch's: from the start); unplaced blocks are frozen
  scene::SurfaceFrame frame;     // where its region was first needled (a mesh; the patch: the scene's)
  sim::DiffusionSolver solver;   // its clock (solver.time_s) lags the run's while it is dormant
  sim::ClosureSet closure;       // GPU: its channels' closure
  std::vector<gpu::ChannelStampGpu> pendingStamps;  // punctures in it, not yet stamped
  double lastPuncture_s = -1;
  double intactUntil_s = -1;     // placed at this time: intact skin until then (not yet stepped there)
  double closureOwed_s = 0;      // time its channels have not closed for yet (see settleClosure)
  // Summary of its last readback: laterally averaged profile and total mass.
  std::vector<double> profile;
  double totalMass = 0;
  bool summaryStale = true;      // stepped since that readback
};

// Blocks a run may hold: one per region of the map (scene::mappedRegionNames has 19),
// however many regions are treated; each 64×64×128 block is ~2 MB of activity per
// buffer (see BENCHMARKS.md for the whole bound).
constexpr size_t kMaxTissueBlocks = 20;

struct Simulation {
  vk::Context* ctx = nullptr;  // the device the fields live on (both backends: the renderer reads them)
  VkPipelineCache cache = VK_NULL_HANDLE;
  const scene::Scene* scene = nullptr;        // must outlive the simulation
  const scene::SkinSurface* skin = nullptr;   // must outlive the simulation
  sim::Backend backend = sim::Backend::Gpu;
  sim::SolverSettings settings;
  // [0]: the scene's tissue (its region); on a mesh, one more per region treated. The
  // shown block (under the pen, or the last needled) is what the serum panel, the
  // micro view and the cross-section show; it and any block needled this frame are
  // stepped every frame, the others (dormant) catch up in one implicit interval once
  // their debt reaches 10 % of the time since their last change, in one implicit step,
  // at most one block a frame.
  std::vector<TissueBlock> blocks;
  size_t shown = 0;
  size_t firstNeedled = 0;     // the block needled first: the report's top-level sim profile
  size_t nextCatchUp = 0;      // round robin over dormant blocks
  double time_s = 0;           // the run's simulated clock (every block catches up to it)
  sim::HealingState healing;
  sim::HealingGpu healingGpu;
  double surfaceOwed_s = 0;    // time the healing surface has not been stepped for yet (see settleSurface)
  double lastPuncture_s = -1;  // simulated time of the latest puncture (-1: none)
  double deferred_s = 0;       // simulated time passed but not yet stepped (frames nobody sees)
  double timeScale = 1.0;      // simulated seconds per wall second
  bool paused = false;
  double chunk_s = 5.0;        // batch advance per submission
  // The shown block's summary (the panel's), refreshed with its readback.
  std::vector<double> profile;
  double totalMass = 0;
  sim::HealingSummary healingSummary;  // refreshed with the readback, not every frame
  double summaryTime_s = -1;
  std::chrono::steady_clock::time_point summaryWall{};
};

// The scene's block (the serum, the grid shape, the backend: the same in every block).
inline const sim::DiffusionSolver& mainSolver(const Simulation& s) { return s.blocks.front().solver; }
inline const TissueBlock& shownBlock(const Simulation& s) { return s.blocks[s.shown]; }

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

// New punctures: what they deposit for healing (all of them: redness spreads, counts
// are counted) and channels to stamp in the block of their region (on a mesh the
// block is made and placed there at its region's first puncture — at the pen's first
// touch when that was in the region — and fast-forwarded from t = 0 as intact skin;
// punctures beyond a block's sides are not stamped). The last block needled is shown.
void addPunctures(Simulation& simulation, const std::vector<pen::Puncture>& punctures, const PenSession& pen);

// Shows the block of the region under the pen, if that region has one.
void showRegion(Simulation& simulation, const std::string& region);
// The pen as the shown block sees it (its frame; the patch: unchanged).
input::PenSample penInShownBlock(const Simulation& simulation, const PenSession& pen);

// The serum put on again from `t_s` (what is in the skin stays), in every block.
void setSerumAppliedAt(Simulation& simulation, double t_s);

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
// the healing summary: the shown block's, or (`everyBlock`, for a report) every
// block's, each caught up to the run's clock first. Without `stepFirst` (a review,
// whose steps follow its ticks only) it reads what has been stepped as it is.
void updateSummary(Simulation& simulation, bool everyBlock = false, bool stepFirst = true);
// Steps every placed block up to the run's clock (before a snapshot or a report).
void catchUpAll(Simulation& simulation);
// Makes the block for `region` (not placed; placed by the caller), or returns its index.
size_t blockFor(Simulation& simulation, const std::string& region);
void destroyBlock(Simulation& simulation, TissueBlock& block);

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
