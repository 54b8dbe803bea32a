// Headless batch runs of the needlesim binary against analytic answers: what an
// external script does with --sim-seconds and the report.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/files.h"
#include "support/cli_support.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path scratch(const std::string& name) { return ns::test::scratchDir("batch", name); }

// One layer, D = 10 µm²/s, 1 mm deep in 5 µm cells: a semi-infinite medium for 500 s.
json erfcScene(const std::string& scheme) {
  return {{"name", "erfc check"},
          {"tissue", {{"layers", {{{"name", "uniform"}, {"thickness_um", 1000}, {"diffusivity_um2_s", 10}}}}}},
          {"domain", {{"width_mm", 1.0}, {"depth_mm", 1.0}, {"cells", {4, 4, 200}}, {"bottom", "no_flux"}}},
          {"serum", {{"surface_concentration", 1.0}, {"channel_diffusivity_um2_s", 300}, {"applied_at_s", 0}}},
          {"solver", {{"scheme", scheme}}}};
}

json runBatch(const fs::path& dir, const json& scene, const std::string& extra) {
  std::string scenePath = (dir / "scene.json").string(), report = (dir / "report.json").string(), error;
  EXPECT_TRUE(ns::core::writeTextAtomic(scenePath, scene.dump(), error)) << error;
  std::string command = std::string("'") + NS_NEEDLESIM_BINARY + "' --headless --validate --scene '" + scenePath +
                        "' --report '" + report + "' " + extra + " 2> '" + (dir / "stderr.txt").string() + "'";
  int status = std::system(command.c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << command;
  std::string text;
  EXPECT_TRUE(ns::core::readText(report, text, error)) << error;
  return json::parse(text);
}

double maxErfcError(const json& report, double d, double t) {
  double worst = 0;
  for (auto& row : report["sim"]["profile"]) {
    double z = row["depth_um"], c = row["concentration"];
    worst = std::max(worst, std::fabs(c - std::erfc(z / (2 * std::sqrt(d * t)))));
  }
  return worst;
}

}  // namespace

TEST(Batch, SimSecondsMatchesErfcOnGpuAndCpu) {
  json gpu = runBatch(scratch("erfc_gpu"), erfcScene("explicit"), "--sim-seconds 500");
  json cpu = runBatch(scratch("erfc_cpu"), erfcScene("explicit"), "--sim-seconds 500 --sim-backend cpu");
  for (const json* r : {&gpu, &cpu}) {
    EXPECT_EQ((*r)["validation"]["errors"], 0);
    EXPECT_DOUBLE_EQ((*r)["sim"]["time_s"].get<double>(), 500.0);
    EXPECT_EQ((*r)["sim"]["cells"], json({4, 4, 200}));
    EXPECT_EQ((*r)["sim"]["profile"].size(), 200u);
    EXPECT_DOUBLE_EQ((*r)["sim"]["profile"][0]["depth_um"].get<double>(), 2.5);  // cell centres, top down
    // Same bound as the solver's own erfc test (5 µm cells, diffusion length 141 µm).
    EXPECT_LT(maxErfcError(*r, 10, 500), 2e-3);
  }
  EXPECT_EQ(gpu["sim"]["backend"], "gpu");
  EXPECT_EQ(cpu["sim"]["backend"], "cpu");
  EXPECT_EQ(gpu["sim"]["steps"], cpu["sim"]["steps"]);
  // Mass that entered: C_s · 2√(Dt/π) per unit area, over the 1 mm² face.
  double expected = 2 * std::sqrt(10 * 500 / M_PI) * 1000 * 1000;
  EXPECT_NEAR(gpu["sim"]["total_mass"].get<double>() / expected, 1.0, 0.01);
  EXPECT_NEAR(gpu["sim"]["total_mass"].get<double>() / cpu["sim"]["total_mass"].get<double>(), 1.0, 1e-5);
}

TEST(Batch, AutoSchemeUsesImplicitStepsForLongRunsAndStaysAccurate) {
  json r = runBatch(scratch("erfc_auto"), erfcScene("auto"), "--sim-seconds 500");
  EXPECT_EQ(r["sim"]["scheme"], "lod");
  EXPECT_LT(r["sim"]["steps"].get<int>(), 400) << "fewer steps than explicit would need";
  EXPECT_LT(maxErfcError(r, 10, 500), 2e-2);  // first order in time at LOD steps
}

TEST(Batch, TimeScaleAndFramesSetSimulatedTime) {
  // Headless frames advance 1/60 s of wall time each: 30 frames × 60 = 30 s.
  json r = runBatch(scratch("time_scale"), erfcScene("auto"), "--frames 30 --time-scale 60");
  EXPECT_NEAR(r["sim"]["time_s"].get<double>(), 30.0, 1e-9);
  EXPECT_EQ(r["frames"], 30);
  // --sim-seconds stops the frame loop exactly on time.
  json s = runBatch(scratch("stop"), erfcScene("auto"), "--frames 1000 --time-scale 60 --sim-seconds 10");
  EXPECT_NEAR(s["sim"]["time_s"].get<double>(), 10.0, 1e-9);
  EXPECT_EQ(s["frames"], 10);  // one simulated second per frame
}

TEST(Batch, DefaultScenePretreatedChannelsCarrySerumDeeperThanIntactSkin) {
  // Intact stratum corneum (D = 0.05 µm²/s) lets almost nothing through in 10 min;
  // the pretreated channels carry serum hundreds of µm down.
  std::string text, error;
  ASSERT_TRUE(ns::core::readText(NS_SOURCE_DIR "/scenes/default.json", text, error));
  json scene = json::parse(text);
  scene["domain"]["cells"] = {32, 32, 64};
  json treated = runBatch(scratch("treated"), scene, "--sim-seconds 600");
  scene.erase("pretreatment");
  json intact = runBatch(scratch("intact"), scene, "--sim-seconds 600");
  double treatedMass = treated["sim"]["total_mass"], intactMass = intact["sim"]["total_mass"];
  EXPECT_GT(treatedMass, 10 * intactMass);
  double deep = 0;  // mean concentration around 300 µm deep
  for (auto& row : treated["sim"]["profile"])
    if (std::fabs(row["depth_um"].get<double>() - 300) < 20) deep = row["concentration"];
  EXPECT_GT(deep, 1e-3);
}
