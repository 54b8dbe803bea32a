// The end of a run: its screenshot, records and report, assembled in one place —
// the run's own sections, then each feature's (runtime/feature.h).
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

}  // namespace

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

int finishRun(Run& run, nlohmann::json& report, const char* gpuFault, const char* faultKey) {
  run.gpuFault = gpuFault;
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
  if (run.review.active) summary.review = reviewReport(run.review, pen.clock_s);
  if (run.kiosk) summary.kiosk = kioskReport(*run.kiosk);
  report = buildReport(summary);  // the run's own sections, then each feature's
  forEachFeature(run, [&](Feature& f) { f.report(run, report); });
  if (gpuFault) report[faultKey] = gpuFault;
  if (!options.reportFile.empty()) {
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


}  // namespace ns::runtime
