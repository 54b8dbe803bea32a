#include "runtime/app.h"

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>

#include "runtime/run.h"
#include "runtime/records.h"
#include "runtime/report.h"
#include "sim/channel_stamp.h"
#include "vk/pipeline_cache.h"

namespace ns::runtime {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitRuntime = 1;
constexpr int kExitBadInput = 2;
constexpr double kAtlasTexel_mm = 0.3;

// SIGINT/SIGTERM end the run the normal way (screenshot, report, clean shutdown)
// instead of killing it mid-frame: scripts and kiosk supervisors stop us like this.
void onStopSignal(int) { g_stopRequested = 1; }

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

int finish(Run& run) {
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
  if (!options.screenshotFile.empty() && run.stats.framesRendered == 0) {
    finalTechnique(run.session, scene);  // the panels show the whole session's assessment
    for (int i = 0; i < 2; ++i) renderStill(run);
  }
  if (!options.screenshotFile.empty() && run.stats.framesRendered > 0) {
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
  updateSummary(sim, true);  // every block's profile, each caught up
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
  RecordsResult records = writeSessionRecords(options.outboxDir, session, run.session.coaching.report.score,
                                              pen.clock_s, scene.name.empty() ? scene.path : scene.name, options.mode);
  if (!records.error.empty()) {
    std::fprintf(stderr, "needlesim: --outbox: %s\n", records.error.c_str());
    code = kExitRuntime;
  }
  if (run.lesson) summary.lesson = lesson::lessonReport(run.lesson->lesson, run.lesson->progress);
  summary.records = {{"outbox", records.outbox}, {"statements", records.statements}, {"files", records.files}};
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
  std::error_code ec;
  if (!options.outboxDir.empty() && !std::filesystem::is_directory(options.outboxDir, ec))
    return badInput("--outbox: " + options.outboxDir + ": not an existing folder");
  if (!checkOutputPath("--screenshot", options.screenshotFile, error) ||
      !checkOutputPath("--report", options.reportFile, error))
    return badInput(error);
  std::optional<LessonState> lesson;
  if (!options.lessonFile.empty()) {  // checked whole before anything starts
    std::string lessonScene;
    if (!loadLessonFor(options.lessonFile, lesson.emplace(), lessonScene, error)) return badInput("--lesson: " + error);
    if (options.sceneFile.empty()) options.sceneFile = lessonScene;
  }
  scene::Scene scene;
  if (!loadSceneFor(options, scene, error)) return badInput(error);
  scene::SkinSurface skin;
  if (!loadSkin(options, scene, skin, error)) return badInput(error);
  Session session;
  if (!createSession(options, scene, skin, session, error)) return badInput(error);

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
    finishSession(session, error);
    return kExitRuntime;
  }
  Simulation sim;
  createSimulation(host.ctx, host.pipelineCache, scene, skin, options, sim, healingAtlasSize(host.ctx, skin));
  createHostRenderer(host, scene, skin, publishedField(sim));
  updateSummary(sim);
  Run run{options, scene, skin, host, sim, session, startView(scene, skin, mainSolver(sim).shape, !options.noUi)};
  run.cameraControls.home = run.view.camera;
  run.lesson = std::move(lesson);
  if (run.lesson) beginLesson(run, *run.lesson);
  // Headless with --sim-seconds, no --frames and no pen source: compute as fast as
  // possible, no frames.
  bool penDriven = session.pen.source != PenSourceKind::Interactive;
  if (options.headless && options.simSeconds && !options.frames && !penDriven && !run.lesson)
    runBatch(sim, *options.simSeconds, g_stopRequested);
  else
    runLoop(run);
  if (g_stopRequested) std::fprintf(stderr, "needlesim: stop requested: finishing the run\n");
  int code = finish(run);
  vk::waitAllFrames(host.ctx, host.frames);
  destroySimulation(sim);
  destroyGpuHost(host);
  return code;
}

}  // namespace ns::runtime
