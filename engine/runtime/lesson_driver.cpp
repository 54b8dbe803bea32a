#include "runtime/lesson_driver.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "runtime/run.h"

namespace ns::runtime {
namespace {

constexpr double kEvaluationPeriod_s = 0.5;  // pen time between evaluations (the panel's refresh rate)

// A step's view: what the trainee should look at while doing it.
void applyView(Run& run, const lesson::StepView& v) {
  render::RenderSettings& s = run.view.settings;
  if (v.crossSection) s.showField = *v.crossSection;
  if (v.microView) s.showMicroView = *v.microView;
  if (v.coverageMap) s.showCoverage = *v.coverageMap;
  if (v.timeScale) run.sim.timeScale = *v.timeScale;
  if (v.camera && *v.camera == "home") run.view.camera = run.cameraControls.home;
}

void applyAction(Run& run, const lesson::StepAction& a) {
  using Kind = lesson::StepAction::Kind;
  switch (a.kind) {
    case Kind::ApplySerum: {  // on the skin from now, for the serum's stay (a named one replaces the scene's)
      std::string error;
      if (!applySerumNow(run, a.serum, error))  // (names were checked when the lesson loaded)
        std::fprintf(stderr, "needlesim: %s\n", error.c_str());
      break;
    }
    case Kind::SetDial:
      run.penControls.dial_mm = a.dial_mm;
      run.session.pen.interactive.depth_mm = a.dial_mm;
      break;
    case Kind::LimitDial:
      run.penControls.dialMin_mm = a.min_mm;
      run.penControls.dialMax_mm = a.max_mm;
      run.penControls.dial_mm = std::clamp(run.penControls.dial_mm, a.min_mm, a.max_mm);
      break;
    case Kind::JumpTime:
      run.pendingJump_s += a.jump_s;
      break;
    case Kind::PlayRecording:
      break;  // refused at load (loadLessonFor) until recordings play inside a lesson
  }
}

// The comparison of each leaf of a criterion tree, in the order evaluation lists them.
void leafOps(const lesson::Criterion& c, std::vector<std::string>& ops) {
  using Kind = lesson::Criterion::Kind;
  if (c.kind == Kind::Metric) ops.push_back(lesson::compareOpName(c.op));
  if (c.kind == Kind::Choice) ops.push_back("is");
  for (const lesson::Criterion& child : c.children) leafOps(child, ops);
}

std::string shown(const nlohmann::json& v) {
  if (v.is_null()) return "-";
  if (v.is_string()) return v.get<std::string>();
  char text[32];
  std::snprintf(text, sizeof(text), "%.3g", v.get<double>());
  return text;
}

void startStep(Run& run, LessonState& state) {
  if (state.progress.finished() || state.started == state.progress.current) return;
  state.started = state.progress.current;
  const lesson::LessonStep& step = state.lesson.steps[state.started];
  applyView(run, step.view);
  for (const lesson::StepAction& action : step.actions) applyAction(run, action);
}

}  // namespace

bool applySerumNow(Run& run, const std::string& name, std::string& error) {
  double now = simulatedTime(run.sim);
  scene::Serum serum = run.sim.solver.serum;
  if (!name.empty()) {
    scene::LoadResult loaded = scene::loadSerumRef(name, run.scene.path, serum);
    if (!loaded.ok) {
      error = "serum \"" + name + "\": " + loaded.error;
      return false;
    }
  }
  serum.applied_at_s = now;
  if (name.empty()) {  // the same serum again: it goes on the skin, what is in the skin stays
    run.sim.solver.serum.applied_at_s = now;
    run.sim.healing.serum.applied_at_s = now;
  } else {
    changeSerum(run.sim, serum);
  }
  run.session.coaching.tracker.scene.serum = serum;
  return true;
}

bool loadLessonFor(const std::string& path, LessonState& state, std::string& sceneFile, std::string& error) {
  if (!lesson::loadLesson(path, state.lesson, error)) return false;
  for (size_t i = 0; i < state.lesson.steps.size(); ++i)
    for (size_t k = 0; k < state.lesson.steps[i].actions.size(); ++k)
      if (state.lesson.steps[i].actions[k].kind == lesson::StepAction::Kind::PlayRecording) {
        error = path + ": step '" + state.lesson.steps[i].id + "': steps[" + std::to_string(i) + "].actions[" +
                std::to_string(k) + "].do: play_recording is not available in this version of needlesim yet";
        return false;
      }
  sceneFile = state.lesson.scenePath;
  if (sceneFile.empty())  // the face: beside the lessons folder
    sceneFile = (std::filesystem::path(path).parent_path() / ".." / "face.json").lexically_normal().string();
  state.progress = lesson::startLesson(state.lesson, 0.0);
  return true;
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
  double now = run.session.pen.clock_s;
  if (r.lessonAnswer) lesson::chooseAnswer(state.progress, *r.lessonAnswer);
  if (r.lessonRestart) {
    lesson::restartLesson(state.lesson, state.progress, now);
    state.started = size_t(-1);
  }
  if (r.lessonRetry) {  // the step's clock and criteria start again (the simulation goes on)
    lesson::retryStep(state.progress, now);
    state.started = size_t(-1);
  }
  if (run.session.mode == "educator" && r.lessonBack) lesson::backStep(state.progress, now);
  if (run.session.mode == "educator" && r.lessonSkip) lesson::skipStep(state.progress, now);
  state.nextEvaluation_s = 0;  // answered or moved: judge at once
}

ui::LessonView lessonView(const LessonState& state, bool educator) {
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
  if (p.finished()) return v;
  const lesson::LessonStep& step = l.steps[p.current];
  const lesson::StepState& s = p.steps[p.current];
  v.stepTitle = step.title;
  v.instruction = step.instruction;
  v.choices = step.choices;
  v.chosen = s.choice.value_or("");
  std::vector<std::string> ops;
  leafOps(step.completeWhen, ops);
  for (size_t i = 0; i < s.criteria.size(); ++i) {
    const lesson::CriterionResult& c = s.criteria[i];
    std::string op = i < ops.size() ? ops[i] + " " : "";
    v.criteria.push_back({c.metric, shown(c.value), op + shown(c.target), c.met});
  }
  return v;
}

}  // namespace ns::runtime
