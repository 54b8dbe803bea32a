#include "runtime/kiosk_driver.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include <malloc.h>
#include <unistd.h>

#include "input/replay.h"
#include "runtime/run.h"

namespace ns::runtime {
namespace {

// What a visitor did this frame: the pen on the skin (mouse, gamepad, OSC tracker or
// a replayed script) or, in the window, a mouse button anywhere.
bool visitorInput(const Run& run, const KioskState& k) {
  if (!k.demoPlaying && currentPen(run.session.pen).contact) return true;  // the demo's pen is not a visitor
  GLFWwindow* w = run.host.window.handle;
  if (run.options.headless || !w) return false;
  return glfwGetMouseButton(w, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS ||
         glfwGetMouseButton(w, GLFW_MOUSE_BUTTON_RIGHT) == GLFW_PRESS;
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
}

void startTry(Run& run, KioskState& k) {
  resetStand(run);
  LessonState& g = k.guided;
  lesson::restartLesson(g.lesson, g.progress, run.session.pen.clock_s);
  g.started = size_t(-1);
  g.nextEvaluation_s = 0;
  k.initials.clear();
}

void finishTry(Run& run, KioskState& k) {
  LessonState& g = k.guided;
  advanceLesson(run, g);  // the last strokes count
  const training::TechniqueReport& t = finalTechnique(run.session, run.scene);
  KioskResult r;
  r.stepsScore = lesson::lessonScore(g.progress);
  r.techniqueScore = t.score;
  r.score = std::round(0.5 * r.stepsScore + 0.5 * r.techniqueScore);
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
  run.view.settings.showCoverage = true;
  run.view.camera = run.cameraControls.home;
}

}  // namespace

bool loadKioskFor(const std::string& configPath, const std::string& scenesDir, KioskState& k, std::string& sceneFile,
                  std::string& error) {
  if (configPath.empty()) {
    k.config = kiosk::defaultKioskConfig(scenesDir);
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
  // The view as at start.
  run.view.camera = run.cameraControls.home;
  run.view.settings.showCoverage = false;
  run.penControls.dialMin_mm = 0.0;
  run.penControls.dialMax_mm = 1e9;
  if (run.kiosk) run.kiosk->resets++;
}

void advanceKiosk(Run& run, KioskState& k, double step_s) {
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
  if (k.machine.phase == kiosk::Phase::Try) advanceLesson(run, k.guided);
  switch (kiosk::advance(k.machine, k.config, k.clock_s, visitorInput(run, k), tryDone)) {
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

bool kioskNeedles(const KioskState& k) {
  return (k.machine.phase == kiosk::Phase::Try || k.demoPlaying) && !k.adminOpen;
}

void kioskDemoPen(Run& run, KioskState& k, input::PenSample& interactive) {
  k.demoPlaying = k.machine.phase == kiosk::Phase::Attract && k.config.attract && !k.attract.samples.empty() &&
                  run.session.pen.source == PenSourceKind::Interactive && !k.adminOpen;
  if (!k.demoPlaying) {
    k.demoLoop = -1;
    return;
  }
  double length = k.attract.endTime() + 1.0;
  double t = k.clock_s - k.machine.phaseStart_s;
  long long loop = (long long)std::floor(t / length);
  if (k.demoLoop >= 0 && loop != k.demoLoop) resetStand(run);  // each showing on clean skin
  k.demoLoop = loop;
  input::PenSample s = input::sampleAt(k.attract, t - loop * length);
  s.t_s = interactive.t_s;
  interactive = s;
}

nlohmann::json kioskReport(const KioskState& k) {
  const kiosk::Counts& c = k.machine.counts;
  return {{"cycles", c.cycles}, {"tries", c.tries}, {"scores", k.scores}, {"idle_resets", c.idleResets},
          {"phase", kiosk::phaseName(k.machine.phase)}, {"try", lesson::lessonReport(k.guided.lesson, k.guided.progress)}, {"resets", k.resets}, {"admin_opens", k.adminOpens}, {"day_list", k.dayListPath},
          {"day_top", k.day.entries.empty() ? nlohmann::json(nullptr) : nlohmann::json(k.day.entries.front().score)},
          {"memory", {{"warm_cycle", KioskMemory::kWarmCycle}, {"rss_kb_warm", k.memory.rssWarm_kb},
                      {"rss_kb_last", k.memory.rssLast_kb}, {"rss_kb_max", k.memory.rssMax_kb},
                      {"vk_allocations_warm", k.memory.vkAllocationsWarm}, {"vk_allocations_last", k.memory.vkAllocationsLast},
                      {"vk_bytes_warm", k.memory.vkBytesWarm}, {"vk_bytes_last", k.memory.vkBytesLast}}}};
}

}  // namespace ns::runtime
