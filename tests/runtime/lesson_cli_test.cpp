// Lessons end to end through the needlesim binary: a lesson run headless against a
// recording reports lesson.* step by step; a recording that breaks a criterion fails
// the right step; a bad lesson is refused before anything starts.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/files.h"
#include "input/replay.h"
#include "support/cli_support.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path scratch(const std::string& name) { return ns::test::scratchDir("lesson", name); }

std::string binary() { return std::string("'") + NS_NEEDLESIM_BINARY + "'"; }

void write(const fs::path& path, const std::string& text) {
  std::string error;
  ASSERT_TRUE(ns::core::writeTextAtomic(path.string(), text, error)) << error;
}

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

// Strokes through the middle of the patch along each direction (dial 0.75 mm).
std::string strokes(const std::vector<glm::dvec2>& directions, double dial_mm = 0.75) {
  ns::input::PenSample s;
  s.dir = {0, 0, -1};
  s.depth_mm = dial_mm;
  std::string text;
  double t = 0;
  auto add = [&](glm::dvec2 p, bool contact) {
    s.t_s = t;
    s.pos_mm = {p.x, p.y, 0.0};
    s.contact = contact;
    text += ns::input::replayLine(s) + "\n";
  };
  for (glm::dvec2 d : directions) {
    add(-d * 1.5, false);
    for (int i = 0; i <= 60; ++i, t += 0.006) add(-d * 1.5 + d * (3.0 * i / 60), true);
    add(d * 1.5, false);
    t += 0.3;
  }
  t += 2.0;
  add({0, 0}, false);
  return text;
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
