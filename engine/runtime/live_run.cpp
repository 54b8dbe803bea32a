// A run's lifetime (runtime/live_run.h): made, looped, ended, and saved when the GPU
// or the display fails under it.
#include "runtime/live_run.h"

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

#include <GLFW/glfw3.h>

#include "sim/channel_stamp.h"
#include "sim/healing.h"
#include "vk/faults.h"
#include "vk/pipeline_cache.h"

namespace ns::runtime {
namespace {

constexpr double kAtlasTexel_mm = 0.3;

// SIGINT/SIGTERM end the run the normal way (screenshot, report, clean shutdown)
// instead of killing it mid-frame: scripts and kiosk supervisors stop us like this.
void onStopSignal(int) { g_stopRequested = 1; }

// The run a fatal Vulkan error (VK_CHECK) or a lost display saves before its exit.
LiveRun* g_faultRun = nullptr;

// A kiosk's day's list, saved before a fault's exit (a line if it cannot be).
void saveDayBeforeExit(Run& run) {
  std::string error;
  if (run.kiosk && !saveKioskDay(*run.kiosk, error))
    std::fprintf(stderr, "needlesim: kiosk: the day's list was not saved: %s\n", error.c_str());
}

// A kiosk whose device was lost saves the day's list first and exits 3: its systemd
// unit restarts it on a fresh device (README, Kiosk).
void onFatalGpuFault(const char* what) {
  LiveRun* live = std::exchange(g_faultRun, nullptr);
  if (!live) return;
  Run& run = *live->run;
  bool kioskLost = run.kiosk && std::strcmp(what, "VK_ERROR_DEVICE_LOST") == 0;
  std::fprintf(stderr, "needlesim: the GPU failed (%s): saving the session's report and records, then exit %d\n", what,
               kioskLost ? kExitKioskRestart : kExitRuntime);
  if (kioskLost) saveDayBeforeExit(run);
  finishRun(run, live->report, what);
  if (kioskLost) {
    std::fprintf(stderr, "needlesim: kiosk: the day's list is in %s; exit %d so the stand's service restarts it\n",
                 run.kiosk->dayListPath.c_str(), kExitKioskRestart);
    std::fflush(stderr);
    std::_Exit(kExitKioskRestart);
  }
}

// The display went away under the window (the X server killed or restarted): the
// session is saved as after a GPU fault (nothing touches the window or the GPU again),
// the report says `display_lost`; a kiosk saves its day's list and exits 3 for its
// service to restart it, anything else exits 1.
void onDisplayLost() {
  LiveRun* live = std::exchange(g_faultRun, nullptr);
  if (!live) return;
  Run& run = *live->run;
  int code = run.kiosk ? kExitKioskRestart : kExitRuntime;
  std::fprintf(stderr, "needlesim: the display connection broke (X server gone): saving the session's report and records, then exit %d\n",
               code);
  saveDayBeforeExit(run);
  finishRun(run, live->report, "the display connection broke", "display_lost");
  std::fflush(stderr);
  std::_Exit(code);
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

// The skin's healing surface, an atlas over its UV chart (a mesh's, or the whole
// visible patch, whose texels are finer: scene::kPatchAtlasTexelsPerMm): texels
// about 0.3 mm on the skin (a puncture mark each), within what a texel buffer may
// hold on this device, kSurfaceStride vec4 a texel, as a texel buffer and as a storage
// buffer (and one dispatch of 64-wide groups, 65535 at least, covers all of it).
glm::ivec2 healingAtlasSize(const vk::Context& ctx, const scene::SkinSurface& skin) {
  const VkPhysicalDeviceLimits& limits = ctx.properties.limits;
  long long stride = static_cast<long long>(sim::kSurfaceStride);
  long long maxTexels = std::min<long long>({4ll << 20, limits.maxTexelBufferElements / stride,
                                             limits.maxStorageBufferRange / (stride * 16), 65535ll * 64});
  return scene::surfaceAtlasSize(skin, kAtlasTexel_mm, maxTexels);
}

// Loads the skin the pen works on: the scene's patch, or a mesh (--mesh, or the
// scene's surface.mesh) in millimetres.
bool loadSkin(const Options& options, const scene::Scene& scene, scene::SkinSurface& skin, std::string& error) {
  std::string meshFile = options.meshFile.empty() ? scene.surfaceMesh : options.meshFile;
  if (meshFile.empty()) {
    skin = scene::patchSurface(scene);
    return true;
  }
  scene::SurfaceMesh mesh;
  std::vector<std::string> warnings;
  const char* key = options.meshFile.empty() ? "surface.mesh" : "--mesh";
  if (!scene::loadSurfaceMesh(meshFile, mesh, error, warnings)) {
    error = std::string(key) + ": " + error;
    return false;
  }
  for (auto& warning : warnings) std::fprintf(stderr, "needlesim: warning: %s\n", warning.c_str());
  float scale = scene::fitToMillimetres(mesh);
  if (scale != 1.0f)
    std::fprintf(stderr, "needlesim: warning: %s: scaled by %.4g to be used (its units are not millimetres)\n",
                 mesh.path.c_str(), scale);
  skin = scene::meshSurface(std::move(mesh));
  return true;
}

// The view a run starts with: the renderer's framing of the skin, the cut through a
// row of pretreated channels, the micro view over it.
ViewState startView(const scene::Scene& scene, const scene::SkinSurface& skin, const sim::GridShape& shape,
                    bool panels) {
  render::FrameView initial = render::initialView(scene, skin);
  ViewState view{initial.camera, initial.settings};
  view.settings.fieldSliceY = defaultCutSlice(scene, shape);
  int slice = view.settings.fieldSliceY >= 0 ? view.settings.fieldSliceY : shape.ny / 2;
  view.settings.microCentre_mm = {0.0f, float(((slice + 0.5) * shape.hy_um - shape.ny * shape.hy_um / 2) / 1000.0)};
  view.settings.showMicroView = panels;
  return view;
}

GpuHostConfig hostConfig(const Options& options) {
  GpuHostConfig config;
  config.validation = options.validate;
  config.device = options.device;
  config.headless = options.headless;
  config.extent = {uint32_t(options.width), uint32_t(options.height)};
  config.fullscreen = options.mode == "kiosk";
  config.overlay = !options.noUi;
  config.vsync = options.vsync;
  config.pipelineCachePath = vk::defaultPipelineCachePath();
  // The view's scale follows the frames' cost; a screenshot's frame is drawn whole
  // (frame_loop.cpp: keptFrameNow).
  config.adaptiveScene = true;
  config.pinnedScale = options.renderScale.value_or(0.0f);
  return config;
}

// The panels' scale: the monitor's content scale (a projector's, a HiDPI panel's),
// or --ui-scale (a feature may set its own when it starts: a kiosk's).
void setStartScale(Run& run) {
  GpuHost& host = run.host;
  if (!host.overlay.active) return;
  float scale = 1.0f;
  if (!run.options.headless && host.window.handle) glfwGetWindowContentScale(host.window.handle, &scale, &scale);
  float wide = float(host.target.extent.width);  // (more than the window can show would cut text off)
  ui::setOverlayScale(host.ctx, host.overlay, ui::fittingScale(run.options.uiScale.value_or(scale), wide));
}

// The run's own parts and its features started; false with one line.
bool startRun(Run& run, const glm::ivec2& atlas, std::vector<std::unique_ptr<Feature>> features, std::string& error) {
  run.cameraControls.home = run.view.camera;
  run.penControls.dial_mm = run.scene.pen.depth_mm;
  if (!run.options.headless) attachCameraControls(run.host.window.handle, run.cameraControls, run.view.camera);
  run.features = std::move(features);
  forEachFeature(run, [&](Feature& f) { f.prepare(run); });
  if (startDialogWanted(run.options))
    openStartDialog(run);  // the session starts when it is answered
  else
    startTraineeSession(run);
  run.healingAtlas = atlas;
  run.frameStatsShown = run.options.frameStats;
  setStartScale(run);
  for (const std::unique_ptr<Feature>& f : run.features)
    if (!f->start(run, error)) return false;
  return true;
}

// Destroys what openRun made, in reverse.
void destroyParts(LiveRun& live) {
  if (live.run) {
    for (const std::unique_ptr<Feature>& f : live.run->features) f->end(*live.run);
    live.run.reset();
  }
  endRecords(live.records);
  if (live.hostCreated) vk::waitAllFrames(live.host.ctx, live.host.frames);
  if (live.simCreated) destroySimulation(live.sim);
  if (live.hostCreated) destroyGpuHost(live.host);
  live.simCreated = live.hostCreated = false;
}

}  // namespace

int badInput(const std::string& message) {
  std::fprintf(stderr, "needlesim: %s\n", message.c_str());
  return kExitBadInput;
}

int runScene(const Options& options, const scene::Scene& scene, RunInputs inputs, HalfResult* half) {
  LiveRun live;
  int code = kExitOk;
  std::string error;
  if (!openRun(live, options, scene, std::move(inputs), code, error)) {
    std::fprintf(stderr, "needlesim: %s\n", error.c_str());
    return code;
  }
  runFrames(live);
  return closeRun(live, half);
}

bool openRun(LiveRun& live, const Options& options, const scene::Scene& scene, RunInputs inputs, int& code,
             std::string& error) {
  live.options = options;
  live.scene = scene;
  code = kExitBadInput;
  if (!loadSkin(live.options, live.scene, live.skin, error)) return false;
  if (!createSession(live.options, live.scene, live.skin, live.session, error)) return false;
  if (!beginRecords(live.options, live.records, error)) {  // from here on earlier statements go out in the background
    std::string ignored;
    finishSession(live.session, ignored);
    return false;
  }
  std::signal(SIGINT, onStopSignal);
  std::signal(SIGTERM, onStopSignal);
  if (!createGpuHost(hostConfig(live.options), live.host, error)) {
    std::string ignored;
    finishSession(live.session, ignored);
    endRecords(live.records);
    code = kExitRuntime;
    return false;
  }
  live.hostCreated = true;
  glm::ivec2 atlas = healingAtlasSize(live.host.ctx, live.skin);
  createSimulation(live.host.ctx, live.host.pipelineCache, live.scene, live.skin, live.options, live.sim, atlas);
  live.simCreated = true;
  createHostRenderer(live.host, live.scene, live.skin, publishedField(live.sim));
  updateSummary(live.sim);
  bool panels = !live.options.noUi;
  live.run.emplace(live.options, live.scene, live.skin, live.host, live.sim, live.session,
                   startView(live.scene, live.skin, mainSolver(live.sim).shape, panels));
  Run& run = *live.run;
  run.records = &live.records;
  if (!startRun(run, atlas, std::move(inputs.features), error)) {
    std::string ignored;
    finishSession(live.session, ignored);
    destroyParts(live);
    return false;
  }
  g_faultRun = &live;
  vk::setFatalHandler(onFatalGpuFault);
  if (!live.options.headless) setDisplayLostHandler(onDisplayLost);
  code = kExitOk;
  return true;
}

void runFrames(LiveRun& live, long long frames) {
  Run& run = *live.run;
  const Options& options = live.options;
  // Headless with --sim-seconds, no --frames and no pen source: compute as fast as
  // possible, no frames.
  bool penDriven = live.session.pen.source != PenSourceKind::Interactive;
  bool framesNeeded = false;
  forEachFeature(run, [&](const Feature& f) { framesNeeded |= f.needsFrames(); });
  if (frames < 0 && options.headless && options.simSeconds && !options.frames && !penDriven && !framesNeeded)
    runBatch(live.sim, *options.simSeconds, g_stopRequested);
  else
    runLoop(run, frames);
}

int closeRun(LiveRun& live, HalfResult* half) {
  if (g_stopRequested) std::fprintf(stderr, "needlesim: stop requested: finishing the run\n");
  int code = half ? finishHalf(*live.run, *half) : finishRun(*live.run, live.report);
  g_faultRun = nullptr;  // a failure from here on has nothing left to save
  destroyParts(live);
  return code;
}

}  // namespace ns::runtime
