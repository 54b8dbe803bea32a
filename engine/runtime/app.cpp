#include "runtime/app.h"

#include <GLFW/glfw3.h>

#include <chrono>
#include <csignal>
#include <ctime>
#include <cstdio>
#include <filesystem>

#include "core/stats.h"
#include "runtime/camera_controls.h"
#include "runtime/gpu_host.h"
#include "runtime/options.h"
#include "runtime/report.h"
#include "runtime/pen_controls.h"
#include "runtime/pen_session.h"
#include "runtime/simulation.h"
#include "ui/pen_panel.h"
#include "sim/channel_stamp.h"
#include "ui/serum_panel.h"
#include "ui/status_panel.h"
#include "vk/pipeline_cache.h"

namespace ns::runtime {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitRuntime = 1;
constexpr int kExitBadInput = 2;
constexpr long long kDefaultHeadlessFrames = 120;

// SIGINT/SIGTERM end the run the normal way (screenshot, report, clean shutdown)
// instead of killing it mid-frame: scripts and kiosk supervisors stop us like this.
volatile std::sig_atomic_t g_stopRequested = 0;
void onStopSignal(int) { g_stopRequested = 1; }

int badInput(const std::string& message) {
  std::fprintf(stderr, "needlesim: %s\n", message.c_str());
  return kExitBadInput;
}

// Flags of the contract whose capability has not landed yet: refuse clearly
// rather than silently ignore them.
bool refuseUnavailable(const Options& o, std::string& error) {
  struct Pending {
    bool given;
    const char* flag;
  } pending[] = {{!o.meshFile.empty(), "--mesh"}, {!o.lessonFile.empty(), "--lesson"},
                 {!o.outboxDir.empty(), "--outbox"}};
  for (auto& p : pending)
    if (p.given) {
      error = std::string(p.flag) + ": not available in this version of needlesim yet";
      return true;
    }
  return false;
}

// Output files are checked before the (slow) run so a typo does not cost a run.
bool checkOutputPath(const std::string& flag, const std::string& path, std::string& error) {
  if (path.empty()) return true;
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty() && !std::filesystem::is_directory(parent, ec)) {
    error = flag + ": " + path + ": folder '" + parent.string() + "' does not exist";
    return false;
  }
  if (std::filesystem::is_directory(path, ec)) {
    error = flag + ": " + path + ": is a folder, expected a file name";
    return false;
  }
  return true;
}

ui::StatusInfo statusInfo(const GpuHost& host, const scene::Scene& scene, const std::vector<double>& frameMs,
                          unsigned long long frames) {
  ui::StatusInfo info;
  info.deviceName = host.ctx.deviceName;
  info.deviceType = host.ctx.deviceType;
  info.sceneName = scene.name.empty() ? scene.path : scene.name;
  info.region = scene.tissue.region;
  for (auto& layer : scene.tissue.layers)
    info.layers.push_back({layer.name, layer.thickness_um, layer.diffusivity_um2_s});
  size_t recent = std::min<size_t>(frameMs.size(), 120);
  std::vector<double> window(frameMs.end() - recent, frameMs.end());
  info.frameMs = core::percentile(window, 50);
  info.frameMsP95 = core::percentile(window, 95);
  info.frames = frames;
  info.validationEnabled = host.ctx.validationEnabled;
  info.validationErrors = host.ctx.validation ? host.ctx.validation->errors.load() : 0;
  info.validationWarnings = host.ctx.validation ? host.ctx.validation->warnings.load() : 0;
  info.headless = host.config.headless;
  return info;
}

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

// The cut face goes through the row of pretreatment channels nearest the centre,
// so the cross-section shows channels rather than the tissue between them.
int defaultCutSlice(const scene::Scene& scene, const sim::GridShape& shape) {
  auto channels = sim::pretreatmentStamps(scene, shape);
  if (channels.empty()) return -1;
  double centre_um = shape.ny * shape.hy_um / 2, best = channels.front().entryAndRadius.y;
  for (auto& c : channels)
    if (std::abs(c.entryAndRadius.y - centre_um) < std::abs(best - centre_um)) best = c.entryAndRadius.y;
  return std::clamp(int(best / shape.hy_um), 0, shape.ny - 1);
}

struct RunState {
  std::vector<double> frameMs;
  unsigned long long frames = 0;
};

ui::SerumView serumView(Simulation& sim, GpuHost& host, const scene::Scene& scene) {
  const sim::DiffusionSolver& v = sim.solver;
  ui::SerumView view;
  view.serumName = scene.serum.name;
  view.time_s = v.time_s;
  view.backend = v.backend == sim::Backend::Gpu ? "GPU" : "CPU twin";
  view.scheme = sim::schemeName(v.lastScheme);
  view.steps = v.steps;
  view.dt_s = v.lastDt_s;
  view.totalMass = sim.totalMass;
  view.profile.assign(sim.profile.begin(), sim.profile.end());
  view.profileDepth_um = v.shape.nz * v.shape.hz_um;
  view.scaleMax = host.scene.settings.fieldScaleMax;
  view.paused = &sim.paused;
  view.timeScale = &sim.timeScale;
  view.showField = &host.scene.settings.showField;
  return view;
}

ui::PenView penView(const PenSession& pen) {
  ui::PenView v;
  input::PenSample now = currentPen(pen);
  v.source = pen.source == PenSourceKind::Replay ? "replay"
             : pen.source == PenSourceKind::Osc  ? "OSC port " + std::to_string(pen.osc.port)
                                                 : "mouse / gamepad";
  v.dial_mm = now.depth_mm;
  v.tilt_deg = pen::tiltDegrees(now.dir);
  v.contact = now.contact;
  v.cycles = pen.model.stats.cycles;
  v.punctures = pen.model.stats.punctures;
  for (auto& p : pen.punctures) v.torn += p.torn;
  v.contact_s = pen.model.stats.contact_s;
  if (pen.source == PenSourceKind::Interactive)
    v.controlsHint = "left button: needle   wheel: dial   arrows: tilt   0: upright\n"
                     "right-drag: orbit   middle-drag: pan   Ctrl+wheel: zoom   R: reset view";
  return v;
}

// The pen where it is, projected onto the screen (drawn over the scene).
ui::PenOnScreen penOnScreen(const GpuHost& host, const PenSession& pen, const scene::Scene& scene) {
  ui::PenOnScreen out;
  input::PenSample now = currentPen(pen);
  if (now.pos_mm.z > 20.0) return out;  // lifted away
  VkExtent2D extent = host.target.extent;
  glm::mat4 viewProj = render::viewProjection(host.scene.camera, float(extent.width) / float(std::max(1u, extent.height)));
  auto project = [&](glm::dvec3 p, float& x, float& y) {
    glm::vec4 clip = viewProj * glm::vec4(glm::vec3(p), 1.0f);
    if (clip.w <= 0.01f) return false;
    x = (clip.x / clip.w * 0.5f + 0.5f) * float(extent.width);
    y = (clip.y / clip.w * 0.5f + 0.5f) * float(extent.height);
    return true;
  };
  glm::dvec3 up = now.pos_mm - now.dir * 12.0;  // 12 mm of pen body up the axis
  float rimX, rimY;
  double cartridge = std::max(1.0, scene.pen.needle_pitch_mm * 3.0);
  out.visible = project(now.pos_mm, out.tipX, out.tipY) && project(up, out.topX, out.topY) &&
                project(now.pos_mm + glm::dvec3(cartridge / 2, 0, 0), rimX, rimY);
  out.cartridgeRadius = std::max(4.0f, std::hypot(rimX - out.tipX, rimY - out.tipY));
  out.contact = now.contact;
  out.tilted = pen::tiltDegrees(now.dir) > pen::kTearTilt_deg;
  return out;
}

void drawPanels(GpuHost& host, Simulation& sim, const PenSession& pen, const scene::Scene& scene,
                const RunState& state) {
  ui::drawStatusPanel(statusInfo(host, scene, state.frameMs, state.frames));
  ui::SerumView serum = serumView(sim, host, scene);
  ui::drawSerumPanel(serum);
  ui::drawPenPanel(penView(pen));
  ui::drawPenOverlay(penOnScreen(host, pen, scene));
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
  bool screenshotKeyWasDown = false;
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
      interactive = updatePenControls(host.window.handle, penControls, controls, host.scene.camera,
                                      host.scene.mesh.halfWidth_mm, scene.pen, wallDt);
      pen.interactive = interactive;
      haveInteractive = true;
      bool screenshotKey = glfwGetKey(host.window.handle, GLFW_KEY_F12) == GLFW_PRESS;
      if (screenshotKey && !screenshotKeyWasDown) saveKeyScreenshot(host);
      screenshotKeyWasDown = screenshotKey;
    }
    double step = frameStep(options, pen, wallDt);
    advancePenSession(pen, step, haveInteractive ? &interactive : nullptr);
    std::vector<gpu::ChannelStampGpu> stamps = takeNewStamps(pen, sim.solver.shape);
    double interval = frameInterval(sim, step, stopAt);
    bool gpuSim = sim.solver.backend == sim::Backend::Gpu;
    if (!gpuSim) {
      sim::addChannels(nullptr, VK_NULL_HANDLE, sim.solver, stamps);
      if (interval > 0) sim::advanceSolver(nullptr, VK_NULL_HANDLE, sim.solver, interval);
      sim::refreshDisplayField(host.ctx, sim.solver);
    }
    maybeRefreshSummary(host, sim, options.headless, state.frames);
    FrameCallbacks callbacks;
    callbacks.buildUi = [&] { drawPanels(host, sim, pen, scene, state); };
    if (gpuSim && (interval > 0 || !stamps.empty()))
      callbacks.recordCompute = [&](VkCommandBuffer cmd) {
        sim::addChannels(&host.ctx, cmd, sim.solver, stamps);
        if (interval > 0) sim::advanceSolver(&host.ctx, cmd, sim.solver, interval);
      };
    FrameOutcome outcome = renderFrame(host, float(wallDt), callbacks);
    if (outcome == FrameOutcome::Skipped) {
      glfwWaitEventsTimeout(0.05);  // minimised: sleep until something happens
      last = Clock::now();
      continue;
    }
    auto now = Clock::now();
    double ms = std::chrono::duration<double, std::milli>(now - last).count();
    last = now;
    wallDt = ms / 1000.0;
    state.frameMs.push_back(ms);
    state.frames++;
  }
}

bool loadSceneFor(const Options& options, scene::Scene& scene, std::string& error) {
  if (options.sceneFile.empty()) {
    scene = scene::defaultScene();
    return true;
  }
  scene::LoadResult result = scene::loadScene(options.sceneFile, scene);
  for (auto& warning : result.warnings) std::fprintf(stderr, "needlesim: warning: %s\n", warning.c_str());
  if (!result.ok) error = result.error;
  return result.ok;
}

int finish(GpuHost& host, Simulation& sim, PenSession& pen, const scene::Scene& scene, const Options& options,
           RunState& state) {
  std::string error;
  int code = kExitOk;
  RunSummary summary;
  // A batch run renders nothing while it computes: one frame shows where it ended.
  if (!options.screenshotFile.empty() && state.frames == 0) {
    updateSummary(host.ctx, sim);
    FrameCallbacks callbacks;
    callbacks.buildUi = [&] { drawPanels(host, sim, pen, scene, state); };
    // Two frames: ImGui sizes auto-resizing windows on the first and shows them on the second.
    for (int i = 0; i < 2; ++i)
      if (renderFrame(host, 0.0f, callbacks) == FrameOutcome::Rendered) state.frames++;
  }
  if (!options.screenshotFile.empty() && state.frames > 0) {
    core::ImageRGBA8 image = captureFrame(host);
    if (core::writePng(options.screenshotFile, image, error)) {
      summary.screenshot = options.screenshotFile;
      std::fprintf(stderr, "needlesim: screenshot written to %s\n", options.screenshotFile.c_str());
    } else {
      std::fprintf(stderr, "needlesim: --screenshot: %s\n", error.c_str());
      code = kExitRuntime;
    }
  }
  vk::waitAllFrames(host.ctx, host.frames);
  updateSummary(host.ctx, sim);
  summary.simulation = simulationReport(sim);
  summary.pen = penReport(pen);
  summary.channels = channelsReport(pen);
  if (!finishPenSession(pen, error)) {
    std::fprintf(stderr, "needlesim: --record: %s\n", error.c_str());
    code = kExitRuntime;
  } else if (!options.recordFile.empty()) {
    std::fprintf(stderr, "needlesim: pen samples recorded to %s\n", options.recordFile.c_str());
  }
  summary.version = NEEDLESIM_VERSION;
  summary.scenePath = scene.path;
  summary.sceneName = scene.name;
  summary.mode = options.mode;
  summary.headless = options.headless;
  summary.width = host.target.extent.width;
  summary.height = host.target.extent.height;
  summary.deviceName = host.ctx.deviceName;
  summary.deviceType = host.ctx.deviceType;
  summary.validationEnabled = host.ctx.validationEnabled;
  summary.validationErrors = host.ctx.validation->errors.load();
  summary.validationWarnings = host.ctx.validation->warnings.load();
  summary.frames = state.frames;
  summary.frameMs = state.frameMs;
  if (!options.reportFile.empty()) {
    if (writeReport(options.reportFile, buildReport(summary), error)) {
      std::fprintf(stderr, "needlesim: report written to %s\n", options.reportFile.c_str());
    } else {
      std::fprintf(stderr, "needlesim: --report: %s\n", error.c_str());
      code = kExitRuntime;
    }
  }
  if (summary.validationErrors > 0) {
    std::fprintf(stderr, "needlesim: %u Vulkan validation errors (see above)\n", summary.validationErrors);
    code = kExitRuntime;
  }
  return code;
}

}  // namespace

int runNeedleSim(int argc, const char* const* argv) {
  Options options;
  std::string error;
  if (!parseOptions(argc, argv, options, error)) return badInput(error);
  if (options.help) {
    std::fputs(usageText().c_str(), stdout);
    return kExitOk;
  }
  if (options.version) {
    std::printf("needlesim %s\n", NEEDLESIM_VERSION);
    return kExitOk;
  }
  if (refuseUnavailable(options, error)) return badInput(error);
  if (!checkOutputPath("--screenshot", options.screenshotFile, error) ||
      !checkOutputPath("--report", options.reportFile, error))
    return badInput(error);
  scene::Scene scene;
  if (!loadSceneFor(options, scene, error)) return badInput(error);
  PenSession pen;
  if (!createPenSession(options, scene, pen, error)) return badInput(error);

  GpuHostConfig config;
  config.validation = options.validate;
  config.device = options.device;
  config.headless = options.headless;
  config.extent = {uint32_t(options.width), uint32_t(options.height)};
  config.fullscreen = options.mode == "kiosk";
  config.overlay = !options.noUi;
  config.vsync = options.vsync;
  config.pipelineCachePath = vk::defaultPipelineCachePath();
  std::signal(SIGINT, onStopSignal);
  std::signal(SIGTERM, onStopSignal);
  GpuHost host;
  if (!createGpuHost(config, host, error)) {
    std::fprintf(stderr, "needlesim: %s\n", error.c_str());
    finishPenSession(pen, error);
    return kExitRuntime;
  }
  Simulation sim;
  createSimulation(host.ctx, host.pipelineCache, scene, options, sim, error);
  createSceneView(host, scene, &sim.solver.gpu);
  host.scene.settings.fieldSliceY = defaultCutSlice(scene, sim.solver.shape);
  updateSummary(host.ctx, sim);
  RunState state;
  // Headless with --sim-seconds, no --frames and no pen source: compute as fast as
  // possible, no frames.
  bool penDriven = pen.source != PenSourceKind::Interactive;
  if (options.headless && options.simSeconds && !options.frames && !penDriven)
    runBatch(host.ctx, sim, *options.simSeconds, g_stopRequested);
  else
    runLoop(host, sim, pen, scene, options, state);
  if (g_stopRequested) std::fprintf(stderr, "needlesim: stop requested: finishing the run\n");
  int code = finish(host, sim, pen, scene, options, state);
  vk::waitAllFrames(host.ctx, host.frames);
  destroySimulation(host.ctx, sim);
  destroyGpuHost(host);
  return code;
}

}  // namespace ns::runtime
