// The lesson parser: a good lesson loads; each kind of bad one is refused with one
// line naming the file, the step and the key path.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <cstdio>
#include <functional>

#include "lesson/lesson.h"
#include "lesson/metrics.h"
#include "training/depth_chart.h"

using ns::lesson::Criterion;
using ns::lesson::Lesson;
using nlohmann::json;

namespace {

// A lesson file that is never written: scene paths resolve against its folder.
const std::string kPath = NS_SOURCE_DIR "/scenes/lessons/test.json";

json goodLesson() {
  return json::parse(R"({
    "id": "t", "title": "Test", "scene": "../cheek.json", "pass_mark": 80,
    "steps": [
      {"id": "serum", "title": "Serum", "instruction": "Apply the serum.",
       "actions": [{"do": "apply_serum"}], "complete_when": {"metric": "step.time_s", ">=": 2}},
      {"id": "dial", "title": "Dial", "instruction": ["Set the dial.", "Between 0.5 and 1 mm."],
       "view": {"face": "cheek", "micro_view": true, "time_scale": 1},
       "actions": [{"do": "limit_dial", "min_mm": 0.5, "max_mm": 1.0, "source": "chart"}],
       "complete_when": {"all": [{"metric": "technique.passes.directions", ">=": 3},
                                 {"any": [{"metric": "technique.regions.cheek.in_range", ">=": 0.9},
                                          {"metric": "pen.punctures", "<": 10}]}]}},
      {"id": "quiz", "title": "Quiz", "instruction": "Which depth?", "choices": ["0.25 mm", "0.75 mm"],
       "complete_when": {"choice": "0.75 mm"}, "_note": "comments are allowed"}
    ]})");
}

std::string errorAfter(const std::function<void(json&)>& edit) {
  json doc = goodLesson();
  edit(doc);
  Lesson lesson;
  std::string error;
  EXPECT_FALSE(ns::lesson::parseLesson(doc.dump(), kPath, lesson, error));
  EXPECT_EQ(error.find('\n'), std::string::npos) << "error must be one line";
  return error;
}

}  // namespace

TEST(LessonParse, GoodLessonParses) {
  Lesson lesson;
  std::string error;
  ASSERT_TRUE(ns::lesson::parseLesson(goodLesson().dump(), kPath, lesson, error)) << error;
  EXPECT_EQ(lesson.id, "t");
  EXPECT_DOUBLE_EQ(lesson.passMark, 80);
  EXPECT_EQ(lesson.scenePath, std::filesystem::path(NS_SOURCE_DIR "/scenes/cheek.json").lexically_normal().string());
  ASSERT_EQ(lesson.steps.size(), 3u);
  EXPECT_EQ(lesson.steps[1].instruction, "Set the dial.\nBetween 0.5 and 1 mm.");
  EXPECT_EQ(*lesson.steps[1].view.face, "cheek");
  EXPECT_FALSE(lesson.steps[1].view.camera.has_value());
  EXPECT_EQ(lesson.steps[1].actions[0].kind, ns::lesson::StepAction::Kind::LimitDial);
  const Criterion& all = lesson.steps[1].completeWhen;
  ASSERT_EQ(all.kind, Criterion::Kind::All);
  EXPECT_EQ(all.children[1].kind, Criterion::Kind::Any);
  EXPECT_EQ(all.children[1].children[1].op, ns::lesson::CompareOp::Less);
  EXPECT_EQ(lesson.steps[2].completeWhen.choice, "0.75 mm");
}

TEST(LessonParse, FaceSceneNeedsNoFile) {
  json doc = goodLesson();
  doc["scene"] = "face";
  Lesson lesson;
  std::string error;
  ASSERT_TRUE(ns::lesson::parseLesson(doc.dump(), kPath, lesson, error)) << error;
  EXPECT_TRUE(lesson.scenePath.empty());
}

TEST(LessonParse, RefusesEachKindOfBadLesson) {
  const std::string f = kPath + ": ";
  EXPECT_EQ(errorAfter([](json& d) { d["steps"][1]["complete_when"]["all"][0]["metric"] = "technique.pases"; }),
            f + "step 'dial': steps[1].complete_when.all[0].metric: expected a report metric (README \"Lesson files\"), got \"technique.pases\"");
  EXPECT_EQ(errorAfter([](json& d) { d["steps"][0]["complete_when"] = {{"metric", "sim.time_s"}, {"=>", 3}}; }),
            f + "step 'serum': steps[0].complete_when.=>: unknown operator (expected one of >=, <=, >, <, ==)");
  EXPECT_EQ(errorAfter([](json& d) { d["steps"][0]["complete_when"] = {{"metric", "sim.time_s"}}; }),
            f + "step 'serum': steps[0].complete_when: expected exactly one comparison (>=, <=, >, <, ==), got 0");
  EXPECT_EQ(errorAfter([](json& d) { d["steps"][1]["view"]["camera"] = "birdseye"; d["steps"][1]["view"].erase("face"); }),
            f + "step 'dial': steps[1].view.camera: expected one of home, front, top, side, got \"birdseye\"");
  EXPECT_EQ(errorAfter([](json& d) { d["steps"][1]["view"]["xray"] = true; }),
            f + "step 'dial': steps[1].view.xray: unknown key (expected one of: camera, face, cross_section, micro_view, coverage_map, time_scale)");
  EXPECT_EQ(errorAfter([](json& d) { d["steps"][0]["actions"][0]["do"] = "massage"; }),
            f + "step 'serum': steps[0].actions[0].do: expected one of apply_serum, set_dial, limit_dial, jump_time, play_recording, got \"massage\"");
  EXPECT_EQ(errorAfter([](json& d) { d["steps"][0].erase("title"); }),
            f + "step 'serum': steps[0].title: missing required key (a non-empty string)");
  EXPECT_EQ(errorAfter([](json& d) { d["steps"][1].erase("complete_when"); }),
            f + "step 'dial': steps[1].complete_when: missing required key (a criterion)");
  EXPECT_EQ(errorAfter([](json& d) { d["steps"][1]["complete_when"]["all"][0][">="] = "3"; }),
            f + "step 'dial': steps[1].complete_when.all[0].>=: expected a number (the target), got \"3\"");
  EXPECT_EQ(errorAfter([](json& d) { d["steps"][1]["view"]["micro_view"] = 1; }),
            f + "step 'dial': steps[1].view.micro_view: expected true or false, got 1");
  EXPECT_EQ(errorAfter([](json& d) { d["steps"][2]["id"] = "serum"; }),
            f + "step 'serum': steps[2].id: expected a unique step id, got \"serum\" (also steps[0])");
  EXPECT_EQ(errorAfter([](json& d) { d["pass_mark"] = 120; }),
            f + "pass_mark: expected a number from 0 to 100 (percent of the score), got 120");
  EXPECT_EQ(errorAfter([](json& d) { d["scene"] = "../no-such.json"; }),
            f + "scene: expected \"face\" or an existing scene file, got \"../no-such.json\" (no file " NS_SOURCE_DIR "/scenes/no-such.json)");
  EXPECT_EQ(errorAfter([](json& d) { d["steps"] = json::array(); }),
            f + "steps: expected a non-empty array of steps, got []");
  EXPECT_EQ(errorAfter([](json& d) { d.erase("id"); }), f + "id: missing required key (a non-empty string)");
}

TEST(LessonParse, UnknownKeysAreErrorsNotWarnings) {
  const std::string f = kPath + ": ";
  EXPECT_EQ(errorAfter([](json& d) { d["steps"][1]["complete_when"]["all"][1]["any"][0]["metirc"] = "x"; }),
            f + "step 'dial': steps[1].complete_when.all[1].any[0].metirc: unknown operator (expected one of >=, <=, >, <, ==)");
  EXPECT_EQ(errorAfter([](json& d) { d["steps"][1]["complete_when"]["all"][1]["extra"] = 1; }),
            f + "step 'dial': steps[1].complete_when.all[1].extra: unknown key (expected one of: any)");
  EXPECT_EQ(errorAfter([](json& d) { d["steps"][0]["complete_whem"] = d["steps"][0]["complete_when"]; }),
            f + "step 'serum': steps[0].complete_whem: unknown key (expected one of: id, title, instruction, view, actions, choices, complete_when)");
  EXPECT_EQ(errorAfter([](json& d) { d["passmark"] = 80; }),
            f + "passmark: unknown key (expected one of: id, title, scene, pass_mark, course, steps)");
  EXPECT_EQ(errorAfter([](json& d) { d["steps"][0]["actions"][0]["amount"] = 2; }),
            f + "step 'serum': steps[0].actions[0].amount: unknown key (expected one of: do, serum)");
}

TEST(LessonParse, ChoicesAndActionsAreChecked) {
  const std::string f = kPath + ": ";
  EXPECT_EQ(errorAfter([](json& d) { d["steps"][2]["complete_when"]["choice"] = "1 mm"; }),
            f + "step 'quiz': steps[2].complete_when.choice: expected one of 0.25 mm, 0.75 mm, got \"1 mm\"");
  EXPECT_EQ(errorAfter([](json& d) { d["steps"][0]["complete_when"] = {{"choice", "a"}}; }),
            f + "step 'serum': steps[0].complete_when.choice: expected the step to list its answers in \"choices\"");
  EXPECT_EQ(errorAfter([](json& d) { d["steps"][1]["actions"][0]["max_mm"] = 0.25; }),
            f + "step 'dial': steps[1].actions[0].max_mm: expected a number from 0.5 to 5 (mm on the dial, at least min_mm), got 0.25");
  EXPECT_EQ(errorAfter([](json& d) { d["steps"][0]["actions"][0] = {{"do", "play_recording"}, {"file", "gone.jsonl"}}; }),
            f + "step 'serum': steps[0].actions[0].file: expected an existing replay file, got \"" NS_SOURCE_DIR "/scenes/lessons/gone.jsonl\"");
}

TEST(LessonParse, PlayRecordingResolvesAgainstTheLessonFile) {
  std::filesystem::create_directories(NS_TEST_OUTPUT_DIR);
  std::ofstream(NS_TEST_OUTPUT_DIR "/demo.jsonl") << "{}\n";
  json doc = goodLesson();
  doc["scene"] = "face";
  doc["steps"][0]["actions"][0] = {{"do", "play_recording"}, {"file", "demo.jsonl"},
                                   {"captions", {{{"at_s", 0}, {"text", "Watch the angle."}}}}};
  Lesson lesson;
  std::string error;
  ASSERT_TRUE(ns::lesson::parseLesson(doc.dump(), NS_TEST_OUTPUT_DIR "/l.json", lesson, error)) << error;
  EXPECT_EQ(lesson.steps[0].actions[0].recording, NS_TEST_OUTPUT_DIR "/demo.jsonl");
  EXPECT_EQ(lesson.steps[0].actions[0].captions.at(0).text, "Watch the angle.");
}

TEST(LessonParse, NotJsonAndMissingFile) {
  Lesson lesson;
  std::string error;
  EXPECT_FALSE(ns::lesson::parseLesson("{", "x.json", lesson, error));
  EXPECT_EQ(error.rfind("x.json: not valid JSON: ", 0), 0u) << error;
  EXPECT_FALSE(ns::lesson::loadLesson("/nonexistent/l.json", lesson, error));
  EXPECT_NE(error.find("/nonexistent/l.json"), std::string::npos) << error;
}

TEST(LessonParse, ExampleLessonParses) {
  Lesson lesson;
  std::string error;
  ASSERT_TRUE(ns::lesson::loadLesson(NS_SOURCE_DIR "/scenes/lessons/first-glide-cheek.json", lesson, error)) << error;
  EXPECT_EQ(lesson.id, "first-glide-cheek");
  EXPECT_GE(lesson.steps.size(), 5u);
}

TEST(LessonParse, TheDepthQuizAnswersAreTheDepthChartsRows) {
  // Each right answer of the depth quiz is the chart row of its region and skin.
  Lesson lesson;
  std::string error;
  ASSERT_TRUE(ns::lesson::loadLesson(NS_SOURCE_DIR "/scenes/lessons/depth-by-region.json", lesson, error)) << error;
  EXPECT_EQ(lesson.scene, "face");
  struct Expected {
    const char* step;
    const char* region;
    const char* skin;
  } expected[] = {{"forehead", "forehead", "thin"}, {"periorbital", "periorbital", "thin"}, {"nose", "nose", "thin"},
                  {"cheek-thin", "cheek", "thin"},  {"cheek-thick", "cheek", "thick"}};
  ASSERT_EQ(lesson.steps.size(), std::size(expected));
  for (size_t i = 0; i < lesson.steps.size(); ++i) {
    SCOPED_TRACE(expected[i].step);
    EXPECT_EQ(lesson.steps[i].id, expected[i].step);
    std::string answer = lesson.steps[i].completeWhen.choice;
    double lo = 0, hi = 0;
    int read = std::sscanf(answer.c_str(), "%lf-%lf", &lo, &hi);
    if (read == 1) hi = lo;
    ns::training::DepthRange row = ns::training::recommendedDepth(expected[i].region, expected[i].skin);
    EXPECT_DOUBLE_EQ(lo, row.min_mm) << answer;
    EXPECT_DOUBLE_EQ(hi, row.max_mm) << answer;
  }
}

TEST(LessonParse, TheFullFaceProcedureFollowsThePractitionersOrder) {
  Lesson lesson;
  std::string error;
  ASSERT_TRUE(ns::lesson::loadLesson(NS_SOURCE_DIR "/scenes/lessons/full-face-procedure.json", lesson, error)) << error;
  std::vector<std::string> order;
  for (const auto& step : lesson.steps) order.push_back(step.id);
  EXPECT_EQ(order, (std::vector<std::string>{"cleanse", "numb", "serum", "forehead", "cheeks", "nose", "perioral", "chin",
                                             "no-go", "day-1", "week-6"}));
}

// apply_serum names a serum of the library (scenes/serums, by file name): found when
// the lesson loads, an unknown one refused with the file, the step and the key.
TEST(LessonParse, ApplySerumNamesALibrarySerum) {
  json doc = goodLesson();
  doc["steps"][0]["actions"][0]["serum"] = "ha_high_mw";
  Lesson lesson;
  std::string error;
  ASSERT_TRUE(ns::lesson::parseLesson(doc.dump(), kPath, lesson, error)) << error;
  EXPECT_EQ(lesson.steps[0].actions[0].serum, "ha_high_mw");
  std::string e = errorAfter([](json& d) { d["steps"][0]["actions"][0]["serum"] = "snake_oil"; });
  EXPECT_EQ(e.find(kPath + ": step 'serum': steps[0].actions[0].serum: expected a serum of scenes/serums ("), 0u) << e;
  EXPECT_NE(e.find("got \"snake_oil\""), std::string::npos) << e;
}

// Found by fuzz_lesson with 1 MiB inputs (issue 31): a file name too long for the
// system made std::filesystem throw, and the program ended. It is no such file now,
// named as an excerpt.
TEST(LessonParse, AFileNameTooLongForTheSystemIsNoSuchFile) {
  std::string longName(5000, 'x');
  std::string e = errorAfter([&](json& d) { d["steps"][0]["actions"][0] = {{"do", "play_recording"}, {"file", longName + ".jsonl"}}; });
  EXPECT_NE(e.find("steps[0].actions[0].file: expected an existing replay file"), std::string::npos) << e.substr(0, 400);
  EXPECT_LT(e.size(), 600u);
  e = errorAfter([&](json& d) { d["scene"] = longName + ".json"; });
  EXPECT_NE(e.find("scene: expected \"face\" or an existing scene file"), std::string::npos) << e.substr(0, 400);
  EXPECT_LT(e.size(), 800u);
}

// A lesson can schedule a course (the scene key's twin, with its ranges), checked
// where it enters: one line naming the key and what it expects.
TEST(LessonParse, CourseIsReadAndRangeChecked) {
  Lesson lesson;
  std::string error;
  ASSERT_TRUE(ns::lesson::parseLesson(goodLesson().dump(), kPath, lesson, error)) << error;
  EXPECT_FALSE(lesson.course.has_value()) << "no key: the scene's course";
  json doc = goodLesson();
  doc["course"] = {{"sessions", 4}, {"interval_days", 28}, {"source", "four monthly sessions [P]"}};
  ASSERT_TRUE(ns::lesson::parseLesson(doc.dump(), kPath, lesson, error)) << error;
  ASSERT_TRUE(lesson.course.has_value());
  EXPECT_EQ(lesson.course->sessions, 4);
  EXPECT_DOUBLE_EQ(lesson.course->interval_days, 28);
  const std::string f = kPath + ": ";
  EXPECT_EQ(errorAfter([](json& d) { d["course"] = 4; }), f + "course: expected an object, got 4");
  EXPECT_EQ(errorAfter([](json& d) { d["course"] = {{"sessions", 13}, {"interval_days", 28}}; }),
            f + "course.sessions: expected a number from 1 to 12 (sessions, a whole number), got 13");
  EXPECT_EQ(errorAfter([](json& d) { d["course"] = {{"sessions", 2.5}, {"interval_days", 28}}; }),
            f + "course.sessions: expected a whole number of sessions from 1 to 12, got 2.5");
  EXPECT_EQ(errorAfter([](json& d) { d["course"] = {{"sessions", 4}, {"interval_days", 3}}; }),
            f + "course.interval_days: expected a number from 7 to 180 (days between sessions), got 3");
  EXPECT_EQ(errorAfter([](json& d) { d["course"] = {{"sessions", 4}}; }),
            f + "course.interval_days: missing required key (days between sessions)");
  EXPECT_EQ(errorAfter([](json& d) { d["course"] = {{"sessions", 4}, {"interval_days", 28}, {"every", 1}}; }),
            f + "course.every: unknown key (expected one of: sessions, interval_days)");
}
