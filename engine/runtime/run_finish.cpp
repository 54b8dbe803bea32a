// The end of a run: its screenshot, records and report, assembled in one place —
// the run's own sections, then each feature's (runtime/feature.h).
#include <cmath>
#include <cstdio>

#include "runtime/live_run.h"
#include "runtime/report.h"
#include "runtime/split_compare.h"

namespace ns::runtime {
namespace {

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

// A screenshot's frame whole: the last one was drawn at a lower scale when the run
// ended in a way not known ahead (a stop signal, a frame count given to runFrames).
void wholeLastFrame(Run& run) {
  if (run.stats.framesRendered > 0 && run.host.lastScale < 1.0f) renderStill(run);
}

}  // namespace

int finishHalf(Run& run, HalfResult& half) {
  vk::waitAllFrames(run.host.ctx, run.host.frames);
  if (run.options.screenshotFile.size() && run.stats.framesRendered == 0) {
    finalTechnique(run.session, run.scene);
    for (int i = 0; i < 2; ++i) renderStill(run);
  }
  if (run.options.screenshotFile.size()) wholeLastFrame(run);
  if (run.options.screenshotFile.size()) half.image = captureFrame(run.host);
  const vk::Context& ctx = run.host.ctx;
  half.report = halfReport(ctx, run.sim, run.session, run.scene, run.stats.frames);
  std::string error;
  finishSession(run.session, error);
  return ctx.validation->errors.load() > 0 ? kExitRuntime : kExitOk;
}

namespace {

// --screenshot: the last frame. A batch (or an unrendered replay) renders nothing
// while it computes: frames show where it ended. Two: ImGui sizes auto-resizing
// windows on the first and shows them on the second. False when it could not be written.
bool writeScreenshot(Run& run, RunSummary& summary) {
  const std::string& file = run.options.screenshotFile;
  if (run.gpuFault || file.empty()) return true;
  if (run.stats.framesRendered == 0) {
    finalTechnique(run.session, run.scene);  // the panels show the whole session's assessment
    for (int i = 0; i < 2; ++i) renderStill(run);
  }
  if (run.stats.framesRendered == 0) return true;
  wholeLastFrame(run);
  std::string error;
  if (!core::writePng(file, captureFrame(run.host), error)) {
    std::fprintf(stderr, "needlesim: --screenshot: %s\n", error.c_str());
    return false;
  }
  summary.screenshot = file;
  std::fprintf(stderr, "needlesim: screenshot written to %s\n", file.c_str());
  return true;
}

// The skin mesh the run treated: its file, size, and each region painted on it with
// its area and whether it is a no-go (the technique rules' list, the lesson's own
// included). Nothing for the flat patch.
nlohmann::json surfaceReport(const scene::SkinSurface& skin, const scene::Scene& scene) {
  if (!skin.curved) return nullptr;
  const scene::SurfaceMesh& m = skin.mesh;
  std::vector<double> area = scene::regionAreas_mm2(m);
  nlohmann::json regions = nlohmann::json::array();
  for (size_t r = 0; r < m.regionNames.size(); ++r)
    if (area[r] > 0)
      regions.push_back({{"name", m.regionNames[r]}, {"area_cm2", std::round(area[r]) / 100.0},
                         {"no_go", training::isNoGoRegion(scene, m.regionNames[r])}});
  return {{"mesh", m.path}, {"vertices", m.positions.size()}, {"triangles", m.indices.size() / 3}, {"regions", regions}};
}

// The run's own numbers: the device, the frames, the simulation (each block caught
// up first, unless the GPU failed), the pen, the technique.
void summarise(Run& run, RunSummary& summary) {
  GpuHost& host = run.host;
  if (!run.gpuFault) {
    vk::waitAllFrames(host.ctx, host.frames);
    updateSummary(run.sim, true);  // every block's profile, each caught up
  }
  summary.simulation = simulationReport(run.sim);
  summary.healing = healingReport(run.sim);
  summary.pen = penReport(run.session.pen);
  summary.technique = training::techniqueJson(finalTechnique(run.session, run.scene));
  summary.channels = channelsReport(run.session.pen);
  summary.surface = surfaceReport(run.skin, run.scene);
  summary.version = NEEDLESIM_VERSION;
  summary.scenePath = run.scene.path;
  summary.sceneName = run.scene.name;
  summary.mode = run.options.mode;
  summary.headless = run.options.headless;
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
  summary.startup_s = run.stats.startup_s;
  summary.startupCpu_s = run.stats.startupCpu_s;
  summary.gpuComputeMs = host.computeMs;
  summary.gpuRenderMs = host.renderMs;
  for (size_t p = 0; p < kHostPassCount; ++p) summary.gpuPassMs.emplace_back(hostPassName(HostPass(p)), host.passMs[p]);
  summary.render = renderScaleReport(host);
  if (run.lesson) summary.lesson = lesson::lessonReport(run.lesson->lesson, run.lesson->progress);
  if (host.overlay.active) summary.ui = uiReport(run);
}

// The session's records (the store, the statements) and its picture for the
// Progress panel. False with a line when they could not be written.
bool writeRecords(Run& run, RunSummary& summary) {
  if (!run.records) return true;
  const scene::Scene& scene = run.scene;
  nlohmann::json session = {{"scene", {{"path", scene.path}, {"name", scene.name}, {"region", scene.tissue.region}}},
                            {"pen", summary.pen}, {"channels", summary.channels}, {"healing", summary.healing},
                            {"technique", summary.technique}, {"sim_time_s", run.sim.time_s}};
  std::string picture = summary.screenshot;  // the Progress panel's thumbnail of this session
  if (picture.empty() && !run.gpuFault) picture = saveSessionPicture(run);
  SessionOutcome outcome{scene.name.empty() ? scene.path : scene.name, run.options.mode, NEEDLESIM_VERSION,
                         run.session.coaching.report.score, run.session.pen.clock_s, session, summary.technique,
                         summary.lesson, picture};
  std::string error;
  summary.records = finishRecords(*run.records, outcome, error);
  if (error.empty()) return true;
  std::fprintf(stderr, "needlesim: records: %s\n", error.c_str());
  return false;
}

}  // namespace

int finishRun(Run& run, nlohmann::json& report, const char* gpuFault, const char* faultKey) {
  run.gpuFault = gpuFault;
  RunSummary summary;
  bool ok = writeScreenshot(run, summary);
  summarise(run, summary);
  std::string error;
  if (!finishSession(run.session, error)) {
    std::fprintf(stderr, "needlesim: --record: %s\n", error.c_str());
    ok = false;
  } else if (!run.options.recordFile.empty()) {
    std::fprintf(stderr, "needlesim: pen samples recorded to %s\n", run.options.recordFile.c_str());
  }
  ok &= writeRecords(run, summary);
  report = buildReport(summary);  // the run's own sections, then each feature's
  forEachFeature(run, [&](Feature& f) { f.report(run, report); });
  if (gpuFault) report[faultKey] = gpuFault;
  const std::string& file = run.options.reportFile;
  if (!file.empty() && writeReport(file, report, error)) {
    std::fprintf(stderr, "needlesim: report written to %s\n", file.c_str());
  } else if (!file.empty()) {
    std::fprintf(stderr, "needlesim: --report: %s\n", error.c_str());
    ok = false;
  }
  if (summary.validationErrors > 0) {
    std::fprintf(stderr, "needlesim: %u Vulkan validation errors (see above)\n", summary.validationErrors);
    ok = false;
  }
  std::optional<int> decided;
  forEachFeature(run, [&](const Feature& f) { decided = decided ? decided : f.exitCode(); });
  return ok ? decided.value_or(kExitOk) : kExitRuntime;
}

}  // namespace ns::runtime
