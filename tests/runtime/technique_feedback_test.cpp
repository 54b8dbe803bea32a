// What the technique feedback says must follow the motion that produced it: tilt is
// measured against the skin's own normal where the needles land, tearing follows it,
// and both drive the angle score, the advice and the session score. Headless runs of
// written replays, the report read.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "runtime/face_replay.h"
#include "scene/skin_surface.h"
#include "support/cli_support.h"

namespace fs = std::filesystem;
using ns::test::ReplayWriter;

namespace {

nlohmann::json runReplay(const std::string& name, const std::string& scene, const std::string& replay) {
  fs::path dir = ns::test::scratchDir("technique-feedback", name);
  std::string report = (dir / "report.json").string();
  std::string command = std::string("'") + NS_NEEDLESIM_BINARY + "' --headless --validate --no-ui --scene '" + scene +
                        "' --replay '" + replay + "' --report '" + report + "' 2> '" + (dir / "stderr.txt").string() + "'";
  EXPECT_EQ(ns::test::runShell(command), 0) << command;
  return ns::test::readJsonFile(report);
}

bool hasAdvice(const nlohmann::json& technique, const std::string& id) {
  for (const nlohmann::json& a : technique["advice"])
    if (a["id"] == id) return true;
  return false;
}

// A sample line on the patch: the tip at (x, y), the pen leaning `tilt_deg` towards +x.
void patchSample(std::ofstream& out, double t, double x, double y, double tilt_deg, bool contact) {
  double a = tilt_deg * 3.14159265358979 / 180.0;
  char line[256];
  std::snprintf(line, sizeof(line),
                "{\"t\": %.4f, \"pos_mm\": [%.4f, %.4f, 0], \"dir\": [%.5f, 0, %.5f], \"contact\": %s, \"depth_mm\": 0.75}\n",
                t, x, y, std::sin(a), -std::cos(a), contact ? "true" : "false");
  out << line;
}

// Passes across the patch along x at 8 mm/s, rows 0.8 mm apart, sampled at 30 Hz (a
// window's frames), starting at time t; returns the time after the last.
double rows(std::ofstream& out, double t, int count, double tilt_deg, double y0) {
  for (int r = 0; r < count; ++r) {
    double y = y0 + 0.8 * r, from = r % 2 ? 3.0 : -3.0, to = -from;
    patchSample(out, t, from, y, tilt_deg, false);
    t += 0.05;
    for (double s = 0; s <= 6.0 / 8.0 + 1e-9; s += 1.0 / 30.0, t += 1.0 / 30.0)
      patchSample(out, t, from + (to - from) * s / 0.75, y, tilt_deg, true);
    patchSample(out, t, to, y, tilt_deg, false);
    t += 0.1;
  }
  return t;
}

}  // namespace

// The walk's finding: after a good upright session, one glide with the pen leaning 20°
// tore thousands of punctures, yet no angle advice came and the score rose. Tearing is
// a safety matter: it lowers the angle score and the session's, and is advised on.
TEST(TechniqueFeedback, TiltedGlideAfterAnUprightSessionIsAdvisedAndLowersTheScore) {
  fs::path dir = ns::test::scratchDir("technique-feedback", "replays");
  std::string upright = (dir / "upright.jsonl").string(), then = (dir / "then-tilted.jsonl").string();
  double t = 0;
  {
    std::ofstream a(upright), b(then);
    t = rows(a, 0.0, 8, 0.0, -3.0);
    double t2 = rows(b, 0.0, 8, 0.0, -3.0);
    rows(b, t2, 2, 20.0, -2.6);  // two more rows, leaning 20°: more coverage, all of it torn
  }
  (void)t;
  std::string scene = NS_SOURCE_DIR "/scenes/default.json";
  nlohmann::json before = runReplay("upright", scene, upright), after = runReplay("then-tilted", scene, then);
  const nlohmann::json &tb = before["technique"], &ta = after["technique"];
  ASSERT_GT(after["channels"]["torn"].get<double>(), 500.0) << after["channels"].dump();
  EXPECT_EQ(before["channels"]["torn"], 0);
  EXPECT_FALSE(hasAdvice(tb, "angle")) << tb["advice"].dump();
  EXPECT_TRUE(hasAdvice(ta, "angle")) << ta["advice"].dump();
  EXPECT_LT(ta["breakdown"]["angle"]["score"].get<double>(), 80.0) << ta["breakdown"].dump();
  EXPECT_LT(ta["score"].get<double>(), tb["score"].get<double>()) << "tearing raised the score";
  EXPECT_GT(ta["torn_fraction"].get<double>(), 0.1) << ta.dump();
  // The advice names the tearing and agrees with the report's numbers.
  for (const nlohmann::json& a : ta["advice"])
    if (a["id"] == "angle") EXPECT_NE(a["advice"].get<std::string>().find("tore"), std::string::npos) << a.dump();
}

// Upright needling where the skin curves hard (the nose): the pen along the skin's
// normal at each sample, tears nothing, however far apart the samples are: a strike
// between two samples leans as they did against their own normals (the pen's lean
// is the hand's; the chord between two points of a curved skin is not).
TEST(TechniqueFeedback, UprightOnTheNoseTearsNothing) {
  ns::scene::SkinSurface skin = ns::scene::meshSurface(ns::test::face().mesh);
  ns::scene::RegionView nose;
  ASSERT_TRUE(ns::scene::regionView(skin, "nose", nose));
  fs::path dir = ns::test::scratchDir("technique-feedback", "nose-replay");
  std::string replay = (dir / "nose.jsonl").string();
  {
    ReplayWriter w;
    w.out.open(replay);
    w.onFrame = true;
    w.frame = ns::scene::skinFrame(nose.centre, nose.normal);
    // Samples 5 mm apart at 15 Hz (75 mm/s: a quick hand, a slow software frame),
    // across the ridge and along it.
    double half = std::min(7.5, nose.radius_mm);
    auto glide = [&](glm::dvec2 from, glm::dvec2 to) {
      w.sample(from.x, from.y, false);
      w.t += 0.05;
      int steps = int(std::ceil(glm::length(to - from) / 5.0));
      for (int i = 0; i <= steps; ++i, w.t += 1.0 / 15.0) {
        glm::dvec2 p = from + (to - from) * (double(i) / steps);
        w.sample(p.x, p.y, true);
      }
      w.sample(to.x, to.y, false);
      w.t += 0.1;
    };
    for (double row = -2; row <= 2; row += 1) glide({-half, row}, {half, row});
    for (double col = -2; col <= 2; col += 1) glide({col, -half}, {col, half});
  }
  nlohmann::json r = runReplay("nose", NS_SOURCE_DIR "/scenes/face.json", replay);
  ASSERT_GT(r["pen"]["punctures"].get<double>(), 200.0) << r["pen"].dump();
  ASSERT_TRUE(r["technique"]["regions"].contains("nose")) << r["technique"]["regions"].dump();
  EXPECT_EQ(r["channels"]["torn"], 0) << "upright on the nose tore punctures";
  // No strike reaches deeper than the dial sends the needles (a chord through the nose
  // put the tip millimetres inside the skin).
  double reach_um = 0.75 * 0.6 * 1000.0;  // dial x the face scene's penetration efficiency
  EXPECT_LE(r["channels"]["max_depth_um"].get<double>(), reach_um + 1.0) << r["channels"].dump();
  EXPECT_LT(r["technique"]["angle_deg_mean"].get<double>(), 3.0);
  EXPECT_FALSE(hasAdvice(r["technique"], "angle")) << r["technique"]["advice"].dump();
}

// Over-treatment by slow gliding: the spacing the advice quotes is the spacing while
// too slow, so it is below the spacing it is compared with (the walk saw "0.079 mm …
// closer than 0.050": the mean over all the contact time, fast parts included).
TEST(TechniqueFeedback, OverTreatmentAdviceQuotesASpacingCloserThanItsRule) {
  fs::path dir = ns::test::scratchDir("technique-feedback", "slow-replay");
  std::string replay = (dir / "slow.jsonl").string();
  {
    std::ofstream out(replay);
    double t = 0;
    for (int row = 0; row < 6; ++row) {  // one row at 4 mm/s (too slow), five at 24 mm/s
      double speed = row == 0 ? 4.0 : 24.0, y = -2.5 + row, x = -3.0;
      patchSample(out, t, x, y, 0.0, false);
      t += 0.05;
      for (; x <= 3.0; x += speed / 30.0, t += 1.0 / 30.0) patchSample(out, t, x, y, 0.0, true);
      patchSample(out, t, 3.0, y, 0.0, false);
      t += 0.1;
    }
  }
  nlohmann::json r = runReplay("slow", NS_SOURCE_DIR "/scenes/default.json", replay);
  const nlohmann::json& tq = r["technique"];
  double useful = tq["spacing_mm_useful"];
  ASSERT_GT(tq["spacing_mm_mean"].get<double>(), useful) << "the case: a mean above the rule";
  bool found = false;
  for (const nlohmann::json& a : tq["advice"]) {
    if (a["id"] != "over_treatment") continue;
    found = true;
    std::string text = a["advice"];
    double quoted = 0, rule = 0;
    ASSERT_EQ(std::sscanf(text.c_str(), "Over-treated: the strikes were %lf mm apart", &quoted), 1) << text;
    size_t than = text.find("closer than the ");
    ASSERT_NE(than, std::string::npos) << text;
    ASSERT_EQ(std::sscanf(text.c_str() + than, "closer than the %lf", &rule), 1) << text;
    EXPECT_LT(quoted, rule) << text;
  }
  EXPECT_TRUE(found) << tq["advice"].dump();
}

// Coverage is one measure: the bar (breakdown.coverage), the advice's "N % not
// treated", the report's untreated_fraction and the map (which shows the scene's
// pretreated channels as treated skin) agree. The walk saw a bar at 0 beside a map
// showing the square treated and a sentence saying 62 % untreated.
TEST(TechniqueFeedback, CoverageBarSentenceReportAndMapAreOneMeasure) {
  fs::path dir = ns::test::scratchDir("technique-feedback", "coverage-replay");
  std::string replay = (dir / "rows.jsonl").string();
  {
    std::ofstream out(replay);
    rows(out, 0.0, 3, 0.0, 2.2);  // beside the pretreated square (the middle 4 mm), not over it
  }
  nlohmann::json scene = ns::test::readJsonFile(NS_SOURCE_DIR "/scenes/default.json");
  scene.erase("pretreatment");
  std::string bare = (dir / "no-pretreatment.json").string();
  std::ofstream(bare) << scene.dump(2);
  nlohmann::json with = runReplay("coverage-pretreated", NS_SOURCE_DIR "/scenes/default.json", replay);
  nlohmann::json without = runReplay("coverage-bare", bare, replay);
  const nlohmann::json& t = with["technique"];
  double untreated = t["untreated_fraction"], bar = t["breakdown"]["coverage"]["score"];
  // The pretreated square counts as treated skin, as the map shows it.
  EXPECT_LT(untreated, without["technique"]["untreated_fraction"].get<double>() - 0.01);
  // The bar is the treated share scaled by evenness: never 0 beside a treated share.
  EXPECT_LE(bar, 100 * (1 - untreated) + 1e-6);
  EXPECT_GE(bar, 0.5 * 100 * (1 - untreated)) << t.dump();
  // The sentence quotes the report's share.
  for (const nlohmann::json& a : t["advice"]) {
    if (a["id"] != "coverage") continue;
    std::string text = a["advice"];
    int quoted = -1;
    size_t colon = text.find(": ");
    ASSERT_NE(colon, std::string::npos) << text;
    if (std::sscanf(text.c_str() + colon, ": %d %%", &quoted) == 1) EXPECT_EQ(quoted, int(std::lround(100 * untreated))) << text;
    EXPECT_EQ(a["value"].get<double>(), bar) << a.dump();
  }
}
