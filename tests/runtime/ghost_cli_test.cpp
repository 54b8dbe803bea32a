// --ghost FILE through the needlesim binary: a second recording plays on the run's
// pen clock beside the pen; where it was at each whole second is in the report and
// matches the file. A bad ghost file is refused before the run.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/cli_support.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using ns::test::binary;

TEST(GhostCli, TheGhostFollowsItsOwnRecording) {
  fs::path dir = ns::test::scratchDir("ghost", "follows");
  // The trainee: 6 s gliding along y = 0. The ghost: a sample each whole second,
  // somewhere else each time, touching from the second second on.
  std::ofstream trainee(dir / "trainee.jsonl"), ghost(dir / "ghost.jsonl");
  for (int i = 0; i <= 60; ++i)
    trainee << "{\"t\": " << i * 0.1 << ", \"pos_mm\": [" << -1.5 + 0.05 * i << ", 0, 0], \"dir\": [0, 0, -1], "
            << "\"contact\": true, \"depth_mm\": 0.5}\n";
  json expected = json::array();
  for (int t = 0; t <= 6; ++t) {
    json line = {{"t", double(t)}, {"pos_mm", {0.3 * t - 0.9, 0.2 * (t % 3) - 0.2, 0.0}}, {"dir", {0, 0, -1}},
                 {"contact", t >= 1}, {"depth_mm", 0.75}};
    ghost << line.dump() << "\n";
    expected.push_back(line);
  }
  trainee.close();
  ghost.close();
  std::string command = binary() + " --headless --validate --mode educator --replay '" + (dir / "trainee.jsonl").string() +
                        "' --ghost '" + (dir / "ghost.jsonl").string() + "' --report '" + (dir / "report.json").string() +
                        "' 2> '" + (dir / "err.txt").string() + "'";
  ASSERT_EQ(ns::test::runShell(command), 0) << command;
  json r = ns::test::readJsonFile(dir / "report.json");
  ASSERT_TRUE(r.contains("ghost")) << r.dump();
  const json& positions = r["ghost"]["positions"];
  ASSERT_EQ(positions.size(), 7u) << "a mark a second from 0 to 6 s";
  for (size_t i = 0; i < positions.size(); ++i) {
    EXPECT_DOUBLE_EQ(positions[i]["t"].get<double>(), double(i));
    for (int k = 0; k < 3; ++k)
      EXPECT_NEAR(positions[i]["pos_mm"][k].get<double>(), expected[i]["pos_mm"][k].get<double>(), 1e-9) << i;
    EXPECT_EQ(positions[i]["contact"], expected[i]["contact"]) << i;
  }
  EXPECT_NEAR(r["ghost"]["contact_s"].get<double>(), 5.0, 0.05);
  EXPECT_GT(r["pen"]["punctures"].get<int>(), 0) << "the trainee's pen still needles";
  EXPECT_EQ(r["validation"]["errors"], 0);
}

TEST(GhostCli, ABadGhostFileIsRefused) {
  fs::path dir = ns::test::scratchDir("ghost", "bad");
  std::ofstream(dir / "bad.jsonl") << "{\"t\": 0, \"pos_mm\": [0, 0]}\n";
  std::string command = binary() + " --headless --ghost '" + (dir / "bad.jsonl").string() + "' 2> '" +
                        (dir / "err.txt").string() + "'";
  EXPECT_EQ(ns::test::runShell(command), 2);
  std::string err;
  std::ifstream in(dir / "err.txt");
  std::getline(in, err);
  EXPECT_NE(err.find("--ghost"), std::string::npos) << err;
}

}  // namespace
