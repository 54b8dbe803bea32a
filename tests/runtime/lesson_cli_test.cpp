// Lessons end to end through the needlesim binary: a lesson run headless against a
// recording reports lesson.* step by step; a recording that breaks a criterion fails
// the right step; a bad lesson is refused before anything starts.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/files.h"
#include "input/replay.h"
#include "lesson/lesson_run.h"
#include "runtime/lesson_driver.h"
#include "support/cli_support.h"
#include "support/stroke_replay.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path scratch(const std::string& name) { return ns::test::scratchDir("lesson", name); }

using ns::test::binary;

using ns::test::write;

// A glide step on the cheek, then an hour of healing (no quiz: it runs headless).
json glideLesson() {
  return json::parse(R"({
    "id": "glide-then-hour", "title": "Glide, then an hour", "scene": ")" NS_SOURCE_DIR R"(/scenes/cheek.json",
    "pass_mark": 80,
    "steps": [
      {"id": "glide", "title": "Three directions", "instruction": "Glide horizontally, vertically, obliquely.",
       "view": {"coverage_map": true},
       "complete_when": {"all": [{"metric": "technique.passes.directions", ">=": 3},
                                 {"metric": "technique.regions.cheek.in_range", ">=": 0.9}]}},
      {"id": "hour", "title": "One hour later", "instruction": "Watch the channels close.",
       "actions": [{"do": "jump_time", "s": 3600}],
       "complete_when": {"all": [{"metric": "sim.time_s", ">=": 3600},
                                 {"metric": "healing.open_fraction", "<=": 0.5}]}}
    ]})");
}

using ns::test::strokesFrom;

// Strokes through the middle of the patch along each direction (dial 0.75 mm).
std::string strokes(const std::vector<glm::dvec2>& directions, double dial_mm = 0.75) {
  return strokesFrom(0.0, directions, dial_mm);
}

json lessonRun(const fs::path& dir, const json& lesson, const std::string& replay) {
  write(dir / "lesson.json", lesson.dump(2));
  write(dir / "pen.jsonl", replay);
  std::string command = binary() + " --headless --validate --lesson '" + (dir / "lesson.json").string() +
                        "' --replay '" + (dir / "pen.jsonl").string() + "' --report '" + (dir / "report.json").string() +
                        "' 2> '" + (dir / "stderr.txt").string() + "'";
  EXPECT_EQ(ns::test::runShell(command), 0) << command;
  return ns::test::readJsonFile(dir / "report.json");
}

}  // namespace

TEST(LessonCli, ALessonAgainstARecordingReportsEachStep) {
  json r = lessonRun(scratch("pass"), glideLesson(), strokes({{1, 0}, {0, 1}, {0.7071, 0.7071}}));
  ASSERT_TRUE(r.contains("lesson")) << r.dump(2);
  const json& l = r["lesson"];
  EXPECT_EQ(l["id"], "glide-then-hour");
  EXPECT_EQ(l["completed"], true) << l.dump(2);
  EXPECT_EQ(l["passed"], true);
  ASSERT_EQ(l["steps"].size(), 2u);
  EXPECT_EQ(l["steps"][0]["id"], "glide");
  EXPECT_EQ(l["steps"][0]["completed"], true);
  EXPECT_LT(l["steps"][0]["at_s"].get<double>(), l["steps"][1]["at_s"].get<double>());
  for (const json& c : l["steps"][1]["criteria"]) {
    EXPECT_TRUE(c["met"].get<bool>()) << c.dump();
    EXPECT_TRUE(c.contains("value") && c.contains("target")) << c.dump();
  }
  EXPECT_GE(r["sim"]["time_s"].get<double>(), 3600.0) << "the step's jump was taken";
  EXPECT_EQ(r["validation"]["errors"], 0);
}

TEST(LessonCli, OneDirectionFailsTheGlideStep) {
  json r = lessonRun(scratch("one_direction"), glideLesson(), strokes({{1, 0}, {1, 0}, {1, 0}}));
  const json& l = r["lesson"];
  EXPECT_EQ(l["completed"], false);
  EXPECT_EQ(l["passed"], false);
  EXPECT_EQ(l["steps"][0]["completed"], false);
  bool directionsUnmet = false;
  for (const json& c : l["steps"][0]["criteria"])
    directionsUnmet |= c["metric"] == "technique.passes.directions" && !c["met"].get<bool>() && c["value"] == 1.0;
  EXPECT_TRUE(directionsUnmet) << l["steps"][0].dump(2);
}

TEST(LessonCli, ABadLessonIsRefusedBeforeAnythingStarts) {
  fs::path dir = scratch("bad");
  json lesson = glideLesson();
  lesson["steps"][1]["complete_when"]["all"][0]["metric"] = "sim.tiem_s";
  write(dir / "lesson.json", lesson.dump(2));
  std::string command = binary() + " --headless --lesson '" + (dir / "lesson.json").string() + "' --report '" +
                        (dir / "report.json").string() + "' 2> '" + (dir / "stderr.txt").string() + "'";
  EXPECT_EQ(ns::test::runShell(command), 2);
  std::string err, error;
  ASSERT_TRUE(ns::core::readText((dir / "stderr.txt").string(), err, error));
  EXPECT_NE(err.find("--lesson: "), std::string::npos) << err;
  EXPECT_NE(err.find("lesson.json: step 'hour'"), std::string::npos) << err;
  EXPECT_NE(err.find("metric"), std::string::npos) << err;
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << "one line: " << err;
  EXPECT_FALSE(fs::exists(dir / "report.json")) << "nothing ran";
}

namespace {

std::string liftedAt(double t, const std::string& lessonMove = "") {
  ns::input::PenSample s;
  s.t_s = t;
  s.pos_mm = {0, 0, 3.0};
  if (lessonMove.empty()) return ns::input::replayLine(s) + "\n";
  ns::input::LessonEvent e;
  e.kind = lessonMove == "retry" ? ns::input::LessonEvent::Kind::Retry : ns::input::LessonEvent::Kind::Restart;
  return ns::input::replayLine(s, e) + "\n";
}

// Equal but for the last bits of sums over times (the redo happens later on the pen clock).
void expectSameNumbers(const json& a, const json& b, const std::string& where) {
  if (a.is_number() && b.is_number()) {
    double x = a.get<double>(), y = b.get<double>();
    EXPECT_NEAR(x, y, 1e-9 * std::max({1.0, std::fabs(x), std::fabs(y)})) << where;
  } else if (a.is_object() && b.is_object()) {
    EXPECT_EQ(a.size(), b.size()) << where;
    for (auto it = a.begin(); it != a.end(); ++it)
      if (b.contains(it.key())) expectSameNumbers(it.value(), b[it.key()], where + "." + it.key());
      else ADD_FAILURE() << where << "." << it.key() << " missing";
  } else if (a.is_array() && b.is_array() && a.size() == b.size()) {
    for (size_t i = 0; i < a.size(); ++i) expectSameNumbers(a[i], b[i], where + "[" + std::to_string(i) + "]");
  } else {
    EXPECT_EQ(a, b) << where;
  }
}

// Read for a second, glide in three directions within the cheek's range, then an hour.
json readGlideHourLesson() {
  json lesson = glideLesson();
  lesson["steps"].insert(lesson["steps"].begin(),
                         json::parse(R"({"id": "read", "title": "Read", "instruction": "Read this.",
                                         "complete_when": {"metric": "step.time_s", ">=": 1}})"));
  return lesson;
}

}  // namespace

// A step retried is done again from the state it started in: what a wrong attempt
// did (channels, serum taken up, redness, feedback, the pen's counts) is undone, and
// the run ends as a run that did the step right the first time.
TEST(LessonCli, ARetriedStepEndsAsACleanRun) {
  const std::vector<glm::dvec2> three = {{1, 0}, {0, 1}, {0.7071, 0.7071}};
  json clean = lessonRun(scratch("retry-clean"), readGlideHourLesson(), liftedAt(0) + strokesFrom(3.0, three));
  ASSERT_EQ(clean["lesson"]["completed"], true) << clean["lesson"].dump(2);
  // The glide step started when reading was done; the retry comes Δ later (a whole
  // number of frames and motor cycles, so the redo meets frames and strikes as the
  // clean run did), after a wrong attempt: too deep, one direction.
  double glideStart = clean["lesson"]["steps"][0]["at_s"];
  const double shift = 20.0;
  std::string retried = liftedAt(0) + strokesFrom(3.0, {{1, 0}, {1, 0}}, 1.5) +
                        liftedAt(glideStart + shift - 0.001, "retry") + strokesFrom(3.0 + shift, three);
  json redo = lessonRun(scratch("retry-redo"), readGlideHourLesson(), retried);
  ASSERT_EQ(redo["lesson"]["completed"], true) << redo["lesson"].dump(2);
  EXPECT_EQ(redo["lesson"]["score"], clean["lesson"]["score"]);
  for (const char* section : {"channels", "healing", "technique"}) expectSameNumbers(redo[section], clean[section], section);
  for (const char* key : {"punctures", "cycles", "contact_s"})
    expectSameNumbers(redo["pen"][key], clean["pen"][key], std::string("pen.") + key);
  for (const char* key : {"time_s", "total_mass", "profile"})
    expectSameNumbers(redo["sim"][key], clean["sim"][key], std::string("sim.") + key);
  // Each step's criteria read the same values.
  for (size_t i = 0; i < clean["lesson"]["steps"].size(); ++i)
    expectSameNumbers(redo["lesson"]["steps"][i]["criteria"], clean["lesson"]["steps"][i]["criteria"],
                      "lesson.steps[" + std::to_string(i) + "].criteria");
  // The wrong attempt did happen (and was undone): a run without the retry fails.
  std::string unretried = liftedAt(0) + strokesFrom(3.0, {{1, 0}, {1, 0}}, 1.5);
  json wrong = lessonRun(scratch("retry-none"), readGlideHourLesson(), unretried);
  EXPECT_EQ(wrong["lesson"]["steps"][1]["completed"], false);
}

// Issue 30: the lesson panel showed raw metric names and numbers like `4.32e+03`.
// Each criterion reads in words with its unit: the time after treatment as a
// duration, fractions as percentages, redness and collagen in their own terms.
TEST(LessonPanel, CriteriaReadInWordsWithUnits) {
  ns::runtime::LessonState state;
  std::string scene, error;
  ASSERT_TRUE(ns::runtime::loadLessonFor(NS_SOURCE_DIR "/scenes/lessons/why-it-works.json", state, scene, error)) << error;
  state.progress = ns::lesson::startLesson(state.lesson, 0);
  state.progress.current = 2;  // redness-closure: sim.time_s >= 3600, healing.erythema_mean > 0, ...
  json metrics = {{"sim", {{"time_s", 4320.0}}}, {"healing", {{"erythema_mean", 0.4321}, {"open_fraction", 0.25}}}};
  ns::lesson::evaluateStep(state.lesson, state.progress, metrics, 3.0);
  ns::ui::LessonView v = ns::runtime::lessonView(state, false, 0);
  ASSERT_GE(v.criteria.size(), 2u);
  std::string all;
  for (const ns::ui::LessonCriterionRow& c : v.criteria) {
    all += c.metric + ": " + c.value + " (target: " + c.target + ")\n";
    EXPECT_EQ(c.metric.find('.'), std::string::npos) << "a raw metric name: " << c.metric;
    EXPECT_EQ(c.metric.find('_'), std::string::npos) << "a raw metric name: " << c.metric;
    for (const std::string& text : {c.value, c.target}) {
      EXPECT_EQ(text.find("e+"), std::string::npos) << text;
      EXPECT_EQ(text.find("e-"), std::string::npos) << text;
    }
  }
  EXPECT_EQ(v.criteria[0].metric, "Time after treatment") << all;
  EXPECT_EQ(v.criteria[0].value, "1 h 12 min") << all;
  EXPECT_EQ(v.criteria[0].target, "at least 1 h") << all;
  EXPECT_EQ(v.criteria[1].metric, "Redness") << all;
  EXPECT_EQ(v.criteria[1].value, "43 %") << all;
  EXPECT_EQ(v.criteria[1].target, "more than 0 %") << all;
}

// Issue 30: a lesson passed "100/100" while the Technique panel said 30. The finished
// lesson names each score for what it judges: the steps done against the pass mark,
// and apart, the technique score of the needling (none without needling).
TEST(LessonPanel, TheSummaryNamesTheLessonsScoreAndTheTechniqueScoreApart) {
  ns::ui::LessonView v;
  v.passed = true;
  v.score = 100;
  v.passMark = 80;
  std::vector<std::string> lines = ns::ui::lessonSummaryHeadline(v);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "Lesson passed: 100 % of its steps done (pass mark 80 %)");
  v.techniqueScore = 30.2;
  lines = ns::ui::lessonSummaryHeadline(v);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1], "Technique score of the needling: 30 / 100 (Technique panel)");
  for (const std::string& line : lines) EXPECT_EQ(line.find("score 100 of 100"), std::string::npos) << line;
}

// Issue 30: the quiz stated its own answer ("The depth chart gives 0.5 to 1.0 mm ...
// Which depth is right?"). A quiz whose title or instruction states the right choice
// is refused before the lesson starts, with one line naming the step and the key;
// every shipped lesson asks.
TEST(LessonCli, AQuizThatStatesItsAnswerIsRefused) {
  fs::path dir = scratch("quiz-gives-away");
  json lesson = json::parse(R"({
    "id": "quiz", "title": "Quiz", "scene": ")" NS_SOURCE_DIR R"(/scenes/cheek.json", "pass_mark": 50,
    "steps": [{"id": "dial", "title": "The dial",
               "instruction": ["The depth chart gives 0.5-1.0 mm for thin cheek skin.", "Which depth is right?"],
               "choices": ["0.25 mm", "0.5 to 1.0 mm", "1.5 to 2.0 mm"],
               "complete_when": {"choice": "0.5 to 1.0 mm"}}]})");
  write(dir / "lesson.json", lesson.dump(2));
  std::string command = binary() + " --headless --frames 1 --lesson '" + (dir / "lesson.json").string() + "' 2> '" +
                        (dir / "stderr.txt").string() + "'";
  EXPECT_EQ(ns::test::runShell(command), 2) << command;
  std::string err, error;
  ASSERT_TRUE(ns::core::readText((dir / "stderr.txt").string(), err, error)) << error;
  EXPECT_NE(err.find("step 'dial': steps[0].instruction: expected a question that does not state its answer"),
            std::string::npos) << err;
  for (const char* shipped : {"first-glide-cheek", "depth-by-region", "full-face-procedure", "why-it-works", "treatment-course"}) {
    ns::runtime::LessonState state;
    std::string scene;
    EXPECT_TRUE(ns::runtime::loadLessonFor(std::string(NS_SOURCE_DIR "/scenes/lessons/") + shipped + ".json", state, scene,
                                           error)) << error;
  }
}

