#pragma once
// A lesson being run, as plain data, and the moves on it. The runtime calls
// evaluateStep once per frame with a report-shaped metrics object (metrics.h) and
// the lesson clock; a step completes when its criteria hold and the next starts.
// Times are seconds on the caller's clock (the run's wall or simulated time).
//
// Score (0–100): the mean over steps of each step's criteria value at its last
// evaluation — a leaf counts 1 when met and 0 when not, "all" the mean of its
// children, "any" the best child, a choice 1 when the answer given is the right
// one. A step completed by its criteria counts 1; a step skipped (educator) or not
// reached counts its partial progress. completed: the lesson reached its end
// (every step completed or skipped); passed = completed && score >= pass mark.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "lesson/lesson.h"

namespace ns::lesson {

// One leaf as last evaluated: value/target are numbers, or strings for a choice
// (value null before an answer).
struct CriterionResult {
  std::string metric;
  nlohmann::json value, target;
  bool met = false;
};

struct StepState {
  bool completed = false, skipped = false;
  double started_s = 0;               // lesson time the step (last) started
  std::optional<double> at_s;         // lesson time it completed
  double progress = 0;                // criteria value 0..1 at the last evaluation
  std::vector<CriterionResult> criteria;
  std::optional<std::string> choice;  // a quiz step's answer
};

struct LessonRun {
  size_t current = 0;        // == steps.size() once the lesson has ended
  double origin_s = 0;       // the caller's clock when the lesson (re)started
  std::vector<StepState> steps;
  bool finished() const { return current >= steps.size(); }
};

LessonRun startLesson(const Lesson& lesson, double now_s);
void restartLesson(const Lesson& lesson, LessonRun& run, double now_s);

// Evaluates the current step against `metrics`; when its criteria hold, marks it
// completed at now_s and starts the next. True when a step completed.
bool evaluateStep(const Lesson& lesson, LessonRun& run, const nlohmann::json& metrics, double now_s);

// Evaluates a criterion tree without changing anything: its value 0..1 (see the
// score above) and its leaves appended to `results`.
double evaluateCriterion(const Criterion& c, const nlohmann::json& metrics, double stepTime_s,
                         const std::optional<std::string>& choice, std::vector<CriterionResult>& results);

// A lesson resumed where this trainee left it (the records' position): the steps
// before `step` were done in an earlier session and count as completed (at_s 0).
void resumeAt(LessonRun& run, size_t step, double now_s);
void retryStep(LessonRun& run, double now_s);          // the current step again, from now
void chooseAnswer(LessonRun& run, const std::string& answer);  // read by the next evaluateStep
void skipStep(LessonRun& run, double now_s);           // educator: on to the next, not completed
void backStep(LessonRun& run, double now_s);           // educator: the previous step again

double lessonScore(const LessonRun& run);  // 0–100
bool lessonCompleted(const LessonRun& run);
bool lessonPassed(const Lesson& lesson, const LessonRun& run);

// The report's lesson.* object: {"id", "title", "completed", "passed", "score",
// "pass_mark", "steps": [{"id", "completed", "at_s" (null until completed), "time_s"
// (from the step's last start to its completion; null until then), "skipped",
// "criteria": [{"metric", "value", "target", "met"}]}]}.
nlohmann::json lessonReport(const Lesson& lesson, const LessonRun& run);

}  // namespace ns::lesson
