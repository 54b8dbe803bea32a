// Each shipped lesson against recordings made for it (tests/lesson/recordings/,
// written by tools/make_lesson_recordings): the one that does what the lesson asks
// completes and passes; each one that breaks a criterion — a wrong answer, one
// direction only, a dial too deep for the region, needling before the serum, a
// puncture on the lid — fails at the step that criterion belongs to, and says which.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/files.h"
#include "support/cli_support.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json runLesson(const std::string& lesson, const std::string& recording, const std::string& extra = "") {
  fs::path dir = ns::test::scratchDir("lesson-recordings", lesson + "." + recording);
  std::string command = std::string("'") + NS_NEEDLESIM_BINARY + "' --headless --validate --lesson '" NS_SOURCE_DIR
                        "/scenes/lessons/" + lesson + ".json' --replay '" NS_SOURCE_DIR "/tests/lesson/recordings/" +
                        lesson + "." + recording + ".jsonl' --report '" + (dir / "report.json").string() + "' " +
                        extra + " 2> '" + (dir / "stderr.txt").string() + "'";
  EXPECT_EQ(ns::test::runShell(command), 0) << command;
  json report = ns::test::readJsonFile(dir / "report.json");
  EXPECT_EQ(report["validation"]["errors"], 0);
  return report["lesson"];
}

void expectPassed(const json& lesson) {
  EXPECT_EQ(lesson["completed"], true) << lesson.dump(2);
  EXPECT_EQ(lesson["passed"], true) << lesson.dump(2);
  EXPECT_EQ(lesson["score"], 100.0);
  for (const json& step : lesson["steps"]) EXPECT_EQ(step["completed"], true) << step.dump(2);
}

// The lesson stopped at `stepId` (every step before it completed, it not), and the
// criterion on `metric` is the one that is not met there.
void expectFailedAt(const json& lesson, const std::string& stepId, const std::string& metric) {
  EXPECT_EQ(lesson["passed"], false) << lesson.dump(2);
  EXPECT_EQ(lesson["completed"], false);
  bool reached = false;
  for (const json& step : lesson["steps"]) {
    if (step["id"] != stepId) {
      if (!reached) {
        EXPECT_EQ(step["completed"], true) << "before " << stepId << ": " << step.dump(2);
      }
      continue;
    }
    reached = true;
    EXPECT_EQ(step["completed"], false) << step.dump(2);
    bool unmet = false;
    for (const json& c : step["criteria"]) {
      if (c["metric"] == metric) unmet = !c["met"].get<bool>();
      else EXPECT_TRUE(c["met"].get<bool>()) << "only " << metric << " fails: " << c.dump();
    }
    EXPECT_TRUE(unmet) << metric << " not the unmet criterion: " << step.dump(2);
  }
  EXPECT_TRUE(reached) << stepId;
}

}  // namespace

TEST(LessonRecordings, FirstGlideOnTheCheek) {
  expectPassed(runLesson("first-glide-cheek", "pass"));
  expectFailedAt(runLesson("first-glide-cheek", "one-direction"), "glide", "technique.passes.directions");
  expectFailedAt(runLesson("first-glide-cheek", "too-deep"), "glide", "technique.regions.cheek.in_range");
}

TEST(LessonRecordings, DepthByRegionQuiz) {
  expectPassed(runLesson("depth-by-region", "pass"));
  expectFailedAt(runLesson("depth-by-region", "thick-cheek-wrong"), "cheek-thick", "lesson.choice");
}

TEST(LessonRecordings, FullFaceProcedure) {
  expectPassed(runLesson("full-face-procedure", "pass"));
}

TEST(LessonRecordings, FullFaceProcedureNeedledDryOrOnTheLid) {
  expectFailedAt(runLesson("full-face-procedure", "dry"), "serum", "technique.dry_punctures");
  // An educator skipped the regions (skipped steps count as not completed), then the
  // pen touched the lid: the no-go step fails on it.
  json lesson = runLesson("full-face-procedure", "no-go", "--mode educator");
  EXPECT_EQ(lesson["passed"], false);
  bool noGoChecked = false;
  for (const json& step : lesson["steps"])
    if (step["id"] == "no-go") {
      noGoChecked = true;
      EXPECT_EQ(step["completed"], false) << step.dump(2);
      EXPECT_EQ(step["criteria"][0]["metric"], "technique.no_go_punctures");
      EXPECT_GT(step["criteria"][0]["value"].get<double>(), 0.0);
      EXPECT_EQ(step["criteria"][0]["met"], false);
    }
  EXPECT_TRUE(noGoChecked);
}

// The course lesson schedules four sessions on a scene that has none (the lesson's
// `course` replaces the scene's): watched to the end, it swells after the first,
// gives all four 28 days apart and builds more collagen than one session.
TEST(LessonRecordings, TreatmentCourseSchedulesItsSessions) {
  fs::path dir = ns::test::scratchDir("lesson-recordings", "treatment-course");
  std::string idle = "{\"t\": 0, \"pos_mm\": [3, 3, 8], \"dir\": [0, 0, -1], \"contact\": false, \"depth_mm\": 0.75}\n"
                     "{\"t\": 40, \"pos_mm\": [3, 3, 8], \"dir\": [0, 0, -1], \"contact\": false, \"depth_mm\": 0.75}\n";
  std::string error;
  ASSERT_TRUE(ns::core::writeTextAtomic((dir / "watch.jsonl").string(), idle, error)) << error;
  std::string command = std::string("'") + NS_NEEDLESIM_BINARY + "' --headless --validate --lesson '" NS_SOURCE_DIR
                        "/scenes/lessons/treatment-course.json' --replay '" + (dir / "watch.jsonl").string() +
                        "' --report '" + (dir / "report.json").string() + "' 2> '" + (dir / "stderr.txt").string() + "'";
  ASSERT_EQ(ns::test::runShell(command), 0) << command;
  json report = ns::test::readJsonFile(dir / "report.json");
  expectPassed(report["lesson"]);
  const json& course = report["healing"]["course"];
  ASSERT_EQ(course.size(), 4u) << report["healing"].dump(2);
  for (size_t k = 1; k < course.size(); ++k) {
    EXPECT_NEAR(course[k]["at_s"].get<double>() - course[k - 1]["at_s"].get<double>(), 28 * 86400.0, 1e-3) << k;
    EXPECT_GT(course[k]["collagen_index"].get<double>(), course[k - 1]["collagen_index"].get<double>()) << k;
  }
  EXPECT_EQ(report["healing"]["sessions"], 4);
  EXPECT_GT(report["healing"]["elastin_index"].get<double>(), 0.0);
  for (int step : {1, 2})  // three hours after the first session, and after the second
    for (const json& c : report["lesson"]["steps"][step]["criteria"])
      if (c["metric"] == "healing.oedema_mean") EXPECT_GT(c["value"].get<double>(), 0.0) << c.dump();
}

// Watched to the end, the presentation completes: channels made by its demonstration,
// serum taken up, redness and closure, collagen at six weeks.
TEST(LessonRecordings, WhyItWorksPlaysToTheEnd) {
  fs::path dir = ns::test::scratchDir("lesson-recordings", "why-it-works");
  std::string idle = "{\"t\": 0, \"pos_mm\": [3, 3, 8], \"dir\": [0, 0, -1], \"contact\": false, \"depth_mm\": 0.75}\n"
                     "{\"t\": 32, \"pos_mm\": [3, 3, 8], \"dir\": [0, 0, -1], \"contact\": false, \"depth_mm\": 0.75}\n";
  std::string error;
  ASSERT_TRUE(ns::core::writeTextAtomic((dir / "watch.jsonl").string(), idle, error)) << error;
  std::string command = std::string("'") + NS_NEEDLESIM_BINARY + "' --headless --validate --lesson '" NS_SOURCE_DIR
                        "/scenes/lessons/why-it-works.json' --replay '" + (dir / "watch.jsonl").string() +
                        "' --report '" + (dir / "report.json").string() + "' 2> '" + (dir / "stderr.txt").string() + "'";
  ASSERT_EQ(ns::test::runShell(command), 0) << command;
  json report = ns::test::readJsonFile(dir / "report.json");
  expectPassed(report["lesson"]);
  EXPECT_GT(report["channels"]["count"].get<double>(), 100.0) << "the demonstration needled";
  EXPECT_EQ(report["pen"]["source"], "replay");
  EXPECT_GT(report["healing"]["collagen_index"].get<double>(), 0.0);
  EXPECT_GE(report["sim"]["time_s"].get<double>(), 6 * 7 * 86400.0);
}
