#include <GLFW/glfw3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "core/files.h"
#include "runtime/camera_controls.h"
#include "runtime/frame_loop.h"
#include "runtime/pen_controls.h"

namespace ns::runtime {

volatile std::sig_atomic_t g_stopRequested = 0;

namespace {

constexpr long long kDefaultHeadlessFrames = 120;
constexpr float kFocusDistance_mm = 45.0f;  // F on a mesh: a few cm of skin around the treated spot

// F12 in the window: the current frame to needlesim-YYYYMMDD-HHMMSS.png here.
void saveKeyScreenshot(GpuHost& host) {
  std::time_t now = std::time(nullptr);
  char name[64];
  std::strftime(name, sizeof(name), "needlesim-%Y%m%d-%H%M%S.png", std::localtime(&now));
  std::string error;
  if (core::writePng(name, captureFrame(host), error))
    std::fprintf(stderr, "needlesim: screenshot written to %s\n", name);
  else
    std::fprintf(stderr, "needlesim: screenshot failed: %s\n", error.c_str());
}

// The panel's profile and mass need a (blocking) readback: twice a second in the
// window, every 60 frames headless (what a screenshot shows).
void maybeRefreshSummary(GpuHost& host, Simulation& sim, bool headless, unsigned long long frame) {
  using namespace std::chrono;
  if (headless ? frame % 60 != 59 : steady_clock::now() - sim.summaryWall < milliseconds(500)) return;
  vk::waitAllFrames(host.ctx, host.frames);
  updateSummary(host.ctx, sim);
}

// How much pen time and wall time a frame represents. Replays and headless runs
// without a live source step a fixed 1/60 s (repeatable at any frame rate); live
// sources (window, OSC) follow the wall clock, headless too.
double frameStep(const Options& options, const PenSession& pen, double wallDt) {
  if (pen.source == PenSourceKind::Replay) return 1.0 / 60.0;
  if (options.headless && !isLive(pen)) return 1.0 / 60.0;
  if (options.headless && pen.source == PenSourceKind::Interactive) return 1.0 / 60.0;
  return wallDt;
}

}  // namespace

void runLoop(GpuHost& host, Simulation& sim, PenSession& pen, const scene::Scene& scene, const Options& options,
             RunState& state) {
  bool replayEnds = pen.source == PenSourceKind::Replay && !options.frames && !options.simSeconds;
  long long limit = options.frames.value_or(
      options.headless && !options.simSeconds && !replayEnds && pen.source != PenSourceKind::Osc ? kDefaultHeadlessFrames : -1);
  double stopAt = options.simSeconds.value_or(-1.0);
  using Clock = std::chrono::steady_clock;
  auto last = Clock::now();
  double wallDt = 1.0 / 60.0;
  CameraControls controls;
  PenControls penControls;
  penControls.dial_mm = scene.pen.depth_mm;
  if (!options.headless) attachCameraControls(host.window.handle, controls, host.scene.camera);
  while (limit < 0 || (long long)state.frames < limit) {
    if (g_stopRequested) break;
    if (stopAt >= 0 && sim.solver.time_s >= stopAt) break;
    if (replayEnds && options.headless && replayFinished(pen)) break;
    input::PenSample interactive;
    bool haveInteractive = false;
    if (!options.headless) {
      glfwPollEvents();
      if (windowShouldClose(host.window)) break;
      updateCamera(host.window.handle, controls, host.scene.camera);
      if (takeKeyPress(controls, GLFW_KEY_F) && pen.anchored)  // face on to the treated spot
      {
        render::focusCamera(host.scene.camera, glm::vec3(pen.anchor.origin), glm::vec3(pen.anchor.n), kFocusDistance_mm);
        host.scene.camera.yaw_deg += 30.0f;  // a little from the side: the pen, held along the normal, stays out of the way
        host.scene.camera.pitch_deg = std::min(80.0f, host.scene.camera.pitch_deg + 15.0f);
      }
      interactive = updatePenControls(host.window.handle, penControls, controls, host.scene.camera,
                                      host.scene.mesh.halfWidth_mm, scene.pen, wallDt, {pen.surface, pen.surfaceIndex});
      pen.interactive = interactive;
      haveInteractive = true;
      if (takeKeyPress(controls, GLFW_KEY_F12)) saveKeyScreenshot(host);
      controls.keyPresses.clear();  // presses nobody wanted this frame
    }
    double step = frameStep(options, pen, wallDt);
    advancePenSession(pen, step, haveInteractive ? &interactive : nullptr);
    std::vector<pen::Puncture> local;
    std::vector<pen::Puncture> fresh = takeNewPunctures(pen, &local);
    addPunctures(sim, fresh, &local);
    double interval = frameInterval(sim, step, stopAt) + sim.pendingJump_s;
    sim.pendingJump_s = 0;
    bool gpuSim = sim.solver.backend == sim::Backend::Gpu;
    if (!gpuSim) runSimulationFrameCpu(host.ctx, sim, interval);
    maybeRefreshSummary(host, sim, options.headless, state.frames);
    host.scene.settings.simTime_s = float(sim.solver.time_s);
    input::PenSample penNow = currentPen(pen), penLocal = currentLocalPen(pen);
    bool nearSkin = penLocal.pos_mm.z < 20.0;
    if (nearSkin) {  // the micro view follows the pen (in the block's frame) while it is over the block
      const sim::GridShape& block = sim.solver.shape;
      glm::vec2 half(float(block.nx * block.hx_um / 2000.0), float(block.ny * block.hy_um / 2000.0));
      glm::vec2 at(float(penLocal.pos_mm.x), float(penLocal.pos_mm.y));
      bool over = std::fabs(at.x) <= half.x && std::fabs(at.y) <= half.y;
      host.scene.settings.microOffBlock = !over;
      if (over) {
        glm::vec2 inner = glm::max(half - glm::vec2(host.scene.settings.microWidth_mm / 2, 0.0f), 0.0f);
        host.scene.settings.microCentre_mm = glm::clamp(at, -inner, inner);
      }
    }
    render::RenderSettings& look = host.scene.settings;  // the 3D pen where it is
    look.blockPlaced = !pen.surface || pen.anchored;  // on a mesh the block sits where the pen first touched
    look.penVisible = nearSkin;
    look.penTip_mm = glm::vec3(penNow.pos_mm);
    look.penAxis = glm::vec3(penNow.dir);
    look.penContact = penNow.contact;
    look.penDial_mm = float(penNow.depth_mm);
    updateCoaching(state.coaching, scene, pen, false);
    host.scene.settings.showCoverage = state.coaching.showCoverage;
    FrameCallbacks callbacks;
    callbacks.buildUi = [&] { drawPanels(host, sim, pen, scene, state); };
    if (gpuSim) callbacks.recordCompute = [&](VkCommandBuffer cmd) { recordSimulationFrame(host.ctx, cmd, sim, interval); };
    FrameOutcome outcome = renderFrame(host, float(wallDt), callbacks);
    if (outcome == FrameOutcome::Skipped) {
      glfwWaitEventsTimeout(0.05);  // minimised: sleep until something happens
      last = Clock::now();
      continue;
    }
    if (state.coaching.exportRequested) {
      state.coaching.exportRequested = false;
      std::string error, written = exportSummary(host, pen, options, state, error);
      state.coaching.lastExport = written.empty() ? "export failed: " + error : "written: " + written;
      std::fprintf(stderr, "needlesim: %s\n", state.coaching.lastExport.c_str());
    }
    auto now = Clock::now();
    double ms = std::chrono::duration<double, std::milli>(now - last).count();
    last = now;
    wallDt = ms / 1000.0;
    state.frameMs.push_back(ms);
    state.frames++;
  }
}

std::string exportSummary(GpuHost& host, const PenSession& pen, const Options& options, RunState& state,
                          std::string& error) {
  std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", std::localtime(&now));
  std::string folder = options.outboxDir.empty() ? "." : options.outboxDir;
  std::string base = folder + "/needlesim-summary-" + stamp;
  nlohmann::json summary = {{"technique", training::techniqueJson(state.coaching.report)},
                            {"pen", penReport(pen)},
                            {"channels", channelsReport(pen)}};
  if (!core::writeTextAtomic(base + ".json", summary.dump(2) + "\n", error)) return "";
  if (!core::writePng(base + ".png", captureFrame(host), error)) return "";
  return base + ".json, " + base + ".png";
}

}  // namespace ns::runtime
