#include <GLFW/glfw3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <thread>
#include <utility>

#include "core/files.h"
#include "core/process_clock.h"
#include "runtime/records.h"
#include "scene/skin_surface.h"
#include "ui/frame_panel.h"
#include "ui/serum_panel.h"  // formatDuration
#include "runtime/run.h"

namespace ns::runtime {

volatile std::sig_atomic_t g_stopRequested = 0;

namespace {

using Clock = std::chrono::steady_clock;
constexpr long long kDefaultHeadlessFrames = 120;
constexpr double kHeadlessFrame_s = 1.0 / 60.0;
constexpr float kFocusDistance_mm = 45.0f;  // F: a few cm of skin around the treated spot

LoopPlan planLoop(const Options& o, const PenSession& pen) {
  LoopPlan plan;
  // A camera's video file plays back like a replay; a camera device is live like OSC.
  bool replay = playedFromFile(pen), osc = pen.source == PenSourceKind::Osc || pen.source == PenSourceKind::Camera;
  plan.stopAt_s = o.simSeconds.value_or(-1.0);
  plan.replayEnds = o.headless && replay && !o.frames;
  plan.batchAfterReplay = plan.replayEnds && o.simSeconds.has_value();
  bool openEnded = o.simSeconds || replay || osc;  // the run ends on its own terms, not after N frames
  plan.frameLimit = o.frames.value_or(o.headless && !openEnded ? kDefaultHeadlessFrames : -1);
  // Headless frames nobody sees are not rendered: a replay or a --sim-seconds run
  // computes; --frames N (and the plain headless run) renders its N frames.
  plan.renderEveryFrame = !o.headless || o.frames.has_value() || !openEnded;
  return plan;
}

bool loopFinished(const Run& run, const LoopPlan& plan) {
  if (g_stopRequested || run.quitNow) return true;
  if (plan.frameLimit >= 0 && (long long)run.stats.frames >= plan.frameLimit) return true;
  if (plan.stopAt_s >= 0 && simulatedTime(run.sim) >= plan.stopAt_s) return true;
  return plan.replayEnds && replayFinished(run.session.pen);
}

// Pen time a frame represents: replays and headless runs without a live source
// step a fixed 1/60 s (repeatable at any frame rate), as does a camera's video file;
// live sources (window, OSC, a camera device) follow the wall clock, headless too.
double penStep(const Run& run, double wallDt) {
  const PenSession& pen = run.session.pen;
  if (playedFromFile(pen)) return kHeadlessFrame_s;
  if (run.options.headless && pen.source == PenSourceKind::Interactive) return kHeadlessFrame_s;
  return wallDt;
}

// The view's horizontal in the treatment frame, which names pass directions: on the
// patch in the window, the screen's x axis on the skin (what the trainee sees);
// headless, the scene's x; on a mesh, the skin's horizontal (across the face).
glm::dvec2 viewAxis(const Run& run) {
  if (run.options.headless || !scene::treatmentFrameIsScene(run.skin)) return {1.0, 0.0};
  glm::dvec3 forward = glm::dvec3(run.view.camera.target) - glm::dvec3(render::eyePosition(run.view.camera));
  glm::dvec2 right(glm::cross(forward, glm::dvec3(0.0, 0.0, 1.0)));
  return glm::length(right) > 1e-9 ? glm::normalize(right) : glm::dvec2(1.0, 0.0);
}

// The frame panel's numbers: the host's smoothed pass times, the last frame's wall
// time, the view's scale and why.
ui::FrameStatsView frameStatsView(const Run& run) {
  const GpuHost& host = run.host;
  ui::FrameStatsView v;
  for (size_t p = 0; p < kHostPassCount; ++p) {
    if (HostPass(p) == HostPass::Simulation) continue;
    v.passes.push_back({hostPassName(HostPass(p)), host.smoothPassMs[p]});
    if (HostPass(p) != HostPass::Present) v.gpuRender_ms += host.smoothPassMs[p];
  }
  v.gpuSimulation_ms = host.smoothPassMs[size_t(HostPass::Simulation)];
  v.frame_ms = run.stats.frameMs.count ? core::lastValues(run.stats.frameMs, 1).back() : 0.0;
  v.scale = host.scalable ? render::currentRenderScale(host.scaleControl) : 1.0f;
  v.scaleReason = host.scalable ? host.scaleControl.reason : "dynamic resolution off";
  v.budget_ms = host.scaleControl.budget_ms;
  v.width = host.target.extent.width;
  v.height = host.target.extent.height;
  return v;
}

// --screenshot keeps the run's last frame: that one is drawn whole (the others at
// the live scale). Known ahead when the run ends on a frame count, a simulated
// time or the end of a replay; any other end (a stop signal) draws a still frame
// whole before the capture (run_finish.cpp).
bool keptFrameNow(const Run& run) {
  if (run.options.screenshotFile.empty()) return false;
  if (run.stillFrame) return true;
  const LoopPlan& plan = run.plan;
  if (plan.frameLimit >= 0 && (long long)run.stats.frames + 1 >= plan.frameLimit) return true;
  if (plan.stopAt_s >= 0 && simulatedTime(run.sim) >= plan.stopAt_s) return true;
  return plan.replayEnds && replayFinished(run.session.pen);
}

}  // namespace

void applyRequestsNow(Run& run, ui::UiRequests requests) {
  forEachFeature(run, [&](Feature& f) { f.apply(run, requests); });
  applyViewRequests(run.view, requests);
  if (requests.skinTone) setSkinType(run.session, *requests.skinTone);
  if (requests.paused) run.sim.paused = *requests.paused;
  if (requests.timeScale) run.sim.timeScale = *requests.timeScale;
  if (requests.dialLimits_mm) {
    auto [lo, hi] = *requests.dialLimits_mm;
    run.penControls.dialMin_mm = lo;
    run.penControls.dialMax_mm = hi;
    run.penControls.dial_mm = std::clamp(run.penControls.dial_mm, lo, hi);
  }
  if (requests.dial_mm) {
    run.penControls.dial_mm = *requests.dial_mm;
    run.session.pen.interactive.depth_mm = *requests.dial_mm;
  }
  run.pendingJump_s += requests.scriptedJump_s;
  if (requests.stepOnce && run.sim.paused)  // '.': one 1/60 s frame at the time scale
    run.pendingJump_s += kHeadlessFrame_s * run.sim.timeScale;
  run.pendingJump_s += requests.jump_s;
  recordTimeJump(run.session.pen, requests.jump_s);
  if (requests.serum) {  // the Serum panel's choice: on the skin from now
    std::string error;
    if (!applySerumNow(run, *requests.serum, error)) std::fprintf(stderr, "needlesim: %s\n", error.c_str());
  }
  applyTraineeRequests(run, requests);
  if (requests.progressTrainee && run.records)  // educator: another trainee's progress
    showProgress(run, progressView(*run.records, *requests.progressTrainee, true));
  if (requests.exportSummary) {
    std::string error, written = exportSummary(run, error);
    run.lastExport = written.empty() ? "export failed: " + error : "written: " + written;
    showNotice(run, run.lastExport);
  }
  if (requests.uiScale)  // (held to what the window's width shows without cutting text off)
    ui::setOverlayScale(run.host.ctx, run.host.overlay, ui::fittingScale(*requests.uiScale, float(run.host.target.extent.width)));
  if (requests.quit) run.quitNow = true;
  if (requests.stayOpen) run.quitAsked = false;
}

namespace {

// 1. What the panels and keys asked for in the last frame, applied in one place.
void applyRequests(Run& run) { applyRequestsNow(run, std::exchange(run.requests, {})); }

// 2. The window's events: the camera, keys, and the interactive pen's sample for
// this frame. False when the window asks to close.
bool gatherWindowInput(Run& run, double wallDt, input::PenSample& interactive) {
  GpuHost& host = run.host;
  glfwPollEvents();
  if (screenOwned(run) && windowShouldClose(host.window))  // a kiosk ignores Alt+F4 and the window manager's close
    glfwSetWindowShouldClose(host.window.handle, GLFW_FALSE);
  if (windowShouldClose(host.window)) return false;
  updateCamera(host.window.handle, run.cameraControls, run.view.camera);
  const PenSession& pen = run.session.pen;
  if (takeKeyPress(run.cameraControls, GLFW_KEY_F) && pen.anchored) {  // face on to the treated spot
    render::OrbitCamera& camera = run.view.camera;
    render::focusCamera(camera, glm::vec3(pen.anchor.origin), glm::vec3(pen.anchor.n), kFocusDistance_mm);
    camera.yaw_deg += 30.0f;  // a little from the side: the pen, held along the normal, stays out of the way
    camera.pitch_deg = std::min(80.0f, camera.pitch_deg + 15.0f);
  }
  interactive = updatePenControls(host.window.handle, run.penControls, run.cameraControls, run.view.camera, run.skin,
                                  run.scene.pen, wallDt);
  forEachFeature(run, [&](Feature& f) { f.penInput(run, interactive); });
  if (run.traineeDialog.open) {  // the dialog takes the keys; its Enter comes through the key queue,
    CameraControls& keys = run.cameraControls;  // as the quit question's: a tap between two slow frames counts
    keys.dialogKeys = true;
    if (takeKeyPress(keys, GLFW_KEY_ENTER) || takeKeyPress(keys, GLFW_KEY_KP_ENTER)) run.traineeDialog.enter = true;
  } else {
    handleShortcuts(run);
  }
  run.cameraControls.keyPresses.clear();  // presses nobody wanted this frame
  return true;
}

// The panel's profile and mass need a (blocking) readback: twice a second in the
// window, every 60 frames headless (what a screenshot shows, the same every run).
void maybeRefreshSummary(Run& run) {
  bool due = run.options.headless ? run.stats.frames % 60 == 59
                                  : Clock::now() - run.sim.summaryWall >= std::chrono::milliseconds(500);
  if (!due) return;
  vk::waitAllFrames(run.host.ctx, run.host.frames);
  updateSummary(run.sim);
  forEachFeature(run, [&](Feature& f) { f.refreshSummary(run); });
}

}  // namespace

bool bindShownField(Run& run, Simulation& sim) {
  const TissueBlock& shown = shownBlock(sim);
  sim::FieldView field = publishedField(sim);
  render::FieldBindings& bound = run.host.renderer.skin.fields;
  if (render::hasFieldBinding(bound, field)) return true;
  scene::Scene layers = run.scene;
  layers.tissue = shown.solver.baseTissue;
  return render::addFieldBinding(run.host.ctx, layers, run.skin, field, bound);
}

bool screenOwned(const Run& run) {
  bool owned = false;
  forEachFeature(run, [&](const Feature& f) { owned |= f.ownsScreen(); });
  return owned;
}

bool pausedAsShown(const Run& run) {
  bool held = false;  // a review holds the recording and the skin still together
  forEachFeature(run, [&](const Feature& f) { held |= f.holdsStill(); });
  return run.sim.paused || held;
}

// The Status panel's type I..VI (tones 0, 0.2 .. 1): technique advice follows it.
void setSkinType(Session& session, float tone) {
  session.coaching.tracker.scene.tissue.fitzpatrick = 1 + int(std::lround(std::clamp(tone, 0.0f, 1.0f) * 5.0f));
}

render::FrameView halfView(Run& run, Simulation& sim, const PenSession& pen, int half) {
  render::FrameView view = buildFrameView(run.view, pen, publishedField(sim), sim.time_s);
  view.settings.serumOnSkin = scene::serumOnSkin(mainSolver(sim).serum, sim.time_s);
  VkRect2D micro = microViewRectOf(run, half);
  view.settings.microRect = {micro.offset.x, micro.offset.y, int(micro.extent.width), int(micro.extent.height)};
  return view;
}

FrameOutcome renderFrameOfRun(Run& run, double interval, double wallDt, bool stepHere) {
  const TissueBlock& shown = shownBlock(run.sim);
  followPen(run.view, run.session.pen, penInShownBlock(run.sim, run.session.pen), shown.placed, shown.solver.shape);
  // Room above the surface for the swelling where the inset can lift its slice: a patch
  // (a mesh's atlas is not laid out in the block's millimetres; micro_view.frag).
  run.view.settings.microTop_um =
      scene::hasCutFaces(run.skin) ? microTopScale_um(run.sim.healingSummary.swellingMaxMm) : 0.0f;
  if (!bindShownField(run, run.sim)) run.sim.shown = 0;
  forEachFeature(run, [&](Feature& f) { f.beforeRender(run); });
  FrameCallbacks callbacks;
  callbacks.recordCompute = [&](VkCommandBuffer cmd) {
    if (!stepHere) return;  // (a review's ticks stepped it already)
    stepSimulation(run.sim, interval, cmd);
    forEachFeature(run, [&](Feature& f) { f.compute(run, interval, cmd); });  // the same interval, the same frame
  };
  callbacks.frameView = [&] { return halfView(run, run.sim, run.session.pen, 0); };
  callbacks.keepFrame = [&run] { return keptFrameNow(run); };  // (asked after the simulation's step)
  if (run.view.halves == 2)  // a split window's right half: the view of the feature that gives one, built once
    callbacks.secondView = [&run] {
      for (const std::unique_ptr<Feature>& f : run.features)
        if (std::optional<render::FrameView> view = f->secondView(run)) return *view;
      return halfView(run, run.sim, run.session.pen, 1);  // (none: the run's own skin again)
    };
  callbacks.buildUi = [&] {
    uiFrameStarted(run.cameraControls);  // key taps held back for the interface, a dropdown Esc closed
    ui::UiRequests posted = std::exchange(run.keyRequests, {});  // the keys' requests, the panels' beside them
    if (screenOwned(run)) {  // a kiosk's screens for the visitor, no developer panels
      forEachFeature(run, [&](Feature& f) { f.drawScreen(run, posted); });
      if (run.frameStatsShown) ui::drawFramePanel(frameStatsView(run));  // (--frame-stats only: no key for visitors)
      run.requests = posted;
      return;
    }
    ui::Dock dock;
    drawPanels(run, dock, posted);
    if (run.frameStatsShown) ui::drawFramePanel(frameStatsView(run));
    run.requests = posted;
    run.layout = {dock.placed, ui::viewArea(dock), ui::viewFraction(dock.placed, dock.displayW, dock.displayH)};
  };
  FrameOutcome outcome = renderFrame(run.host, float(wallDt), callbacks);
  if (outcome == FrameOutcome::Rendered) run.stats.framesRendered++;
  return outcome;
}

double advanceTick(Run& run, double step, const input::PenSample* interactive, glm::dvec2 axis, bool shown) {
  forEachFeature(run, [&](Feature& f) { f.beforeTick(run); });  // a kiosk's attract demonstration
  SessionInput in{step, interactive, run.sim.paused, axis, shown};
  SessionStep made = advanceSession(run.session, run.scene, in);
  forEachFeature(run, [&](Feature& f) { f.keepPunctures(run, step, made); });  // a kiosk's stand outside a try
  addPunctures(run.sim, made.punctures, run.session.pen);
  bool clockOwned = false;  // a replay's time-lapse jumps, unless a feature owns the clock (a kiosk's attract loop)
  forEachFeature(run, [&](const Feature& f) { clockOwned |= f.ownsClock(); });
  if (!clockOwned) run.pendingJump_s += takeTimeJumps(run.session.pen);
  showRegion(run.sim, run.session.pen.regionNow);  // the block under the pen, else the last needled
  forEachFeature(run, [&](Feature& f) { f.afterTick(run, in, made); });  // B's half, the ghost, a lesson
  return frameInterval(run.sim, step, run.plan.stopAt_s) + std::exchange(run.pendingJump_s, 0.0);
}

namespace {

// One frame, top to bottom.
FrameResult runFrame(Run& run, const LoopPlan& plan, double wallDt) {
  applyRequests(run);
  input::PenSample interactive;
  bool window = !run.options.headless;
  for (const std::unique_ptr<Feature>& f : run.features)  // a kiosk's display asleep
    if (std::optional<FrameResult> result = f->beforeInput(run, wallDt)) return *result;
  if (window && !gatherWindowInput(run, wallDt, interactive)) return FrameResult::WindowClosed;
  if (run.traineeDialog.open) {  // nothing moves until someone says who is training
    renderFrameOfRun(run, 0.0, wallDt);
    return FrameResult::Waiting;
  }
  for (const std::unique_ptr<Feature>& f : run.features)  // a feature that runs the frame its own way (a review)
    if (std::optional<FrameResult> result = f->takeFrame(run, wallDt)) return *result;
  double step = penStep(run, wallDt);
  double interval = advanceTick(run, step, window ? &interactive : nullptr, viewAxis(run), plan.renderEveryFrame);
  if (!plan.renderEveryFrame) {
    deferStep(run.sim, interval);  // nobody sees this frame: compute only, a few frames a step
    return FrameResult::Stepped;
  }
  maybeRefreshSummary(run);
  if (renderFrameOfRun(run, interval, wallDt) == FrameOutcome::Skipped) {
    run.pendingJump_s += interval - frameInterval(run.sim, step, plan.stopAt_s);  // a jump waits for a shown frame
    glfwWaitEventsTimeout(0.05);  // minimised: sleep until something happens
    return FrameResult::Skipped;
  }
  return FrameResult::Stepped;
}

}  // namespace

// The first rendered frame: waited for on the GPU once (it is on screen, or ready to
// read), then the process's age and CPU time (core/process_clock.h) are start-up's.
void noteStartup(Run& run) {
  vk::waitAllFrames(run.host.ctx, run.host.frames);
  run.stats.startup_s = core::processAge_s();
  run.stats.startupCpu_s = core::processCpu_s();
}

void runLoop(Run& run, long long frames) {
  run.plan = planLoop(run.options, run.session.pen);
  const LoopPlan& plan = run.plan;
  auto last = Clock::now();
  double wallDt = kHeadlessFrame_s;
  bool finished = false;
  for (long long n = 0; frames < 0 || n < frames; ++n) {
    if ((finished = loopFinished(run, plan))) break;
    FrameResult result = runFrame(run, plan, wallDt);
    if (result == FrameResult::WindowClosed) break;
    if (result == FrameResult::Skipped || result == FrameResult::Waiting) {  // minimised or asking: not a frame
      auto now = Clock::now();  // the wall goes on while nothing is drawn (a kiosk's clock follows it)
      wallDt = std::min(1.0, std::chrono::duration<double>(now - last).count());
      last = now;
      continue;
    }
    bool paceLive = !plan.renderEveryFrame && isLive(run.session.pen);  // unrendered live frames keep wall pace
    if (paceLive) std::this_thread::sleep_until(last + std::chrono::duration<double>(kHeadlessFrame_s));
    auto now = Clock::now();
    double ms = std::chrono::duration<double, std::milli>(now - last).count();
    last = now;
    wallDt = ms / 1000.0;
    if (run.stats.startup_s < 0 && run.stats.framesRendered > 0) noteStartup(run);
    core::addValue(run.stats.frameMs, ms);
    run.stats.frames++;
    run.stats.clock_s += wallDt;
  }
  flushDeferred(run.sim);
  if (finished && plan.batchAfterReplay && !g_stopRequested) runBatch(run.sim, plan.stopAt_s, g_stopRequested);
}

bool renderStill(Run& run) {
  updateSummary(run.sim);
  run.stillFrame = true;
  bool rendered = renderFrameOfRun(run, 0.0, 0.0) == FrameOutcome::Rendered;
  run.stillFrame = false;
  return rendered;
}

std::string exportSummary(Run& run, std::string& error) {
  std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", std::localtime(&now));
  std::string folder = outputFolder(run.options, error);
  if (folder.empty()) return "";
  std::string base = folder + "/needlesim-summary-" + stamp;
  const PenSession& pen = run.session.pen;
  nlohmann::json summary = {{"technique", training::techniqueJson(finalTechnique(run.session, run.scene))},
                            {"pen", penReport(pen)},
                            {"channels", channelsReport(pen)}};
  forEachFeature(run, [&](Feature& f) { f.exportSummary(run, summary); });
  if (!core::writeTextAtomic(base + ".json", summary.dump(2) + "\n", error)) return "";
  if (!core::writePng(base + ".png", captureFrame(run.host), error)) return "";
  return base + ".json, " + base + ".png";
}

}  // namespace ns::runtime
