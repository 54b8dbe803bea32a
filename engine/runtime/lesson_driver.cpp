#include "runtime/lesson_driver.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "input/recorder.h"
#include "input/replay.h"
#include "lesson/metric_text.h"
#include "lesson/metrics.h"
#include "training/technique.h"
#include "runtime/run.h"

namespace ns::runtime {
namespace {

constexpr double kEvaluationPeriod_s = 0.5;  // pen time between evaluations (the panel's refresh rate)
constexpr double kRegionViewRadii = 3.0;     // a region seen from three of its radii: it and what borders it
constexpr double kRegionViewMin_mm = 60.0;
constexpr double kSerumNever_s = 1e30;       // not on the skin until a step applies it

// The lesson's camera presets about what the run started looking at: "home" as it
// started; "top" from above; "front" and "side" low, face on and from the side (the
// patch: its cut face is at -y; the face looks along +y).
render::OrbitCamera cameraPreset(const Run& run, const std::string& name) {
  render::OrbitCamera camera = run.cameraControls.home;
  bool face = run.skin.curved;
  if (name == "top") camera.yaw_deg = face ? 180.0f : 0.0f, camera.pitch_deg = 80.0f;
  if (name == "front") camera.yaw_deg = face ? 180.0f : 0.0f, camera.pitch_deg = face ? 5.0f : 20.0f;
  if (name == "side") camera.yaw_deg = 90.0f, camera.pitch_deg = face ? 5.0f : 20.0f;
  return camera;
}

// A step's view: what the trainee should look at while doing it (asked for as the
// panels ask, applied at once).
void applyView(Run& run, LessonState& state, const lesson::StepView& v) {
  ui::UiRequests view;
  view.showField = v.crossSection;
  view.showMicroView = v.microView;
  view.showCoverage = v.coverageMap;
  view.timeScale = v.timeScale;
  render::OrbitCamera camera = run.view.camera;
  bool moved = false;
  if (v.camera) camera = cameraPreset(run, *v.camera), moved = true;
  scene::RegionView region;
  if (v.face && scene::regionView(run.skin, *v.face, region)) {
    moved = true;
    if (!run.skin.curved) {
      camera = run.cameraControls.home;  // the patch is one region: all of it
    } else {  // the region filling most of the view, face on
      float distance = float(std::max(kRegionViewMin_mm, kRegionViewRadii * region.radius_mm));
      render::focusCamera(camera, glm::vec3(region.centre), glm::vec3(region.normal), distance);
    }
  }
  if (moved) view.camera = cameraRequest(camera);
  applyRequestsNow(run, std::move(view));
  // What the step has the trainee treat, all of it in view: the patch, or the region.
  if (moved && !run.skin.curved) state.frameArea = "patch";
  if (moved && run.skin.curved && v.face) state.frameArea = *v.face;
}

// The points of a treatment area (scene mm): the patch's corners, or a region's vertices.
std::vector<glm::vec3> treatmentArea(const Run& run, const std::string& area) {
  std::vector<glm::vec3> points;
  if (!run.skin.curved) {
    float h = float(run.skin.patchHalfWidth_mm);
    for (float x : {-h, h})
      for (float y : {-h, h}) points.push_back({x, y, 0.0f});
    return points;
  }
  const scene::SurfaceMesh& mesh = run.skin.mesh;
  for (size_t i = 0; i < mesh.positions.size() && i < mesh.regions.size(); ++i)
    if (mesh.regionNames.at(mesh.regions[i]) == area) points.push_back(mesh.positions[i]);
  return points;
}

// The middle of `region`'s range on the depth chart for the scene's skin, on the
// pen's dial steps (0.5-1.0 mm: 0.75 mm): a try that starts inside the band.
double chartDial(const scene::Scene& scene, const std::string& region) {
  training::DepthRange range = training::depthRangeFor(scene, region);
  double middle = 0.5 * (range.min_mm + range.max_mm), step = scene.pen.dial_step_mm;
  double snapped = step > 0 ? std::round(middle / step) * step : middle;
  return snapped >= range.min_mm && snapped <= range.max_mm ? snapped : middle;
}

// A step's action: the serum, the dial and the time go through requests (applied
// at once); a demonstration is the lesson's own pen.
void applyAction(Run& run, LessonState& state, const lesson::StepAction& a) {
  using Kind = lesson::StepAction::Kind;
  ui::UiRequests request;
  switch (a.kind) {
    case Kind::ApplySerum:  // on the skin from now, for the serum's stay (a named one replaces the scene's)
      request.serum = a.serum;
      break;
    case Kind::SetDial: request.dial_mm = a.chartRegion.empty() ? a.dial_mm : chartDial(run.scene, a.chartRegion); break;
    case Kind::LimitDial: request.dialLimits_mm = std::make_pair(a.min_mm, a.max_mm); break;
    case Kind::JumpTime: request.scriptedJump_s = a.jump_s; break;
    case Kind::PlayRecording:
      startPlayback(run.session.pen, state.recordings.at(a.recording));
      return;
  }
  applyRequestsNow(run, std::move(request));
}

// The comparison of each leaf of a criterion tree, in the order evaluation lists them.
void leafOps(const lesson::Criterion& c, std::vector<std::string>& ops) {
  using Kind = lesson::Criterion::Kind;
  if (c.kind == Kind::Metric) ops.push_back(lesson::compareOpName(c.op));
  if (c.kind == Kind::Choice) ops.push_back("is");
  for (const lesson::Criterion& child : c.children) leafOps(child, ops);
}

// A criterion's value or target as the trainee reads it (lesson/metric_text.h): in
// the metric's unit, never a raw number like 4.32e+03.
std::string shown(const std::string& metric, const nlohmann::json& v) {
  if (v.is_null()) return "-";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  return lesson::metricValueText(metric, v.get<double>());
}

// The comparison in words: "at least", "at most", "more than", "less than", "exactly".
std::string opWords(const std::string& op) {
  if (op == ">=") return "at least ";
  if (op == "<=") return "at most ";
  if (op == ">") return "more than ";
  if (op == "<") return "less than ";
  if (op == "==") return "exactly ";
  return "";
}

// Keeps the snapshots a retry, a restart or a back may need: the first step's, the
// current one's and the one before.
void pruneSnapshots(LessonState& state) {
  size_t current = state.progress.current;
  for (auto it = state.snapshots.begin(); it != state.snapshots.end();)
    it = it->first == 0 || it->first == current || it->first + 1 == current ? std::next(it) : state.snapshots.erase(it);
}

void startStep(Run& run, LessonState& state) {
  if (state.progress.finished() || state.started == state.progress.current) return;
  state.started = state.progress.current;
  state.startedAt_s = run.session.pen.clock_s;
  if (!state.snapshots.count(state.started)) takeSnapshot(run, state.snapshots[state.started]);
  pruneSnapshots(state);
  const lesson::LessonStep& step = state.lesson.steps[state.started];
  applyView(run, state, step.view);
  for (const lesson::StepAction& action : step.actions) applyAction(run, state, action);
}

// Puts the run back to where step `index` started, if that was kept.
void restoreStep(Run& run, LessonState& state, size_t index) {
  auto it = state.snapshots.find(index);
  if (it != state.snapshots.end()) restoreSnapshot(run, it->second);
  run.session.pen.playbackUntil_s = -1;  // a demonstration that was playing stops
}

void applyMove(Run& run, LessonState& state, const input::LessonEvent& move) {
  using Kind = input::LessonEvent::Kind;
  double now = run.session.pen.clock_s;
  bool educator = run.options.mode == "educator";
  switch (move.kind) {
    case Kind::Answer:
      lesson::chooseAnswer(state.progress, move.answer);
      break;
    case Kind::Retry:  // the step from its start: the run as it was, the step's clock from now
      if (state.progress.finished()) return;
      restoreStep(run, state, state.progress.current);
      lesson::retryStep(state.progress, now);
      break;
    case Kind::Restart:
      restoreStep(run, state, 0);
      lesson::restartLesson(state.lesson, state.progress, now);
      break;
    case Kind::Back:
      if (!educator) return;
      lesson::backStep(state.progress, now);
      restoreStep(run, state, state.progress.current);
      break;
    case Kind::Skip:
      if (!educator) return;
      lesson::skipStep(state.progress, now);
      break;
  }
  if (move.kind != Kind::Answer) state.started = size_t(-1);  // its view and actions again
  pruneSnapshots(state);
  state.nextEvaluation_s = 0;  // answered or moved: judge at once
}

// A demonstration's caption showing now ("" none).
std::string captionNow(const LessonState& state, double clock_s) {
  if (state.progress.finished() || state.started != state.progress.current) return "";
  std::string caption;
  for (const lesson::StepAction& a : state.lesson.steps[state.started].actions)
    for (const lesson::Caption& c : a.captions)
      if (c.at_s <= clock_s - state.startedAt_s) caption = c.text;
  return caption;
}

}  // namespace

bool applySerumNow(Run& run, const std::string& name, std::string& error) {
  return applySerumTo(run.sim, run.session, run.scene.path, name, error);
}

bool applySerumTo(Simulation& sim, Session& session, const std::string& scenePath, const std::string& name,
                  std::string& error) {
  double now = simulatedTime(sim);
  scene::Serum serum = mainSolver(sim).serum;
  if (!name.empty()) {
    scene::LoadResult loaded = scene::loadSerumRef(name, scenePath, serum);
    if (!loaded.ok) {
      error = "serum \"" + name + "\": " + loaded.error;
      return false;
    }
  }
  serum.applied_at_s = now;
  if (name.empty()) {  // the same serum again: it goes on the skin, what is in the skin stays
    setSerumAppliedAt(sim, now);
  } else {
    changeSerum(sim, serum);
  }
  session.coaching.tracker.scene.serum = serum;
  return true;
}

bool loadLessonFor(const std::string& path, LessonState& state, std::string& sceneFile, std::string& error) {
  if (!lesson::loadLesson(path, state.lesson, error)) return false;
  for (size_t i = 0; i < state.lesson.steps.size(); ++i)
    for (size_t k = 0; k < state.lesson.steps[i].actions.size(); ++k) {
      const lesson::StepAction& a = state.lesson.steps[i].actions[k];
      if (a.kind != lesson::StepAction::Kind::PlayRecording || state.recordings.count(a.recording)) continue;
      std::string why;
      if (!input::loadReplay(a.recording, state.recordings[a.recording], why)) {
        error = path + ": step '" + state.lesson.steps[i].id + "': steps[" + std::to_string(i) + "].actions[" +
                std::to_string(k) + "].file: expected a pen recording (replay JSONL): " + why;
        return false;
      }
    }
  sceneFile = state.lesson.scenePath;
  if (sceneFile.empty())  // the face: beside the lessons folder
    sceneFile = (std::filesystem::path(path).parent_path() / ".." / "face.json").lexically_normal().string();
  state.progress = lesson::startLesson(state.lesson, 0.0);
  return true;
}

void beginLesson(Run& run, LessonState& state) {
  for (const lesson::LessonStep& step : state.lesson.steps)
    for (const lesson::StepAction& a : step.actions)
      if (a.kind == lesson::StepAction::Kind::ApplySerum) {
        setSerumAppliedAt(run.sim, kSerumNever_s);
        run.session.coaching.tracker.scene.serum.applied_at_s = kSerumNever_s;
        return;
      }
}

void frameLessonView(Run& run, LessonState& state) {
  if (state.frameArea.empty()) return;
  VkExtent2D extent = run.host.target.extent;
  glm::vec2 window(float(extent.width) / float(run.view.halves), float(extent.height));
  ui::Rect area = run.layout.viewArea;
  bool laidOut = area.w > 0 && area.h > 0;
  if (!laidOut || run.view.halves > 1) area = {0, 0, window.x, window.y};  // (the panels come in the next frame)
  frameInArea(run.view.camera, treatmentArea(run, state.frameArea), window, area);
  if (laidOut) state.frameArea.clear();
}

bool resumeLesson(Run& run, LessonState& state, const std::string& stepId) {
  const std::vector<lesson::LessonStep>& steps = state.lesson.steps;
  size_t at = 0;
  while (at < steps.size() && steps[at].id != stepId) ++at;
  if (at == 0 || at >= steps.size()) return at == 0;
  for (size_t i = 0; i < at; ++i)  // what those steps did to the run (a demonstration is not replayed)
    for (const lesson::StepAction& a : steps[i].actions)
      if (a.kind != lesson::StepAction::Kind::PlayRecording) applyAction(run, state, a);
  lesson::resumeAt(state.progress, at, run.session.pen.clock_s);
  state.started = size_t(-1);
  return true;
}

void applyLessonEvents(Run& run, LessonState& state, const std::vector<input::LessonEvent>& events) {
  for (const input::LessonEvent& e : events) applyMove(run, state, e);
}

nlohmann::json liveMetrics(Run& run) {
  const PenSession& pen = run.session.pen;
  return {{"technique", training::techniqueJson(training::trackerReport(run.session.coaching.tracker))},
          {"pen", penReport(pen)},
          {"channels", channelsReport(pen)},
          {"healing", healingReport(run.sim)},
          {"sim", simulationReport(run.sim)}};
}

void advanceLesson(Run& run, LessonState& state) {
  startStep(run, state);
  double now = run.session.pen.clock_s;
  if (state.progress.finished() || now < state.nextEvaluation_s) return;
  state.nextEvaluation_s = now + kEvaluationPeriod_s;
  updateSummary(run.sim);  // healing and serum numbers as they are now
  if (lesson::evaluateStep(state.lesson, state.progress, liveMetrics(run), now)) startStep(run, state);
}

void applyLessonRequests(Run& run, LessonState& state, const ui::UiRequests& r) {
  using Kind = input::LessonEvent::Kind;
  double now = run.session.pen.clock_s;
  std::vector<input::LessonEvent> moves;
  if (r.lessonAnswer) moves.push_back({now, Kind::Answer, *r.lessonAnswer});
  if (r.lessonRestart) moves.push_back({now, Kind::Restart, ""});
  if (r.lessonRetry) moves.push_back({now, Kind::Retry, ""});
  if (r.lessonBack) moves.push_back({now, Kind::Back, ""});
  if (r.lessonSkip) moves.push_back({now, Kind::Skip, ""});
  PenSession& pen = run.session.pen;
  for (const input::LessonEvent& move : moves) {
    if (pen.recording) input::recordLessonEvent(pen.recorder, currentPen(pen), move);
    applyMove(run, state, move);
  }
}

ui::LessonView lessonView(const LessonState& state, bool educator, double clock_s) {
  const lesson::Lesson& l = state.lesson;
  const lesson::LessonRun& p = state.progress;
  ui::LessonView v;
  v.title = l.title;
  v.step = p.current;
  v.steps = l.steps.size();
  v.educator = educator;
  v.score = lesson::lessonScore(p);
  v.passMark = l.passMark;
  v.passed = lesson::lessonPassed(l, p);
  if (p.finished()) {  // the summary: each step, its time, its criteria met
    for (size_t i = 0; i < l.steps.size(); ++i) {
      const lesson::StepState& s = p.steps[i];
      ui::LessonStepRow row{l.steps[i].title, s.completed, s.skipped, s.at_s ? *s.at_s - s.started_s : 0.0, 0,
                            s.criteria.size()};
      for (const lesson::CriterionResult& c : s.criteria) row.criteriaMet += c.met;
      v.summary.push_back(row);
    }
    return v;
  }
  const lesson::LessonStep& step = l.steps[p.current];
  const lesson::StepState& s = p.steps[p.current];
  v.stepTitle = step.title;
  v.instruction = step.instruction;
  v.choices = step.choices;
  v.chosen = s.choice.value_or("");
  v.caption = captionNow(state, clock_s);
  std::vector<std::string> ops;
  leafOps(step.completeWhen, ops);
  for (size_t i = 0; i < s.criteria.size(); ++i) {
    const lesson::CriterionResult& c = s.criteria[i];
    bool choice = c.metric == lesson::kChoiceMetric;
    std::string op = choice || i >= ops.size() ? "" : opWords(ops[i]);
    if (choice && c.value.is_null()) continue;  // no answer yet: nothing to tick
    v.criteria.push_back({choice ? "Your answer" : lesson::metricLabel(c.metric), shown(c.metric, c.value),
                          choice ? "" : op + shown(c.metric, c.target), c.met});  // a quiz's answer is not shown
  }
  return v;
}

}  // namespace ns::runtime
