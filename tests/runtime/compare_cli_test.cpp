// --compare KEY=A,B through the needlesim binary: each half its own run of the same
// scene with a scene key path set to A and to B, the same pen input, to the same
// simulated time. Equal settings give equal halves; needled skin takes up more serum
// than intact skin; a deeper dial makes deeper channels. Bad specs are refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "runtime/compare.h"
#include "support/cli_support.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using ns::test::binary;

// Two short glides across the middle of the default patch.
fs::path writeGlides(const fs::path& dir) {
  fs::path file = dir / "glides.jsonl";
  std::ofstream out(file);
  double t = 0;
  for (double y : {-0.3, 0.3}) {
    out << "{\"t\": " << t << ", \"pos_mm\": [-1.2, " << y << ", 1.0], \"dir\": [0, 0, -1], \"contact\": false, \"depth_mm\": 0.75}\n";
    t += 0.05;
    for (int i = 0; i <= 24; ++i, t += 0.05)
      out << "{\"t\": " << t << ", \"pos_mm\": [" << -1.2 + 0.1 * i << ", " << y
          << ", 0.0], \"dir\": [0, 0, -1], \"contact\": true, \"depth_mm\": 0.75}\n";
    out << "{\"t\": " << t << ", \"pos_mm\": [1.2, " << y << ", 1.0], \"dir\": [0, 0, -1], \"contact\": false, \"depth_mm\": 0.75}\n";
    t += 0.1;
  }
  return file;
}

json compareRun(const std::string& name, const std::string& args, int* exitCode = nullptr, std::string* err = nullptr) {
  fs::path dir = ns::test::scratchDir("compare", name);
  std::string command = binary() + " --headless --validate " + args + " --report '" + (dir / "report.json").string() +
                        "' 2> '" + (dir / "err.txt").string() + "'";
  int code = ns::test::runShell(command);
  if (exitCode) *exitCode = code;
  else EXPECT_EQ(code, 0) << command;
  if (err) {
    std::ifstream in(dir / "err.txt");
    std::getline(in, *err);
  }
  return ns::test::readJsonFile(dir / "report.json");
}

// Every number in `a` equal to the same one in `b` to 1e-6 (relative for large ones).
void expectSameNumbers(const json& a, const json& b, const std::string& path) {
  ASSERT_EQ(a.type(), b.type()) << path;
  if (a.is_object()) {
    for (auto& [key, value] : a.items()) {
      ASSERT_TRUE(b.contains(key)) << path << "." << key;
      expectSameNumbers(value, b[key], path + "." + key);
    }
  } else if (a.is_array()) {
    ASSERT_EQ(a.size(), b.size()) << path;
    for (size_t i = 0; i < a.size(); ++i) expectSameNumbers(a[i], b[i], path + "[" + std::to_string(i) + "]");
  } else if (a.is_number()) {
    double x = a.get<double>(), y = b.get<double>();
    EXPECT_NEAR(x, y, 1e-6 * std::max(1.0, std::abs(x))) << path;
  } else {
    EXPECT_EQ(a, b) << path;
  }
}

TEST(CompareCli, EqualSettingsGiveEqualHalves) {
  fs::path dir = ns::test::scratchDir("compare", "glides_equal");
  json r = compareRun("equal", "--compare pen.depth_mm=0.75,0.75 --replay '" + writeGlides(dir).string() + "'");
  ASSERT_TRUE(r.contains("compare")) << r.dump();
  EXPECT_EQ(r["compare"]["key"], "pen.depth_mm");
  EXPECT_EQ(r["validation"]["errors"], 0);
  const json &a = r["compare"]["a"], &b = r["compare"]["b"];
  EXPECT_GT(a["pen"]["punctures"].get<int>(), 0);
  for (const char* part : {"sim", "pen", "channels", "healing", "technique"}) expectSameNumbers(a[part], b[part], part);
}

TEST(CompareCli, NeedledSkinTakesUpMoreSerumThanIntactSkin) {
  // The scene's pretreatment pass against none, a minute of serum.
  json r = compareRun("needled_intact", "--compare pretreatment=@scene,null --sim-seconds 60");
  const json &needled = r["compare"]["a"], &intact = r["compare"]["b"];
  EXPECT_DOUBLE_EQ(needled["sim"]["time_s"].get<double>(), intact["sim"]["time_s"].get<double>());
  EXPECT_NEAR(needled["sim"]["time_s"].get<double>(), 60.0, 1e-6);
  EXPECT_GT(needled["sim"]["total_mass"].get<double>(), 2.0 * intact["sim"]["total_mass"].get<double>());
}

TEST(CompareCli, ADeeperDialMakesDeeperChannels) {
  fs::path dir = ns::test::scratchDir("compare", "glides_dial");
  json r = compareRun("dial", "--compare pen.depth_mm=0.5,1.5 --replay '" + writeGlides(dir).string() + "'");
  const json &shallow = r["compare"]["a"], &deep = r["compare"]["b"];
  EXPECT_EQ(shallow["pen"]["cycles"], deep["pen"]["cycles"]) << "the same pen input";
  EXPECT_DOUBLE_EQ(shallow["sim"]["time_s"].get<double>(), deep["sim"]["time_s"].get<double>());
  double a = shallow["channels"]["mean_depth_um"], b = deep["channels"]["mean_depth_um"];
  EXPECT_GT(b, 2.0 * a);
  EXPECT_GT(deep["healing"]["erythema_mean"].get<double>(), shallow["healing"]["erythema_mean"].get<double>());
}

TEST(CompareCli, BadSpecsAreRefused) {
  int code = 0;
  std::string err;
  compareRun("bad_form", "--compare pen.depth_mm", &code, &err);
  EXPECT_EQ(code, 2);
  EXPECT_NE(err.find("--compare"), std::string::npos) << err;
  compareRun("bad_index", "--compare 'tissue.layers[9].thickness_um=1,2'", &code, &err);
  EXPECT_EQ(code, 2);
  EXPECT_NE(err.find("tissue.layers[9]"), std::string::npos) << err;
  compareRun("bad_value", "--compare pen.depth_mm=deep,1.5", &code, &err);
  EXPECT_EQ(code, 2);
  EXPECT_NE(err.find("pen.depth_mm"), std::string::npos) << err;
}

TEST(CompareSpec, ParsesValuesAndSetsAnyKeyPath) {
  ns::runtime::CompareSpec spec;
  std::string expected, error;
  ASSERT_TRUE(ns::runtime::parseCompareSpec("healing.occluded=false,true", spec, expected));
  EXPECT_EQ(spec.a, false);
  EXPECT_EQ(spec.b, true);
  ASSERT_TRUE(ns::runtime::parseCompareSpec("serum.ref=hyaluronic_acid,[1,2]", spec, expected));
  EXPECT_EQ(spec.a, "hyaluronic_acid");  // not JSON: a string
  EXPECT_EQ(spec.b, json::array({1, 2}));
  ASSERT_TRUE(ns::runtime::parseCompareSpec("pretreatment=@scene,null", spec, expected));
  EXPECT_TRUE(spec.a.is_discarded());  // the scene's own
  EXPECT_TRUE(spec.b.is_null());       // removed
  json doc = {{"tissue", {{"layers", {{{"thickness_um", 17}}}}}}};
  ASSERT_TRUE(ns::runtime::setSceneKey(doc, "tissue.layers[0].thickness_um", 20, error)) << error;
  EXPECT_EQ(doc["tissue"]["layers"][0]["thickness_um"], 20);
  ASSERT_TRUE(ns::runtime::setSceneKey(doc, "serum.ref", "niacinamide", error)) << error;  // created
  EXPECT_EQ(doc["serum"]["ref"], "niacinamide");
  ASSERT_TRUE(ns::runtime::setSceneKey(doc, "serum.ref", nullptr, error)) << error;  // null removes
  EXPECT_FALSE(doc["serum"].contains("ref"));
  EXPECT_FALSE(ns::runtime::setSceneKey(doc, "tissue.layers.thickness_um", 1, error));
}

}  // namespace
