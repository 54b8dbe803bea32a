#include "runtime/kiosk_driver.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <utility>

#include <malloc.h>
#include <unistd.h>

#include "input/replay.h"
#include "vk/faults.h"
#include "runtime/kiosk_view.h"
#include "runtime/run.h"

namespace ns::runtime {
namespace {

constexpr float kAttractDistance_mm = 240.0f;  // the attract's camera: the whole face, the treated cheek in it

// What a visitor did this frame, from every source (kiosk/visitor_input.h): the pen
// on the skin (mouse, gamepad pen, OSC tracker or a replayed script), an OSC
// tracker's new samples, and in the window a mouse button or touch, a key, a
// gamepad's button or stick (polled: GLFW has no gamepad events).
kiosk::InputFrame visitorFrame(Run& run, KioskState& k) {
  kiosk::InputFrame f;
  f.now_s = k.clock_s;
  const PenSession& pen = run.session.pen;
  f.penContact = !k.demoPlaying && currentPen(pen).contact;  // the demo's pen is not a visitor
  if (pen.source == PenSourceKind::Osc || pen.source == PenSourceKind::Camera) f.trackerSamples = k.trackerSamples += pen.track.samples.size() - std::min(pen.track.samples.size(), k.trackerTrackSize);
  k.trackerTrackSize = pen.track.samples.size();
  GLFWwindow* w = run.host.window.handle;
  if (run.options.headless || !w) return f;
  f.pointerDown = glfwGetMouseButton(w, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS ||
                  glfwGetMouseButton(w, GLFW_MOUSE_BUTTON_RIGHT) == GLFW_PRESS ||
                  std::exchange(k.buttonsSeen, run.cameraControls.buttonsPressed) != run.cameraControls.buttonsPressed;
  f.keyPressed = std::exchange(k.keysSeen, run.cameraControls.keysPressed) != run.cameraControls.keysPressed;
  for (int j = GLFW_JOYSTICK_1; j <= GLFW_JOYSTICK_LAST; ++j) {
    GLFWgamepadstate state;
    if (!glfwJoystickIsGamepad(j) || !glfwGetGamepadState(j, &state)) continue;
    kiosk::GamepadState pad;
    for (size_t b = 0; b < kiosk::kGamepadButtons; ++b) pad.buttons[b] = state.buttons[b] == GLFW_PRESS;
    for (size_t a = 0; a < kiosk::kGamepadAxes; ++a) pad.axes[a] = state.axes[a];
    f.gamepads.push_back(pad);
  }
  return f;
}

// The run as it was created (before the first frame stepped it).
void takeCleanStand(Run& run, CleanStand& c) {
  takeSnapshot(run, c.snapshot);
  c.taken = true;
}

// Puts it back on the device objects the run has (no object is created or destroyed:
// a stand that resets every minute for days allocates nothing).
void restoreCleanStand(Run& run, const CleanStand& c) {
  restoreSnapshot(run, c.snapshot);
  run.sim.paused = false;
  run.sim.summaryTime_s = -1;
}

// The process's resident set (Linux: /proc/self/statm), in kB; -1 elsewhere.
long long residentKb() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return -1;
  long long size = 0, resident = -1;
  if (std::fscanf(f, "%lld %lld", &size, &resident) != 2) resident = -1;
  std::fclose(f);
  return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024);
}

void sampleMemory(const Run& run, KioskState& k) {
  KioskMemory& m = k.memory;
  unsigned long long cycle = k.machine.counts.cycles;
  if (cycle < KioskMemory::kWarmCycle) return;
  // Freed heap pages go back to the system first: what stays resident is what is held
  // (and a stand running for days gives back what a try's peak took).
  malloc_trim(0);
  long long rss = residentKb();
  long long allocations = (long long)run.host.ctx.liveAllocations, bytes = (long long)run.host.ctx.liveBytes;
  if (cycle == KioskMemory::kWarmCycle) {
    m.rssWarm_kb = rss;
    m.vkAllocationsWarm = allocations;
    m.vkBytesWarm = bytes;
  }
  m.rssLast_kb = rss;
  m.rssMax_kb = std::max(m.rssMax_kb, rss);
  m.vkAllocationsLast = allocations;
  m.vkBytesLast = bytes;
  const auto& live = run.host.ctx.objects.live;
  if (cycle == KioskMemory::kWarmCycle) m.vkObjectsWarm = m.vkObjectsMax = live;
  for (size_t i = 0; i < vk::kObjectKinds; ++i) m.vkObjectsMax[i] = std::max(m.vkObjectsMax[i], live[i]);
  m.vkObjectsLast = live;
}

void startTry(Run& run, KioskState& k) {
  resetStand(run);
  LessonState& g = k.guided;
  lesson::restartLesson(g.lesson, g.progress, run.session.pen.clock_s);
  g.started = size_t(-1);
  g.nextEvaluation_s = 0;
  k.picker = {};
  ui::UiRequests view;
  view.showMicroView = false;  // the try's gauge has the bottom of the screen
  applyRequestsNow(run, std::move(view));
}

void finishTry(Run& run, KioskState& k) {
  LessonState& g = k.guided;
  advanceLesson(run, g);  // the last strokes count
  const training::TechniqueReport& t = finalTechnique(run.session, run.scene);
  KioskResult r;
  r.stepsScore = lesson::lessonScore(g.progress);
  r.techniqueScore = t.score;
  r.score = std::round(0.5 * r.stepsScore + 0.5 * r.techniqueScore);
  // (On the face a try is judged over its practice square — kiosk config practice_square_mm —
  // so "cover the rest" speaks of that square, as on the patch.)
  for (const std::string& s : t.improvements)
    if (r.improvements.size() < 2) r.improvements.push_back(s);
  // Fewer than two from the technique: the guided steps not done say what is left.
  for (size_t i = g.progress.current; i < g.lesson.steps.size() && r.improvements.size() < 2; ++i)
    r.improvements.push_back("Next time finish the step \"" + g.lesson.steps[i].title + "\"");
  if (r.improvements.size() < 2) r.improvements.push_back("Keep the pen upright and glide at an even pace");
  std::string today = kiosk::todayDate();
  r.place = kiosk::addScore(k.day, today, {r.score, "", kiosk::timeOfDay()});
  std::string error;
  if (r.place >= 0 && !kiosk::saveDayList(k.dayListPath, k.day, error)) {
    k.notice = "the day's list was not saved: " + error;
    std::fprintf(stderr, "needlesim: kiosk: %s\n", k.notice.c_str());
  }
  k.scores.push_back(r.score);
  k.last = r;
  // The score screen shows the treated skin with its coverage map, from above.
  ui::UiRequests view;
  view.showCoverage = true;
  view.camera = cameraRequest(run.cameraControls.home);
  applyRequestsNow(run, std::move(view));
}

}  // namespace

bool loadKioskFor(const std::string& configPath, const std::string& scenesDir, KioskState& k, std::string& sceneFile,
                  std::string& error) {
  if (configPath.empty()) {
    if (!kiosk::shippedKioskConfig(scenesDir, k.config, error)) {
      error = "kiosk: " + error;
      return false;
    }
  } else if (!kiosk::loadKioskConfig(configPath, scenesDir, k.config, error)) {
    error = "--kiosk-config: " + error;
    return false;
  }
  std::string lessonScene;
  if (!loadLessonFor(k.config.guidedTry, k.guided, lessonScene, error)) {
    error = "--kiosk-config: guided_try: " + error;
    return false;
  }
  if (!k.config.attractRecording.empty() && !input::loadReplay(k.config.attractRecording, k.attract, error)) {
    error = "--kiosk-config: attract_recording: " + error;
    return false;
  }
  sceneFile = k.config.scene;
  k.dayListPath = k.config.dayList.empty() ? kiosk::defaultDayListPath() : k.config.dayList;
  std::string warning;
  k.day = kiosk::loadDayList(k.dayListPath, kiosk::todayDate(), warning);
  if (!warning.empty()) std::fprintf(stderr, "needlesim: kiosk: warning: %s\n", warning.c_str());
  return true;
}

void resetStand(Run& run) {
  GpuHost& host = run.host;
  vk::waitAllFrames(host.ctx, host.frames);
  // The simulation as the run created it, on the same device objects.
  if (run.kiosk && run.kiosk->clean.taken) restoreCleanStand(run, run.kiosk->clean);
  updateSummary(run.sim);
  run.pendingJump_s = 0;
  // The pen: no punctures, counts or channels; a live pen's samples are dropped (a
  // replayed script goes on from where it is).
  PenSession& pen = run.session.pen;
  pen.model = pen::createPenModel(run.scene);
  pen.model.processedUntil_s = pen.clock_s;
  pen.fresh.clear();
  pen.channels = {};
  if (pen.source == PenSourceKind::Interactive) {
    pen.playbackUntil_s = -1;  // the attract's demonstration stops
    pen.track.samples.clear();
    pen.localTrack.samples.clear();
    pen.anchored = false;
  }
  Coaching& coaching = run.session.coaching;
  coaching = Coaching{};
  createCoaching(coaching, run.scene, run.skin);
  // The feedback starts at the pen clock (a replay's track holds its future too).
  const std::vector<input::PenSample>& samples = techniqueTrack(pen).samples;
  coaching.samplesSeen = size_t(std::upper_bound(samples.begin(), samples.end(), pen.clock_s,
                                                 [](double t, const input::PenSample& p) { return t < p.t_s; }) -
                                samples.begin());
  // The view as at start, the dial free.
  ui::UiRequests view;
  view.camera = cameraRequest(run.cameraControls.home);
  view.showCoverage = false;
  view.dialLimits_mm = std::make_pair(0.0, 1e9);
  applyRequestsNow(run, std::move(view));
  if (run.kiosk) run.kiosk->resets++;
}

namespace {

void stepKiosk(Run& run, KioskState& k, double step_s, bool asleep) {
  if (!k.clean.taken) takeCleanStand(run, k.clean);
  k.clock_s += step_s;
  if (k.adminOpen) {  // the stand is being looked after: no visitor, no clock for the try
    k.machine.lastInput_s = k.clock_s;
    return;
  }
  // Between tries a live pen's samples are not kept: an attract loop runs for hours.
  PenSession& pen = run.session.pen;
  if (k.machine.phase != kiosk::Phase::Try && pen.source == PenSourceKind::Interactive && pen.track.samples.size() > 600) {
    pen.track.samples.clear();
    pen.localTrack.samples.clear();
    pen.model.processedUntil_s = pen.clock_s;
    run.session.coaching.samplesSeen = 0;
  }
  bool tryDone = k.machine.phase == kiosk::Phase::Try && k.guided.progress.finished();
  if (k.machine.phase == kiosk::Phase::Try && !asleep) advanceLesson(run, k.guided);
  kiosk::InputFrame frame = asleep ? kiosk::InputFrame{} : visitorFrame(run, k);
  if (k.machine.phase == kiosk::Phase::Score && k.last.place >= 0 && !k.picker.done) {  // the gamepad picks initials
    using kiosk::PickerMove;
    const std::pair<size_t, PickerMove> moves[] = {{kiosk::kPadLeft, PickerMove::Left}, {kiosk::kPadRight, PickerMove::Right},
                                                   {kiosk::kPadUp, PickerMove::Up}, {kiosk::kPadDown, PickerMove::Down}};
    for (const auto& [button, move] : moves)
      if (kiosk::buttonPressed(k.inputWatch, frame, button)) kiosk::pickerMove(k.picker, move);
    if (kiosk::buttonPressed(k.inputWatch, frame, kiosk::kPadA)) pickInitials(k, k.picker.cursor);
    if (kiosk::buttonPressed(k.inputWatch, frame, kiosk::kPadB)) pickInitials(k, kiosk::kPickerDelete);
  }
  switch (kiosk::advance(k.machine, k.config, k.clock_s, kiosk::visitorActed(k.inputWatch, frame), tryDone)) {
    case kiosk::Event::StartTry: startTry(run, k); break;
    case kiosk::Event::FinishTry: finishTry(run, k); break;
    case kiosk::Event::Reset:
    case kiosk::Event::IdleReset:
      resetStand(run);  // the attract loop runs on clean skin
      sampleMemory(run, k);
      break;
    case kiosk::Event::None: break;
  }
}

}  // namespace

void advanceKiosk(Run& run, KioskState& k, double step_s) { stepKiosk(run, k, step_s, false); }

void advanceKioskAsleep(Run& run, KioskState& k, double step_s) { stepKiosk(run, k, step_s, true); }

bool kioskDisplayAsleep(Run& run, KioskState& k) {
  bool asleep = false;
  if (k.forcedSleepFrames > 0) {
    k.forcedSleepFrames--;
    asleep = true;
  } else if (vk::faultDue(vk::FaultPoint::DisplaySleep)) {
    k.forcedSleepFrames = vk::kForcedSleepFrames - 1;
    asleep = true;
  } else if (!run.options.headless && run.host.window.handle) {
    int w = 0, h = 0;
    glfwGetFramebufferSize(run.host.window.handle, &w, &h);
    asleep = w == 0 || h == 0;
  }
  if (asleep != k.asleep)
    std::fprintf(stderr, "needlesim: kiosk: %s\n",
                 asleep ? "the display sleeps: nothing is drawn, the stand's clock goes on" : "the display is awake again");
  if (asleep && !k.asleep) k.displaySleeps++;
  k.asleep = asleep;
  return asleep;
}

bool saveKioskDay(KioskState& k, std::string& error) { return kiosk::saveDayList(k.dayListPath, k.day, error); }

void kioskKeys(Run& run, KioskState& k) {
  GLFWwindow* w = run.host.window.handle;
  const kiosk::Chord& c = k.config.adminChord;
  run.cameraControls.passKey = c.key;  // a focused kiosk screen must not swallow it
  if (!w || !takeKeyPress(run.cameraControls, c.key)) return;  // a press, however short, is never lost
  int held = run.cameraControls.passKeyMods;
  auto has = [&](bool wanted, int bit) { return !wanted || (held & bit); };
  bool mods = has(c.ctrl, GLFW_MOD_CONTROL) && has(c.alt, GLFW_MOD_ALT) && has(c.shift, GLFW_MOD_SHIFT) &&
              has(c.super, GLFW_MOD_SUPER);
  if (!mods) return;
  k.adminOpen = !k.adminOpen;
  if (k.adminOpen) k.adminOpens++;
}

void pickInitials(KioskState& k, int cell) {
  constexpr double kNextLetter_s = 8.0;  // the score screen waits this long for the next letter
  if (k.machine.phase != kiosk::Phase::Score || k.last.place < 0) return;
  double left = kiosk::secondsLeft(k.machine, k.config, k.clock_s);
  if (!kiosk::pickerPress(k.picker, cell)) {
    if (k.picker.done) k.machine.phaseStart_s = std::min(k.machine.phaseStart_s, k.clock_s - k.config.score_s + 3.0);
    return;
  }
  if (left < kNextLetter_s) k.machine.phaseStart_s += kNextLetter_s - left;
  if (k.last.place >= int(k.day.entries.size())) return;
  k.day.entries[size_t(k.last.place)].initials = k.picker.initials;
  std::string error;
  if (!kiosk::saveDayList(k.dayListPath, k.day, error)) k.notice = "the day's list was not saved: " + error;
}

bool kioskNeedles(const KioskState& k) {
  return (k.machine.phase == kiosk::Phase::Try || k.demoPlaying) && !k.adminOpen;
}

double attractLoopLength(const KioskState& k) {
  return std::max(k.config.attractLoop_s, k.attract.samples.empty() ? 0.0 : k.attract.endTime() + 1.0);
}

bool kioskDemoPen(Run& run, KioskState& k) {
  if (!k.clean.taken) takeCleanStand(run, k.clean);  // before the time-lapse touches the clock
  k.demoPlaying = k.machine.phase == kiosk::Phase::Attract && k.config.attract && !k.attract.samples.empty() &&
                  run.session.pen.source == PenSourceKind::Interactive && !k.adminOpen;
  if (!k.demoPlaying) {
    k.demoLoop = -1;
    return false;
  }
  double length = attractLoopLength(k);
  double t = k.clock_s - k.machine.phaseStart_s;
  long long loop = (long long)std::floor(t / length);
  if (k.demoLoop != loop) {  // a new showing: on clean skin, the camera on where the pen works
    if (k.demoLoop >= 0) resetStand(run);
    startPlayback(run.session.pen, k.attract);
    k.loopSim_s = simulatedTime(run.sim);
    k.attractLoops++;
    const input::PenSample* first = nullptr;
    for (const input::PenSample& s : k.attract.samples)
      if (s.contact && !first) first = &s;
    ui::UiRequests view;
    if (first && run.skin.curved) {  // a little from the side and above, the cheek filling the view
      render::OrbitCamera camera = run.view.camera;
      render::focusCamera(camera, glm::vec3(first->pos_mm), glm::vec3(-first->dir), kAttractDistance_mm);
      camera.yaw_deg += 20.0f;
      camera.pitch_deg += 10.0f;
      view.camera = cameraRequest(camera);
    }
    view.showMicroView = true;  // the channels and the serum in them, under the skin
    applyRequestsNow(run, std::move(view));
  }
  k.demoLoop = loop;
  double at = t - loop * length;
  if (!k.config.timelapse.empty()) {  // the skin's time follows the story, not the wall clock
    run.sim.timeScale = 0;
    double behind = kiosk::timelapseAt(k.config.timelapse, at) - (simulatedTime(run.sim) - k.loopSim_s);
    run.pendingJump_s = std::max(0.0, behind);  // (set, not added: a frame not shown carries its jump)
  }
  return true;
}

void guardTryView(Run& run, KioskState& k) {
  KioskViewGuard& g = k.view;
  if (k.machine.phase != kiosk::Phase::Try) {
    g.anchored = false;
    return;
  }
  if (!g.anchored) {  // the first step's view is applied once the lesson has started it
    if (k.guided.started == size_t(-1)) return;
    g.anchor = run.view.camera;
    g.anchored = true;
  }
  render::OrbitCamera held = clampToAnchor(run.view.camera, g.anchor);
  if (!sameView(held, run.view.camera)) {
    ui::UiRequests view;
    view.camera = cameraRequest(held);
    applyRequestsNow(run, std::move(view));
    g.clamps++;
  }
  VkExtent2D extent = run.host.target.extent;
  float aspect = extent.height ? float(extent.width) / float(extent.height) : 1.0f;
  glm::vec2 at = screenPosition(run.view.camera, g.anchor.target, aspect);
  g.treatedNdcMax = std::max(g.treatedNdcMax, double(std::max(std::abs(at.x), std::abs(at.y))));
}

namespace {
nlohmann::json objectsJson(const std::array<int64_t, vk::kObjectKinds>& counts) {
  nlohmann::json out = nlohmann::json::object();
  for (size_t i = 0; i < vk::kObjectKinds; ++i) out[vk::objectName(vk::Object(i))] = counts[i];
  return out;
}
}  // namespace

nlohmann::json kioskReport(const KioskState& k) {
  const kiosk::Counts& c = k.machine.counts;
  return {{"cycles", c.cycles}, {"tries", c.tries}, {"scores", k.scores}, {"idle_resets", c.idleResets},
          {"phase", kiosk::phaseName(k.machine.phase)}, {"try", lesson::lessonReport(k.guided.lesson, k.guided.progress)}, {"resets", k.resets}, {"admin_opens", k.adminOpens}, {"attract_loops", k.attractLoops}, {"display_sleeps", k.displaySleeps}, {"day_list", k.dayListPath},
          {"view", {{"clamps", k.view.clamps}, {"treated_ndc_max", k.view.treatedNdcMax}}},
          {"day_top", k.day.entries.empty() ? nlohmann::json(nullptr) : nlohmann::json(k.day.entries.front().score)},
          {"memory", {{"warm_cycle", KioskMemory::kWarmCycle}, {"rss_kb_warm", k.memory.rssWarm_kb},
                      {"rss_kb_last", k.memory.rssLast_kb}, {"rss_kb_max", k.memory.rssMax_kb},
                      {"vk_allocations_warm", k.memory.vkAllocationsWarm}, {"vk_allocations_last", k.memory.vkAllocationsLast},
                      {"vk_bytes_warm", k.memory.vkBytesWarm}, {"vk_bytes_last", k.memory.vkBytesLast},
                      {"vk_objects_warm", objectsJson(k.memory.vkObjectsWarm)},
                      {"vk_objects_max", objectsJson(k.memory.vkObjectsMax)},
                      {"vk_objects_last", objectsJson(k.memory.vkObjectsLast)}}}};
}

}  // namespace ns::runtime
