// Metrics, criteria and the step state machine, on lessons built in code.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "lesson/lesson_run.h"
#include "lesson/metrics.h"

using namespace ns::lesson;
using nlohmann::json;

namespace {

Criterion leaf(const std::string& metric, CompareOp op, double target) {
  Criterion c;
  c.kind = Criterion::Kind::Metric;
  c.metric = metric;
  c.op = op;
  c.target = target;
  return c;
}

Criterion group(Criterion::Kind kind, std::vector<Criterion> children) {
  Criterion c;
  c.kind = kind;
  c.children = std::move(children);
  return c;
}

Criterion choice(const std::string& answer) {
  Criterion c;
  c.kind = Criterion::Kind::Choice;
  c.choice = answer;
  return c;
}

Lesson threeSteps() {
  Lesson lesson;
  lesson.id = std::string("l");
  lesson.passMark = 75;
  lesson.steps = {{"a", "A", "", {}, {}, {}, leaf("pen.punctures", CompareOp::GreaterEqual, 10)},
                  {"b", "B", "", {}, {}, {}, leaf("step.time_s", CompareOp::GreaterEqual, 5)},
                  {"c", "C", "", {}, {}, {"x", "y"}, choice("y")}};
  return lesson;
}

const json kReport = json::parse(R"({
  "technique": {"score": 71, "directions": 3, "passes": 4,
                "regions": {"cheek": {"in_range": 0.95, "punctures": 120}}},
  "pen": {"punctures": 120}, "healing": {"open_fraction": 0.4}})");

}  // namespace

TEST(LessonMetrics, CatalogueAliasesAndRegions) {
  EXPECT_TRUE(knownMetric("technique.score"));
  EXPECT_TRUE(knownMetric("technique.passes.directions"));
  EXPECT_TRUE(knownMetric("technique.regions.cheek.in_range"));
  EXPECT_TRUE(knownMetric("step.time_s"));
  EXPECT_FALSE(knownMetric("technique.regions.elbow.in_range"));
  EXPECT_FALSE(knownMetric("technique.regions.cheek.depth"));
  EXPECT_FALSE(knownMetric("technique.warnings"));
  EXPECT_FALSE(knownMetric("lesson.choice"));  // only through {"choice": ...}
  EXPECT_EQ(readMetric(kReport, "technique.passes.directions", 0), 3);
  EXPECT_EQ(readMetric(kReport, "technique.passes.count", 0), 4);
  EXPECT_EQ(readMetric(kReport, "technique.regions.cheek.in_range", 0), 0.95);
  EXPECT_EQ(readMetric(kReport, "technique.regions.nose.in_range", 0), 0);  // not needled yet
  EXPECT_EQ(readMetric(kReport, "sim.time_s", 0), 0);                      // section absent
  EXPECT_EQ(readMetric(kReport, "step.time_s", 12.5), 12.5);
}

TEST(LessonCriteria, AllAnyNestingAndChoice) {
  std::vector<CriterionResult> r;
  Criterion c = group(Criterion::Kind::All,
                      {leaf("technique.directions", CompareOp::GreaterEqual, 3),
                       group(Criterion::Kind::Any, {leaf("technique.score", CompareOp::Greater, 90),
                                                    leaf("healing.open_fraction", CompareOp::Less, 0.5)})});
  EXPECT_EQ(evaluateCriterion(c, kReport, 0, std::nullopt, r), 1.0);
  ASSERT_EQ(r.size(), 3u);  // every leaf is reported, met or not
  EXPECT_FALSE(r[1].met);
  EXPECT_EQ(r[1].value, 71.0);
  EXPECT_EQ(r[1].target, 90.0);
  r.clear();
  c.children[0].target = 4;  // one of two children of "all" fails: half way
  EXPECT_EQ(evaluateCriterion(c, kReport, 0, std::nullopt, r), 0.5);
  r.clear();
  EXPECT_EQ(evaluateCriterion(choice("y"), kReport, 0, std::nullopt, r), 0.0);
  EXPECT_EQ(r[0].metric, "lesson.choice");
  EXPECT_TRUE(r[0].value.is_null());
  r.clear();
  EXPECT_EQ(evaluateCriterion(choice("y"), kReport, 0, std::string("y"), r), 1.0);
  EXPECT_EQ(evaluateCriterion(leaf("pen.punctures", CompareOp::Equal, 120), kReport, 0, std::nullopt, r), 1.0);
  EXPECT_EQ(evaluateCriterion(leaf("pen.punctures", CompareOp::LessEqual, 119), kReport, 0, std::nullopt, r), 0.0);
}

TEST(LessonRunTest, StepsCompleteInOrder) {
  Lesson lesson = threeSteps();
  LessonRun run = startLesson(lesson, 100);
  EXPECT_FALSE(evaluateStep(lesson, run, json::object(), 101));
  EXPECT_EQ(run.current, 0u);
  EXPECT_TRUE(evaluateStep(lesson, run, kReport, 102));
  EXPECT_EQ(run.current, 1u);
  EXPECT_EQ(*run.steps[0].at_s, 2.0);
  EXPECT_FALSE(evaluateStep(lesson, run, kReport, 106));  // 4 s into step b
  EXPECT_TRUE(evaluateStep(lesson, run, kReport, 107));
  EXPECT_FALSE(evaluateStep(lesson, run, kReport, 108));  // no answer yet
  chooseAnswer(run, "x");
  EXPECT_FALSE(evaluateStep(lesson, run, kReport, 109));
  chooseAnswer(run, "y");
  EXPECT_TRUE(evaluateStep(lesson, run, kReport, 110));
  EXPECT_TRUE(run.finished());
  EXPECT_FALSE(evaluateStep(lesson, run, kReport, 111));
  EXPECT_TRUE(lessonCompleted(run));
  EXPECT_DOUBLE_EQ(lessonScore(run), 100);
  EXPECT_TRUE(lessonPassed(lesson, run));
}

TEST(LessonRunTest, RetryKeepsEarlierStepsAndRestartsTheClock) {
  Lesson lesson = threeSteps();
  LessonRun run = startLesson(lesson, 0);
  ASSERT_TRUE(evaluateStep(lesson, run, kReport, 1));
  EXPECT_FALSE(evaluateStep(lesson, run, kReport, 4));
  retryStep(run, 4);
  EXPECT_EQ(run.current, 1u);
  EXPECT_TRUE(run.steps[0].completed);
  EXPECT_EQ(run.steps[1].started_s, 4.0);
  EXPECT_TRUE(run.steps[1].criteria.empty());
  EXPECT_FALSE(evaluateStep(lesson, run, kReport, 8));  // 4 s since the retry
  EXPECT_TRUE(evaluateStep(lesson, run, kReport, 9));
  restartLesson(lesson, run, 20);
  EXPECT_EQ(run.current, 0u);
  for (auto& s : run.steps) EXPECT_FALSE(s.completed || s.at_s || s.skipped);
  EXPECT_EQ(run.origin_s, 20.0);
}

TEST(LessonRunTest, EducatorSkipAndBack) {
  Lesson lesson = threeSteps();
  LessonRun run = startLesson(lesson, 0);
  skipStep(run, 1);
  EXPECT_EQ(run.current, 1u);
  EXPECT_TRUE(run.steps[0].skipped);
  backStep(run, 2);
  EXPECT_EQ(run.current, 0u);
  EXPECT_FALSE(run.steps[0].skipped);
  EXPECT_EQ(run.steps[0].started_s, 2.0);
  skipStep(run, 3);
  skipStep(run, 4);
  chooseAnswer(run, "y");
  ASSERT_TRUE(evaluateStep(lesson, run, kReport, 5));
  EXPECT_TRUE(run.finished());
  EXPECT_TRUE(lessonCompleted(run));  // at the end, skipped steps and all
  EXPECT_FALSE(run.steps[0].completed);
  EXPECT_NEAR(lessonScore(run), 100.0 / 3, 1e-9);  // skipped steps count their progress
  EXPECT_FALSE(lessonPassed(lesson, run));
  lesson.passMark = 30;
  EXPECT_TRUE(lessonPassed(lesson, run));
  lesson.passMark = 75;
  backStep(run, 6);  // from the end: the last step again
  EXPECT_EQ(run.current, 2u);
  EXPECT_FALSE(run.steps[2].completed);
}

// The contract's keys (product.md: lesson.id, completed, passed, score, steps with id,
// completed, at_s, criteria) and the summary's (title, pass mark, each step's time
// and whether it was skipped).
TEST(LessonRunTest, ReportHasTheContractKeysAndTheSummarys) {
  Lesson lesson = threeSteps();
  LessonRun run = startLesson(lesson, 0);
  evaluateStep(lesson, run, kReport, 1);
  evaluateStep(lesson, run, json::object(), 2);
  json report = lessonReport(lesson, run);
  auto keys = [](const json& o) {
    std::vector<std::string> k;
    for (auto& [key, v] : o.items()) k.push_back(key);
    return k;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(keys(report), (V{"completed", "id", "pass_mark", "passed", "score", "steps", "title"}));
  ASSERT_EQ(report["steps"].size(), 3u);
  EXPECT_EQ(keys(report["steps"][0]), (V{"at_s", "completed", "criteria", "id", "skipped", "time_s"}));
  EXPECT_EQ(report["steps"][0]["time_s"], 1.0);
  EXPECT_TRUE(report["steps"][2]["time_s"].is_null());
  EXPECT_EQ(keys(report["steps"][0]["criteria"][0]), (V{"met", "metric", "target", "value"}));
  EXPECT_EQ(report["steps"][0]["criteria"][0],
            (json{{"metric", "pen.punctures"}, {"value", 120.0}, {"target", 10.0}, {"met", true}}));
  EXPECT_EQ(report["steps"][0]["at_s"], 1.0);
  EXPECT_TRUE(report["steps"][1]["at_s"].is_null());
  EXPECT_EQ(report["steps"][1]["criteria"][0]["value"], 1.0);  // step.time_s: 1 s into step b
  EXPECT_EQ(report["id"], "l");
  EXPECT_EQ(report["completed"], false);
  EXPECT_EQ(report["passed"], false);
  EXPECT_NEAR(report["score"].get<double>(), 100.0 / 3, 1e-9);
}
