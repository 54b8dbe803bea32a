#include "lesson/lesson_run.h"

#include <algorithm>

#include "lesson/metrics.h"

namespace ns::lesson {
namespace {

bool compare(double value, CompareOp op, double target) {
  switch (op) {
    case CompareOp::GreaterEqual: return value >= target;
    case CompareOp::LessEqual: return value <= target;
    case CompareOp::Greater: return value > target;
    case CompareOp::Less: return value < target;
    case CompareOp::Equal: return value == target;
  }
  return false;
}

void beginStep(LessonRun& run, size_t index, double now_s) {
  run.current = index;
  if (index < run.steps.size()) {
    run.steps[index] = StepState{};
    run.steps[index].started_s = now_s - run.origin_s;
  }
}

}  // namespace

double evaluateCriterion(const Criterion& c, const nlohmann::json& metrics, double stepTime_s,
                         const std::optional<std::string>& choice, std::vector<CriterionResult>& results) {
  if (c.kind == Criterion::Kind::Metric) {
    double value = readMetric(metrics, c.metric, stepTime_s);
    bool met = compare(value, c.op, c.target);
    results.push_back({c.metric, value, c.target, met});
    return met ? 1.0 : 0.0;
  }
  if (c.kind == Criterion::Kind::Choice) {
    bool met = choice && *choice == c.choice;
    results.push_back({kChoiceMetric, choice ? nlohmann::json(*choice) : nlohmann::json(nullptr), c.choice, met});
    return met ? 1.0 : 0.0;
  }
  double sum = 0, best = 0;
  for (auto& child : c.children) {
    double v = evaluateCriterion(child, metrics, stepTime_s, choice, results);
    sum += v;
    best = std::max(best, v);
  }
  if (c.kind == Criterion::Kind::Any) return best;
  return c.children.empty() ? 1.0 : sum / double(c.children.size());
}

LessonRun startLesson(const Lesson& lesson, double now_s) {
  LessonRun run;
  run.origin_s = now_s;
  run.steps.assign(lesson.steps.size(), StepState{});
  beginStep(run, 0, now_s);
  return run;
}

void restartLesson(const Lesson& lesson, LessonRun& run, double now_s) { run = startLesson(lesson, now_s); }

bool evaluateStep(const Lesson& lesson, LessonRun& run, const nlohmann::json& metrics, double now_s) {
  if (run.finished()) return false;
  StepState& state = run.steps[run.current];
  double lessonTime = now_s - run.origin_s;
  state.criteria.clear();
  state.progress = evaluateCriterion(lesson.steps[run.current].completeWhen, metrics, lessonTime - state.started_s,
                                     state.choice, state.criteria);
  if (state.progress < 1.0) return false;
  state.completed = true;
  state.at_s = lessonTime;
  beginStep(run, run.current + 1, now_s);
  return true;
}

void retryStep(LessonRun& run, double now_s) {
  if (!run.finished()) beginStep(run, run.current, now_s);
}

void chooseAnswer(LessonRun& run, const std::string& answer) {
  if (!run.finished()) run.steps[run.current].choice = answer;
}

void resumeAt(LessonRun& run, size_t step, double now_s) {
  if (step == 0 || step >= run.steps.size()) return;
  for (size_t i = 0; i < step; ++i) {
    run.steps[i].completed = true;
    run.steps[i].at_s = 0.0;
    run.steps[i].started_s = 0.0;
    run.steps[i].progress = 1.0;
  }
  beginStep(run, step, now_s);
}

void skipStep(LessonRun& run, double now_s) {
  if (run.finished()) return;
  run.steps[run.current].skipped = true;
  run.current += 1;
  if (!run.finished()) beginStep(run, run.current, now_s);
}

void backStep(LessonRun& run, double now_s) {
  if (run.current == 0) return retryStep(run, now_s);
  if (!run.finished()) run.steps[run.current] = StepState{};  // the step left was never done
  beginStep(run, run.current - 1, now_s);
}

double lessonScore(const LessonRun& run) {
  if (run.steps.empty()) return 0.0;
  double sum = 0;
  for (auto& s : run.steps) sum += s.completed ? 1.0 : s.progress;
  return 100.0 * sum / double(run.steps.size());
}

bool lessonCompleted(const LessonRun& run) { return !run.steps.empty() && run.finished(); }

bool lessonPassed(const Lesson& lesson, const LessonRun& run) {
  return lessonCompleted(run) && lessonScore(run) >= lesson.passMark;
}

nlohmann::json lessonReport(const Lesson& lesson, const LessonRun& run) {
  nlohmann::json steps = nlohmann::json::array();
  for (size_t i = 0; i < lesson.steps.size() && i < run.steps.size(); ++i) {
    const StepState& s = run.steps[i];
    nlohmann::json criteria = nlohmann::json::array();
    for (auto& c : s.criteria) criteria.push_back({{"metric", c.metric}, {"value", c.value}, {"target", c.target}, {"met", c.met}});
    steps.push_back({{"id", lesson.steps[i].id},
                     {"completed", s.completed},
                     {"at_s", s.at_s ? nlohmann::json(*s.at_s) : nlohmann::json(nullptr)},
                     {"time_s", s.at_s ? nlohmann::json(*s.at_s - s.started_s) : nlohmann::json(nullptr)},
                     {"skipped", s.skipped},
                     {"criteria", criteria}});
  }
  return {{"id", lesson.id},
          {"title", lesson.title},
          {"completed", lessonCompleted(run)},
          {"passed", lessonPassed(lesson, run)},
          {"score", lessonScore(run)},
          {"pass_mark", lesson.passMark},
          {"steps", steps}};
}

}  // namespace ns::lesson
