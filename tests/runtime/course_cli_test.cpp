// Issue 33 through the needlesim binary: a scheduled course (scene key `course`) runs
// headless to months after its last session and reports each session; a bad course
// is refused at entry; the educator's "why it works" chain is in the report with a
// source for every link and the run's own values.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "core/files.h"
#include "support/cli_support.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using ns::test::binary;
constexpr double kDay = 86400;

// One even pass over 3 × 3 mm at `dial_mm`: rows 0.5 mm apart, 10 mm/s.
void writePass(const fs::path& path, double dial_mm) {
  std::ofstream out(path);
  double t = 0.3;
  out << "{\"t\": 0, \"pos_mm\": [-1.5, -1.5, 3], \"dir\": [0, 0, -1], \"contact\": false, \"depth_mm\": " << dial_mm << "}\n";
  int row = 0;
  for (double y = -1.5; y <= 1.5 + 1e-9; y += 0.5, ++row) {
    double from = row % 2 ? 1.5 : -1.5;
    for (double x : {from, -from}) {
      out << "{\"t\": " << t << ", \"pos_mm\": [" << x << ", " << y << ", 0], \"dir\": [0, 0, -1], \"contact\": true, "
          << "\"depth_mm\": " << dial_mm << "}\n";
      t += 0.3;
    }
  }
  out << "{\"t\": " << t << ", \"pos_mm\": [0, 0, 3], \"dir\": [0, 0, -1], \"contact\": false, \"depth_mm\": " << dial_mm << "}\n";
}

// scenes/course.json with `edit` applied, written into `dir`.
fs::path courseScene(const fs::path& dir, const std::string& name, const std::function<void(json&)>& edit) {
  json scene = ns::test::readJsonFile(fs::path(NS_SOURCE_DIR) / "scenes" / "course.json");
  edit(scene);
  fs::path path = dir / name;
  std::ofstream(path) << scene.dump(2);
  return path;
}

json runCourse(const fs::path& dir, const fs::path& scene, const fs::path& replay, double seconds, const std::string& tag,
               const std::string& extra = "") {
  fs::path report = dir / (tag + "-report.json");
  std::string command = binary() + " --headless --validate" + extra + " --scene '" + scene.string() + "' --replay '" +
                        replay.string() + "' --sim-seconds " + std::to_string(seconds) + " --report '" + report.string() +
                        "' 2> '" + (dir / (tag + ".err")).string() + "'";
  EXPECT_EQ(ns::test::runShell(command), 0) << command;
  return ns::test::readJsonFile(report);
}

}  // namespace

TEST(CourseCli, AFourSessionCourseRunsToMonthsAfterAndBuildsMoreThanOneSession) {
  fs::path dir = ns::test::scratchDir("course", "four");
  writePass(dir / "pass.jsonl", 0.5);
  fs::path four = courseScene(dir, "four.json", [](json&) {});
  fs::path one = courseScene(dir, "one.json", [](json& s) { s["course"]["sessions"] = 1; });
  double end = 3 * 28 * kDay + 180 * kDay;  // six months after the fourth session
  json r = runCourse(dir, four, dir / "pass.jsonl", end, "four");
  json single = runCourse(dir, one, dir / "pass.jsonl", end, "one");
  EXPECT_EQ(r["validation"]["errors"], 0);
  const json& course = r["healing"]["course"];
  ASSERT_EQ(course.size(), 4u) << r["healing"].dump();
  double first = course[0]["at_s"].get<double>();
  for (int k = 0; k < 4; ++k) {
    EXPECT_EQ(course[k]["session"], k + 1);
    EXPECT_NEAR(course[k]["at_s"].get<double>(), first + k * 28 * kDay, 1e-3);
    if (k > 0) {
      EXPECT_GT(course[k]["collagen_index"].get<double>(), course[k - 1]["collagen_index"].get<double>()) << k;
    }
  }
  EXPECT_DOUBLE_EQ(course[3]["measured_at_s"].get<double>(), r["sim"]["time_s"].get<double>());
  EXPECT_EQ(course[3]["collagen_index"], r["healing"]["collagen_index"]);
  EXPECT_GT(r["healing"]["elastin_index"].get<double>(), 0.0) << "past month 6 of the first sessions";
  EXPECT_GT(r["healing"]["collagen_index"].get<double>(), 3.0 * single["healing"]["collagen_index"].get<double>());
  EXPECT_GT(r["healing"]["elastin_index"].get<double>(), 3.0 * single["healing"]["elastin_index"].get<double>());
  EXPECT_TRUE(single["healing"]["course"].empty()) << "one session is no course";
  EXPECT_EQ(r["pen"]["punctures"], single["pen"]["punctures"]) << "the pen made one session; the course repeats it";
}

// After a standard 0.5 mm pass the skin swells within hours and settles within days;
// a 1.5 mm pass swells more (docs/healing-model.md, "Oedema").
TEST(CourseCli, APassSwellsWithinHoursSettlesWithinDaysAndDeeperSwellsMore) {
  fs::path dir = ns::test::scratchDir("course", "swelling");
  writePass(dir / "shallow.jsonl", 0.5);
  writePass(dir / "deep.jsonl", 1.5);
  fs::path scene = courseScene(dir, "one.json", [](json& s) { s.erase("course"); });
  json at3h = runCourse(dir, scene, dir / "shallow.jsonl", 3 * 3600, "shallow-3h");
  json at3d = runCourse(dir, scene, dir / "shallow.jsonl", 3 * kDay, "shallow-3d");
  json deep = runCourse(dir, scene, dir / "deep.jsonl", 3 * 3600, "deep-3h");
  double swelling = at3h["healing"]["oedema_mean"].get<double>();
  EXPECT_GT(swelling, 0.1);
  EXPECT_LT(at3d["healing"]["oedema_mean"].get<double>(), 0.1 * swelling) << "settled within three days";
  EXPECT_GT(deep["healing"]["oedema_mean"].get<double>(), swelling);
  double mm = at3h["healing"]["swelling_mm_max"].get<double>();
  EXPECT_GT(mm, 0.0);
  EXPECT_LT(mm, at3h["healing"]["swelling_full_mm"].get<double>()) << "a fraction of full, not saturated";
  EXPECT_GT(deep["healing"]["swelling_mm_max"].get<double>(), mm);
}

TEST(CourseCli, ABadCourseIsRefusedWithOneLine) {
  fs::path dir = ns::test::scratchDir("course", "bad");
  writePass(dir / "pass.jsonl", 0.5);
  for (auto [tag, edit] : std::vector<std::pair<std::string, std::function<void(json&)>>>{
           {"thirteen", [](json& s) { s["course"]["sessions"] = 13; }},
           {"daily", [](json& s) { s["course"]["interval_days"] = 1; }},
           {"nan", [](json& s) { s["course"]["interval_days"] = "monthly"; }}}) {
    fs::path scene = courseScene(dir, tag + ".json", edit);
    std::string err = (dir / (tag + ".err")).string();
    std::string command = binary() + " --headless --scene '" + scene.string() + "' --replay '" + (dir / "pass.jsonl").string() +
                          "' --report '" + (dir / (tag + "-report.json")).string() + "' 2> '" + err + "'";
    int status = ns::test::runShell(command);
    EXPECT_EQ(status, 2) << tag;
    std::string text, error;
    ASSERT_TRUE(ns::core::readText(err, text, error)) << error;
    EXPECT_NE(text.find("course."), std::string::npos) << text;
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;
    EXPECT_FALSE(fs::exists(dir / (tag + "-report.json"))) << "no report for a refused run";
  }
}

TEST(CourseCli, TheEducatorsWhyItWorksNamesASourceForEveryLinkAndTheRunsValues) {
  fs::path dir = ns::test::scratchDir("course", "why");
  writePass(dir / "pass.jsonl", 0.5);
  fs::path scene = courseScene(dir, "one.json", [](json& s) { s.erase("course"); });
  json r = runCourse(dir, scene, dir / "pass.jsonl", 3 * 3600, "why", " --mode educator");
  const json& links = r["educator"]["why_it_works"]["links"];
  ASSERT_EQ(links.size(), 5u) << r["educator"].dump();
  for (const json& link : links) {
    EXPECT_FALSE(link["value"].get<std::string>().empty()) << link.dump();
    EXPECT_GT(link["source"].get<std::string>().size(), 20u) << link.dump();
  }
  char redness[64];
  std::snprintf(redness, sizeof(redness), "Redness %.0f %%, swelling %.0f %%", r["healing"]["erythema_mean"].get<double>() * 100,
                r["healing"]["oedema_mean"].get<double>() * 100);
  EXPECT_NE(links[2]["value"].get<std::string>().find(redness), std::string::npos) << links[2].dump() << " vs " << redness;
  EXPECT_NE(links[4]["source"].get<std::string>().find("disagree"), std::string::npos) << "elastin: the studies' range";
  // Serum uptake: the amount and depth, intact skin's two routes, and the ratio as the
  // panel words it; the report's numbers are the ones the link prints.
  const json& uptake = r["educator"]["why_it_works"]["uptake"];
  ASSERT_TRUE(uptake.is_object()) << r["educator"].dump();
  for (const char* key : {"serum", "seconds", "needled_um", "intact_um", "intact_barrier_um", "shunt_um", "needled_depth_um",
                          "intact_depth_um", "needled_ug_cm2", "intact_ug_cm2", "detection_limit_um", "intact_detected",
                          "ratio", "ratio_shown", "ratio_text"})
    EXPECT_TRUE(uptake.contains(key)) << key << ": " << uptake.dump();
  EXPECT_EQ(uptake["seconds"], 600.0);
  EXPECT_GT(uptake["needled_um"].get<double>(), uptake["intact_um"].get<double>());
  EXPECT_GE(uptake["intact_um"].get<double>(), uptake["shunt_um"].get<double>());
  EXPECT_GT(uptake["needled_depth_um"].get<double>(), uptake["intact_depth_um"].get<double>());
  const std::string value = links[1]["value"].get<std::string>();
  EXPECT_NE(value.find(uptake["ratio_text"].get<std::string>()), std::string::npos) << value << " vs " << uptake.dump();
  char amount[64];
  double uL = uptake["needled_um"].get<double>() / 10;
  std::snprintf(amount, sizeof(amount), uL >= 100 ? "%.0f uL/cm2 taken in" : "%.3g uL/cm2 taken in", uL);
  EXPECT_NE(value.find(amount), std::string::npos) << value << " vs " << amount;
  // A ratio where intact uptake is detected, else its lower bound over the detection limit.
  double shown = uptake["ratio_shown"].get<double>();
  if (uptake["intact_detected"].get<bool>()) {
    EXPECT_EQ(uptake["ratio_text"].get<std::string>().rfind("x", 0), 0u) << uptake.dump();
    EXPECT_NEAR(shown, uptake["ratio"].get<double>(), 1e-9 * shown);
  } else {
    EXPECT_EQ(uptake["ratio_text"].get<std::string>().rfind("> ", 0), 0u) << uptake.dump();
    EXPECT_NEAR(shown, uptake["needled_um"].get<double>() / uptake["detection_limit_um"].get<double>(), 1e-9 * shown);
  }
  EXPECT_TRUE(uptake["needled_ug_cm2"].is_null()) << "the scene's inline serum gives no strength: no ug/cm2";
}
