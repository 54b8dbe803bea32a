#include "runtime/app.h"

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include <GLFW/glfw3.h>

#include "runtime/compare.h"
#include "runtime/split_compare.h"
#include "runtime/run.h"
#include "runtime/records.h"
#include "runtime/report.h"
#include "sim/channel_stamp.h"
#include "vk/faults.h"
#include "vk/pipeline_cache.h"

namespace ns::runtime {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitRuntime = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitKioskGpuLost = 3;  // a kiosk whose GPU was lost: the day's list saved, restart me
constexpr double kAtlasTexel_mm = 0.3;

// SIGINT/SIGTERM end the run the normal way (screenshot, report, clean shutdown)
// instead of killing it mid-frame: scripts and kiosk supervisors stop us like this.
void onStopSignal(int) { g_stopRequested = 1; }

// The run a fatal Vulkan error (VK_CHECK) saves before the exit with status 1.
Run* g_faultRun = nullptr;
int finish(Run& run, const char* gpuFault = nullptr, const char* faultKey = "gpu_fault");
// A kiosk whose device was lost saves the day's list first and exits 3: its systemd
// unit restarts it on a fresh device (README, Kiosk).
// A kiosk's day's list, saved before a fault's exit (a line if it cannot be).
void saveDayBeforeExit(Run& run) {
  std::string error;
  if (run.kiosk && !saveKioskDay(*run.kiosk, error))
    std::fprintf(stderr, "needlesim: kiosk: the day's list was not saved: %s\n", error.c_str());
}

void onFatalGpuFault(const char* what) {
  if (Run* run = std::exchange(g_faultRun, nullptr)) {
    bool kioskLost = run->kiosk && std::strcmp(what, "VK_ERROR_DEVICE_LOST") == 0;
    std::fprintf(stderr, "needlesim: the GPU failed (%s): saving the session's report and records, then exit %d\n", what,
                 kioskLost ? kExitKioskGpuLost : kExitRuntime);
    if (kioskLost) saveDayBeforeExit(*run);
    finish(*run, what);
    if (kioskLost) {
      std::fprintf(stderr, "needlesim: kiosk: the day's list is in %s; exit %d so the stand's service restarts it\n",
                   run->kiosk->dayListPath.c_str(), kExitKioskGpuLost);
      std::fflush(stderr);
      std::_Exit(kExitKioskGpuLost);
    }
  }
}

// The display went away under the window (the X server killed or restarted): the
// session is saved as after a GPU fault (nothing touches the window or the GPU again),
// the report says `display_lost`; a kiosk saves its day's list and exits 3 for its
// service to restart it, anything else exits 1.
void onDisplayLost() {
  Run* run = std::exchange(g_faultRun, nullptr);
  if (!run) return;
  int code = run->kiosk ? kExitKioskGpuLost : kExitRuntime;
  std::fprintf(stderr, "needlesim: the display connection broke (X server gone): saving the session's report and records, then exit %d\n",
               code);
  saveDayBeforeExit(*run);
  finish(*run, "the display connection broke", "display_lost");
  std::fflush(stderr);
  std::_Exit(code);
}

int badInput(const std::string& message) {
  std::fprintf(stderr, "needlesim: %s\n", message.c_str());
  return kExitBadInput;
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
// hold on this device (and one dispatch of 64-wide groups, 65535 at least, covers
// all of it).
glm::ivec2 healingAtlasSize(const vk::Context& ctx, const scene::SkinSurface& skin) {
  long long maxTexels = std::min<long long>({4ll << 20, ctx.properties.limits.maxTexelBufferElements / 2, 65535ll * 64});
  return scene::surfaceAtlasSize(skin, kAtlasTexel_mm, maxTexels);
}

// The shipped scenes folder (the kiosk's defaults live in it): $NEEDLESIM_SCENES, else
// the source tree's, which the build names.
std::string shippedScenesDir() {
  const char* env = std::getenv("NEEDLESIM_SCENES");
  return env && *env ? env : NEEDLESIM_SCENES_DIR;
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

// ui.*: the scale and where the panels were in the last frame, with the share of
// the window they left the 3D view.
nlohmann::json uiReport(const Run& run) {
  nlohmann::json panels = nlohmann::json::array();
  auto rect = [](const ui::Rect& r) { return nlohmann::json{r.x, r.y, r.w, r.h}; };
  for (const ui::PlacedPanel& p : run.layout.panels)
    panels.push_back({{"name", p.name}, {"rect", rect(p.rect)}, {"collapsed", p.collapsed}, {"overflow_px", p.overflow}});
  VkRect2D micro = microViewRectOf(run);
  nlohmann::json layout = {{"view_fraction", run.layout.viewFraction}, {"view_area", rect(run.layout.viewArea)},
                           {"panels", panels}, {"panels_hidden", run.view.panelsHidden}};
  if (run.view.settings.showMicroView && run.view.settings.blockPlaced)
    layout["micro_view"] = {micro.offset.x, micro.offset.y, micro.extent.width, micro.extent.height};
  return {{"scale", run.host.overlay.scale}, {"layout", layout}, {"help_shown", run.helpShown}};
}

// One half of a --compare: its report (sim, pen, channels, healing, technique,
// validation) and its last frame, which the caller puts side by side.
struct HalfResult {
  nlohmann::json report;
  core::ImageRGBA8 image;
};

int finishHalf(Run& run, HalfResult& half) {
  vk::waitAllFrames(run.host.ctx, run.host.frames);
  if (run.options.screenshotFile.size() && run.stats.framesRendered == 0) {
    finalTechnique(run.session, run.scene);
    for (int i = 0; i < 2; ++i) renderStill(run);
  }
  if (run.options.screenshotFile.size()) half.image = captureFrame(run.host);
  const vk::Context& ctx = run.host.ctx;
  half.report = halfReport(ctx, run.sim, run.session, run.scene, run.stats.frames);
  std::string error;
  finishSession(run.session, error);
  return ctx.validation->errors.load() > 0 ? kExitRuntime : kExitOk;
}

// Writes the screenshot, records and report. After a fatal GPU fault (`gpuFault`:
// what failed) nothing touches the GPU: the report carries the last summary the
// simulation published and says what failed (under `faultKey`: `gpu_fault`, or
// `display_lost` when the display went away).
int finish(Run& run, const char* gpuFault, const char* faultKey) {
  const Options& options = run.options;
  GpuHost& host = run.host;
  Simulation& sim = run.sim;
  PenSession& pen = run.session.pen;
  const scene::Scene& scene = run.scene;
  std::string error;
  int code = kExitOk;
  RunSummary summary;
  // A batch (or an unrendered replay) renders nothing while it computes: frames
  // show where it ended. Two: ImGui sizes auto-resizing windows on the first and
  // shows them on the second.
  if (!gpuFault && !options.screenshotFile.empty() && run.stats.framesRendered == 0) {
    finalTechnique(run.session, scene);  // the panels show the whole session's assessment
    for (int i = 0; i < 2; ++i) renderStill(run);
  }
  if (!gpuFault && !options.screenshotFile.empty() && run.stats.framesRendered > 0) {
    core::ImageRGBA8 image = captureFrame(host);
    if (core::writePng(options.screenshotFile, image, error)) {
      summary.screenshot = options.screenshotFile;
      std::fprintf(stderr, "needlesim: screenshot written to %s\n", options.screenshotFile.c_str());
    } else {
      std::fprintf(stderr, "needlesim: --screenshot: %s\n", error.c_str());
      code = kExitRuntime;
    }
  }
  if (!gpuFault) {
    vk::waitAllFrames(host.ctx, host.frames);
    updateSummary(sim, true);  // every block's profile, each caught up
  }
  summary.simulation = simulationReport(sim);
  summary.healing = healingReport(sim);
  summary.pen = penReport(pen);
  summary.technique = training::techniqueJson(finalTechnique(run.session, scene));
  summary.channels = channelsReport(pen);
  if (!finishSession(run.session, error)) {
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
  summary.frames = run.stats.frames;
  summary.framesRendered = run.stats.framesRendered;
  summary.frameMs = run.stats.frameMs;
  summary.gpuComputeMs = host.computeMs;
  summary.gpuRenderMs = host.renderMs;
  nlohmann::json session = {{"scene", {{"path", scene.path}, {"name", scene.name}, {"region", scene.tissue.region}}},
                            {"pen", summary.pen}, {"channels", summary.channels}, {"healing", summary.healing},
                            {"technique", summary.technique}, {"sim_time_s", sim.time_s}};
  if (run.lesson) summary.lesson = lesson::lessonReport(run.lesson->lesson, run.lesson->progress);
  std::string picture = summary.screenshot;  // the Progress panel's thumbnail of this session
  if (picture.empty() && !gpuFault) picture = saveSessionPicture(run);
  SessionOutcome outcome{scene.name.empty() ? scene.path : scene.name, options.mode, NEEDLESIM_VERSION,
                         run.session.coaching.report.score, pen.clock_s, session, summary.technique, summary.lesson,
                         picture};
  if (run.records) summary.records = finishRecords(*run.records, outcome, error);
  if (!error.empty()) {
    std::fprintf(stderr, "needlesim: records: %s\n", error.c_str());
    code = kExitRuntime;
  }
  if (host.overlay.active) summary.ui = uiReport(run);
  if (run.educator.active) summary.educator = {{"annotations", annotationsJson(run.educator)}};
  if (run.ghost.active) summary.ghost = ghostReport(run.ghost);
  if (run.review.active) summary.review = reviewReport(run.review, pen.clock_s);
  if (run.split && !gpuFault) {  // the split window: both halves as the headless compare reports them
    SplitCompare& split = *run.split;
    summary.compare = {{"key", split.key}, {"values", split.values},
                       {"a", halfReport(host.ctx, sim, run.session, scene, run.stats.frames)},
                       {"b", halfReport(host.ctx, split.sim, split.session, split.scene, run.stats.frames)}};
  }
  if (run.kiosk) summary.kiosk = kioskReport(*run.kiosk);
  if (!options.reportFile.empty()) {
    nlohmann::json report = buildReport(summary);
    if (gpuFault) report[faultKey] = gpuFault;
    if (writeReport(options.reportFile, report, error)) {
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

namespace {
int runScene(const Options& options, const scene::Scene& scene, std::optional<LessonState> lesson,
             EducatorState educator, Ghost ghost, HalfResult* half, std::optional<KioskState> kiosk = std::nullopt,
             SplitCompare* split = nullptr);
int runCompare(const Options& options);
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
  std::error_code ec;
  if (!options.outboxDir.empty()) {  // created when missing (parents too)
    std::filesystem::create_directories(options.outboxDir, ec);
    if (!std::filesystem::is_directory(options.outboxDir))
      return badInput("--outbox: " + options.outboxDir + ": cannot create the folder" + (ec ? " (" + ec.message() + ")" : ""));
  }
  EducatorState educator;
  educator.active = options.mode == "educator";
  for (const std::string& spec : options.pins) {
    Pin pin;
    std::string expected;
    if (!parsePinSpec(spec, pin, expected)) return badInput("--pin: expected " + expected + ", got '" + spec + "'");
    if (!educator.active) return badInput("--pin: annotation pins need --mode educator");
    addPin(educator, pin.pos_mm, pin.label);
  }
  if (!checkOutputPath("--screenshot", options.screenshotFile, error) ||
      !checkOutputPath("--report", options.reportFile, error))
    return badInput(error);
  std::optional<LessonState> lesson;
  if (!options.lessonFile.empty()) {  // checked whole before anything starts
    std::string lessonScene;
    if (!loadLessonFor(options.lessonFile, lesson.emplace(), lessonScene, error)) return badInput("--lesson: " + error);
    if (options.sceneFile.empty()) options.sceneFile = lessonScene;
  }
  if (!options.seeks.empty()) {  // a review's seeks: of a recording, played again from its start
    if (options.replayFile.empty()) return badInput("--seek: needs --replay FILE (the recording to review)");
    if (!options.recordFile.empty()) return badInput("--seek: cannot run with --record (a seek plays the recording again)");
    if (lesson || options.mode == "kiosk" || !options.compare.empty())
      return badInput("--seek: reviews a plain --replay (not with --lesson, --compare or --mode kiosk)");
  }
  std::optional<KioskState> kiosk;
  if (!options.kioskConfig.empty() && options.mode != "kiosk") return badInput("--kiosk-config: needs --mode kiosk");
  if (options.mode == "kiosk") {  // its settings and guided try checked whole before anything starts
    if (lesson) return badInput("--lesson: a kiosk runs its own guided try (--kiosk-config's guided_try)");
    std::string kioskScene;
    if (!loadKioskFor(options.kioskConfig, shippedScenesDir(), kiosk.emplace(), kioskScene, error)) return badInput(error);
    if (options.sceneFile.empty()) options.sceneFile = kioskScene;
  }
  if (!options.compare.empty()) return runCompare(options);
  scene::Scene scene;
  if (!loadSceneFor(options, scene, error)) return badInput(error);
  if (kiosk) scene.training.zone_width_mm = kiosk->config.practiceSquare_mm;  // a try is a practice square
  Ghost ghost;
  if (!options.ghostFile.empty() && !loadGhost(options.ghostFile, ghost, error)) return badInput(error);
  return runScene(options, scene, std::move(lesson), std::move(educator), std::move(ghost), nullptr, std::move(kiosk));
}

namespace {

int runScene(const Options& options, const scene::Scene& scene, std::optional<LessonState> lesson,
             EducatorState educator, Ghost ghost, HalfResult* half, std::optional<KioskState> kiosk, SplitCompare* split) {
  std::string error;
  scene::SkinSurface skin;
  if (!loadSkin(options, scene, skin, error)) return badInput(error);
  Session session;
  if (!createSession(options, scene, skin, session, error)) return badInput(error);
  RecordsRun records;  // from here on statements left by earlier runs go out in the background
  if (!beginRecords(options, records, error)) {
    finishSession(session, error);
    return badInput(error);
  }

  GpuHostConfig config;
  config.validation = options.validate;
  config.device = options.device;
  config.headless = options.headless;
  config.extent = {uint32_t(options.width), uint32_t(options.height)};
  config.fullscreen = options.mode == "kiosk";
  config.overlay = !options.noUi;
  config.vsync = options.vsync;
  config.pipelineCachePath = vk::defaultPipelineCachePath();
  config.adaptiveScene = options.screenshotFile.empty();  // a screenshot keeps full quality
  std::signal(SIGINT, onStopSignal);
  std::signal(SIGTERM, onStopSignal);
  GpuHost host;
  if (!createGpuHost(config, host, error)) {
    std::fprintf(stderr, "needlesim: %s\n", error.c_str());
    finishSession(session, error);
    endRecords(records);
    return kExitRuntime;
  }
  Simulation sim;
  glm::ivec2 atlas = healingAtlasSize(host.ctx, skin);
  createSimulation(host.ctx, host.pipelineCache, scene, skin, options, sim, atlas);
  createHostRenderer(host, scene, skin, publishedField(sim));
  updateSummary(sim);
  Run run{options, scene, skin, host, sim, session, startView(scene, skin, mainSolver(sim).shape, !options.noUi && !kiosk)};
  run.cameraControls.home = run.view.camera;
  run.lesson = std::move(lesson);
  run.records = &records;
  if (run.lesson) beginLesson(run, *run.lesson);
  if (startDialogWanted(options, kiosk.has_value()))
    openStartDialog(run);  // the session starts when it is answered
  else
    startTraineeSession(run);
  run.educator = std::move(educator);
  run.ghost = std::move(ghost);
  run.kiosk = std::move(kiosk);
  run.healingAtlas = atlas;
  if (split) {  // B's half beside A's (runtime/split_compare.h)
    if (!createSplit(run, *split, error)) {
      finishSession(session, error);
      endRecords(records);
      return badInput(error);
    }
    run.split = split;
    run.penControls.splitView = true;
  }
  run.view.panelsHidden = !options.compareLabel.empty();  // each half of a compare is half a screen: the skin and its numbers
  if (host.overlay.active) {  // the monitor's content scale (a projector's, a HiDPI panel's), or --ui-scale
    float scale = 1.0f;
    if (!options.headless && host.window.handle) glfwGetWindowContentScale(host.window.handle, &scale, &scale);
    if (run.kiosk) {  // read from two metres: the text follows the display's height (1.5x at 1080p, 2.5x at 4K)
      int w = 0, h = int(host.target.extent.height);
      if (!options.headless && host.window.handle) glfwGetFramebufferSize(host.window.handle, &w, &h);
      scale = std::clamp(float(h) / 720.0f, 1.0f, 2.5f);
    }
    float wide = float(host.target.extent.width);  // (more than the window can show would cut text off)
    ui::setOverlayScale(host.ctx, host.overlay, run.kiosk ? scale : ui::fittingScale(options.uiScale.value_or(scale), wide));
  }
  if (reviewWanted(options, run.lesson.has_value(), run.kiosk.has_value()) && !beginReview(run, error)) {
    std::fprintf(stderr, "needlesim: review: %s\n", error.c_str());  // (the replay was read already: not expected)
    run.review.active = false;
  }
  g_faultRun = &run;
  vk::setFatalHandler(onFatalGpuFault);
  if (!options.headless) setDisplayLostHandler(onDisplayLost);
  // Headless with --sim-seconds, no --frames and no pen source: compute as fast as
  // possible, no frames.
  bool penDriven = session.pen.source != PenSourceKind::Interactive;
  if (options.headless && options.simSeconds && !options.frames && !penDriven && !run.lesson && !run.kiosk)
    runBatch(sim, *options.simSeconds, g_stopRequested);
  else
    runLoop(run);
  if (g_stopRequested) std::fprintf(stderr, "needlesim: stop requested: finishing the run\n");
  int code = half ? finishHalf(run, *half) : finish(run);
  g_faultRun = nullptr;  // a failure from here on has nothing left to save
  endRecords(records);
  vk::waitAllFrames(host.ctx, host.frames);
  if (split) destroySplit(*split);
  destroySimulation(sim);
  destroyGpuHost(host);
  return code;
}

// The two halves side by side, A on the left.
core::ImageRGBA8 sideBySide(const core::ImageRGBA8& a, const core::ImageRGBA8& b) {
  core::ImageRGBA8 out;
  out.width = a.width + b.width;
  out.height = std::max(a.height, b.height);
  out.pixels.assign(size_t(out.width) * out.height * 4, 0);
  for (uint32_t y = 0; y < out.height; ++y) {
    if (y < a.height) std::copy_n(&a.pixels[size_t(y) * a.width * 4], a.width * 4, &out.pixels[size_t(y) * out.width * 4]);
    if (y < b.height)
      std::copy_n(&b.pixels[size_t(y) * b.width * 4], b.width * 4, &out.pixels[(size_t(y) * out.width + a.width) * 4]);
  }
  return out;
}

// --compare KEY=A,B: each half its own run of the scene with the key set, the same
// pen input, to the same simulated time; the report holds both (compare.a.*,
// compare.b.*), a screenshot shows them side by side, each half the width.
int runCompare(const Options& options) {
  CompareSpec spec;
  std::string expected, error;
  if (!parseCompareSpec(options.compare, spec, expected))
    return badInput("--compare: expected " + expected + ", got '" + options.compare + "'");
  if (!options.lessonFile.empty()) return badInput("--compare: cannot run with --lesson");
  scene::Scene scenes[2];
  const nlohmann::json* values[2] = {&spec.a, &spec.b};
  for (int i = 0; i < 2; ++i)  // both checked before either runs
    if (!loadComparedScene(options.sceneFile, spec.key, *values[i], scenes[i], error)) return badInput(error);
  auto label = [&](int i) { return std::string(i == 0 ? "A" : "B") + ": " + spec.key + " = " + (i == 0 ? spec.aText : spec.bText); };
  nlohmann::json shownValues = {spec.a.is_discarded() ? nlohmann::json(kSceneValue) : spec.a,
                                spec.b.is_discarded() ? nlohmann::json(kSceneValue) : spec.b};
  if (!options.headless) {  // the window split in two, both halves in step (runtime/split_compare.h)
    Options a = options;
    a.recordFile.clear();
    a.outboxDir.clear();  // a demonstration, not a trainee's session: no records, no start dialog
    a.trainee.clear();
    a.dataDir.clear();
    a.lrsUrl.clear();
    a.guest = true;
    a.dialFromScene = spec.key == "pen.depth_mm";
    a.compareLabel = label(0);
    SplitCompare split;
    split.scene = scenes[1];
    split.key = spec.key;
    split.labelA = label(0);
    split.labelB = label(1);
    split.values = shownValues;
    split.dialFromScene = a.dialFromScene;
    EducatorState educator;
    educator.active = options.mode == "educator";
    return runScene(a, scenes[0], std::nullopt, educator, Ghost{}, nullptr, std::nullopt, &split);
  }
  HalfResult halves[2];
  int code = kExitOk;
  for (int i = 0; i < 2 && !g_stopRequested; ++i) {
    Options half = options;
    half.reportFile.clear();
    half.recordFile.clear();
    half.outboxDir.clear();  // a compare is a demonstration, not a trainee's session: no records
    half.trainee.clear();
    half.dataDir.clear();
    half.lrsUrl.clear();
    half.width = std::max(64, options.width / 2);
    half.dialFromScene = spec.key == "pen.depth_mm";
    half.compareLabel = label(i);
    EducatorState educator;
    educator.active = options.mode == "educator";
    int halfCode = runScene(half, scenes[i], std::nullopt, educator, Ghost{}, &halves[i]);
    if (halfCode == kExitBadInput) return halfCode;
    code = std::max(code, halfCode);
  }
  if (!options.screenshotFile.empty()) {
    if (core::writePng(options.screenshotFile, sideBySide(halves[0].image, halves[1].image), error)) {
      std::fprintf(stderr, "needlesim: screenshot written to %s (A left, B right)\n", options.screenshotFile.c_str());
    } else {
      std::fprintf(stderr, "needlesim: --screenshot: %s\n", error.c_str());
      code = kExitRuntime;
    }
  }
  auto count = [&](const char* key) {
    return halves[0].report["validation"].value(key, 0u) + halves[1].report["validation"].value(key, 0u);
  };
  nlohmann::json report = {
      {"version", NEEDLESIM_VERSION}, {"mode", options.mode}, {"headless", options.headless},
      {"scene", {{"path", scenes[0].path}, {"name", scenes[0].name}}},
      {"validation", {{"enabled", halves[0].report["validation"].value("enabled", false)},
                      {"errors", count("errors")}, {"warnings", count("warnings")}}},
      {"compare", {{"key", spec.key}, {"values", shownValues}, {"a", halves[0].report}, {"b", halves[1].report}}}};
  if (!options.reportFile.empty()) {
    if (writeReport(options.reportFile, report, error)) {
      std::fprintf(stderr, "needlesim: report written to %s\n", options.reportFile.c_str());
    } else {
      std::fprintf(stderr, "needlesim: --report: %s\n", error.c_str());
      code = kExitRuntime;
    }
  }
  return code;
}

}  // namespace

}  // namespace ns::runtime
