// Needling the face end to end: replays made on our face mesh (tips on its skin,
// the pen along the inward normal) drive headless runs of the face scene; the
// report shows punctures on the face, healing on its UV atlas, and technique judged
// against the region under the pen.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include "scene/surface_query.h"
#include "runtime/face_replay.h"
#include "support/cli_support.h"

namespace fs = std::filesystem;

namespace {

using ns::test::face;
using ns::test::ReplayWriter;

// Crosshatched passes (horizontal, vertical, oblique) over a 6 mm square of cheek
// centred at (x, z), starting at its centre (where the tissue block goes).
void cheekCrosshatch(ReplayWriter& w, double cx, double cz) { ns::test::crosshatch(w, cx, cz, 4.0); }

nlohmann::json runFace(const std::string& name, const std::string& replay, const std::string& extra = "") {
  fs::path dir = ns::test::scratchDir("face", name);
  std::string report = (dir / "report.json").string();
  std::string command = std::string("'") + NS_NEEDLESIM_BINARY + "' --headless --validate --no-ui --width 320 --height 180 --scene '" +
                        NS_SOURCE_DIR "/scenes/face.json' --replay '" + replay + "' --report '" + report +
                        "' --screenshot '" + (dir / "shot.png").string() + "' " + extra + " 2> '" +
                        (dir / "stderr.txt").string() + "'";
  EXPECT_EQ(ns::test::runShell(command), 0) << command;
  return ns::test::readJsonFile(report);
}

}  // namespace

TEST(FaceCli, ACheekCrosshatchNeedlesTheFaceAndItsAtlasHeals) {
  fs::path dir = ns::test::scratchDir("face", "cheek-replay");
  std::string replay = (dir / "cheek.jsonl").string();
  {
    ReplayWriter w{std::ofstream(replay)};
    w.pass({42.0, -40.0}, {42.5, -40.0});  // first touch in the middle: the block goes there
    cheekCrosshatch(w, 42.0, -40.0);
  }
  // Ten simulated minutes a second: redness rises (onset ~10 min) during the replay.
  nlohmann::json report = runFace("cheek", replay, "--time-scale 600");
  ASSERT_FALSE(report.is_null());
  EXPECT_EQ(report["validation"]["errors"], 0);
  // Every strike lands: 12 needles, all on the cheek, perpendicular to the skin.
  double contact = report["pen"]["contact_s"];
  unsigned long long punctures = report["pen"]["punctures"];
  EXPECT_NEAR(double(punctures), 12 * 110 * contact, 12 * 22.0);
  EXPECT_LT(double(report["technique"]["angle_deg_mean"]), 1.0);
  EXPECT_NEAR(double(report["channels"]["mean_depth_um"]), 450.0, 15.0);  // 0.75 mm × 0.6 (a flat cartridge on a curved cheek)
  // Healing on the face's atlas: redness risen over ten minutes, pinpoint bleeding.
  EXPECT_GT(double(report["healing"]["erythema_mean"]), 0.1);
  EXPECT_GT(report["healing"]["bleeding_points"].get<unsigned long long>(), 0u);
  // Technique in the treatment frame: three directions, the cheek's dial range.
  EXPECT_EQ(report["technique"]["directions"], 3);
  EXPECT_EQ(report["technique"]["depth_range_mm"][0], 0.5);
  EXPECT_EQ(report["technique"]["depth_range_mm"][1], 1.0);
  EXPECT_EQ(report["technique"]["regions"]["cheek"]["punctures"], punctures);
  // The mesh the run treated, with its regions' areas and which are no-go.
  nlohmann::json surface = report["surface"];
  EXPECT_NE(surface["mesh"].get<std::string>().find("face.glb"), std::string::npos);
  EXPECT_GT(surface["triangles"].get<unsigned long long>(), 30000u);
  EXPECT_GT(surface["vertices"].get<unsigned long long>(), 15000u);
  std::map<std::string, nlohmann::json> byName;
  for (auto& r : surface["regions"]) byName[r["name"]] = r;
  for (const char* name : {"forehead", "temple", "glabella", "periorbital", "eyelid", "nose", "cheek", "perioral",
                           "upper_lip_vermilion", "lower_lip_vermilion", "chin", "jawline", "ear", "neck", "eye",
                           "lid_margin"})
    ASSERT_TRUE(byName.count(name)) << name;
  EXPECT_EQ(byName["cheek"]["no_go"], false);
  EXPECT_EQ(byName["eyelid"]["no_go"], false);
  for (const char* name : {"eye", "lid_margin", "upper_lip_vermilion", "lower_lip_vermilion", "ear"})
    EXPECT_EQ(byName[name]["no_go"], true) << name;
  EXPECT_GT(double(byName["cheek"]["area_cm2"]), double(byName["nose"]["area_cm2"]));
  // Beside the anthropometric figures docs/face-head.md gives: all skin against the rule
  // of nines' 1 620 cm²; the periorbital skin to the orbital rim (≈ 30), the linings
  // behind the lids and eyeballs not counted; the neck's front and sides above the cut.
  double skin = 0;
  for (auto& r : surface["regions"])
    if (r["name"] != "eye") skin += double(r["area_cm2"]);
  EXPECT_NEAR(skin, 1620.0, 100.0);
  EXPECT_NEAR(double(byName["periorbital"]["area_cm2"]), 30.0, 8.0);
  EXPECT_NEAR(double(byName["neck"]["area_cm2"]), 130.0, 25.0);
}

TEST(FaceCli, TheDialIsJudgedAgainstTheRegionUnderThePenAndTheEyeIsANoGo) {
  fs::path dir = ns::test::scratchDir("face", "regions-replay");
  std::string replay = (dir / "regions.jsonl").string();
  {
    ReplayWriter w{std::ofstream(replay)};
    w.pass({-50, -20}, {-40, -20});  // cheek (the other side) at 0.75 mm: in its range
    w.pass({20, 25}, {40, 25});      // forehead at 0.75 mm: thin skin wants 0.25-0.5
    w.pass({27, 1}, {33, 1});        // across the eye itself
  }
  nlohmann::json report = runFace("regions", replay);
  ASSERT_FALSE(report.is_null());
  nlohmann::json regions = report["technique"]["regions"];
  ASSERT_TRUE(regions.contains("cheek")) << regions.dump();
  ASSERT_TRUE(regions.contains("forehead")) << regions.dump();
  EXPECT_EQ(regions["cheek"]["in_range_fraction"], 1.0);
  EXPECT_EQ(regions["forehead"]["in_range_fraction"], 0.0);
  EXPECT_EQ(regions["forehead"]["depth_range_mm"][1], 0.5);
  EXPECT_GT(report["technique"]["no_go_punctures"].get<unsigned long long>(), 0u);
  ASSERT_TRUE(regions.contains("eye")) << regions.dump();
  EXPECT_EQ(regions["eye"]["no_go"], true);
  EXPECT_EQ(regions["eye"]["in_range_fraction"], 0.0);  // no dial is right there
  std::string warnings = report["technique"]["warnings"].dump();
  EXPECT_NE(warnings.find("no_go"), std::string::npos) << warnings;
  EXPECT_NE(warnings.find("depth"), std::string::npos) << warnings;
  EXPECT_LE(double(report["technique"]["score"]), 40.0);
}

TEST(FaceCli, CpuTwinAndGpuGiveTheSameFace) {
  fs::path dir = ns::test::scratchDir("face", "backends-replay");
  std::string replay = (dir / "glide.jsonl").string();
  {
    ReplayWriter w{std::ofstream(replay)};
    w.pass({-44.0, -40.0}, {-38.0, -40.0});
    w.pass({-41.0, -43.0}, {-41.0, -37.0});
  }
  nlohmann::json gpu = runFace("backends-gpu", replay, "--time-scale 600");
  nlohmann::json cpu = runFace("backends-cpu", replay, "--time-scale 600 --sim-backend cpu");
  ASSERT_FALSE(gpu.is_null());
  ASSERT_FALSE(cpu.is_null());
  EXPECT_EQ(cpu["sim"]["backend"], "cpu");
  EXPECT_EQ(cpu["pen"]["punctures"], gpu["pen"]["punctures"]);
  EXPECT_EQ(cpu["healing"]["surface"], gpu["healing"]["surface"]);
  double redness = gpu["healing"]["erythema_mean"];
  EXPECT_GT(redness, 0.1);
  EXPECT_NEAR(double(cpu["healing"]["erythema_mean"]), redness, 1e-4 * redness);
  EXPECT_EQ(cpu["healing"]["bleeding_now"], gpu["healing"]["bleeding_now"]);
  double mass = gpu["sim"]["total_mass"];
  EXPECT_GT(mass, 0.0);
  EXPECT_NEAR(double(cpu["sim"]["total_mass"]), mass, 1e-4 * mass);
}
