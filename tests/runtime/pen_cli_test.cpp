// The pen end to end through the needlesim binary: replays (headless, as fast as
// frames go), recording, and a real external OSC client (oscsend from liblo-tools).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>

#include "core/files.h"
#include "support/cli_support.h"
#include "input/replay.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path scratch(const std::string& name) { return ns::test::scratchDir("pen", name); }

using ns::test::binary;

int run(const std::string& command) { return ns::test::runShell(command); }

json readJson(const fs::path& path) {
  json j = ns::test::readJsonFile(path);
  EXPECT_FALSE(j.is_null()) << path;
  return j;
}

// A glide over [0.1, 1.1] s from x0 to x1 at y, with the pen axis `dir`, dial 1.0 mm.
std::string glideReplay(double x0, double x1, glm::dvec3 dir) {
  ns::input::PenSample s;
  s.dir = glm::normalize(dir);
  s.depth_mm = 1.0;
  std::string text;
  auto add = [&](double t, double x, bool contact) {
    s.t_s = t;
    s.pos_mm = {x, 0.0, 0.0};
    s.contact = contact;
    text += ns::input::replayLine(s) + "\n";
  };
  add(0.0, x0, false);
  add(0.1, x0, true);
  add(1.1, x1, true);
  add(1.1, x1, false);
  add(1.3, x1, false);
  return text;
}

json replayRun(const fs::path& dir, const std::string& replay, const std::string& extra = "") {
  std::string error;
  EXPECT_TRUE(ns::core::writeTextAtomic((dir / "pen.jsonl").string(), replay, error)) << error;
  std::string command = binary() + " --headless --validate --replay '" + (dir / "pen.jsonl").string() + "' --report '" +
                        (dir / "report.json").string() + "' " + extra + " 2> '" + (dir / "stderr.txt").string() + "'";
  EXPECT_EQ(run(command), 0) << command;
  return readJson(dir / "report.json");
}

}  // namespace

TEST(PenCli, ReplayPuncturesFollowNeedlesFrequencyAndContactTime) {
  json r = replayRun(scratch("count"), glideReplay(-1, 1, {0, 0, -1}));
  EXPECT_EQ(r["validation"]["errors"], 0);
  EXPECT_EQ(r["pen"]["source"], "replay");
  EXPECT_NEAR(r["pen"]["contact_s"].get<double>(), 1.0, 1e-9);
  double cycles = r["pen"]["cycles"];
  EXPECT_NEAR(cycles, 110.0 * 1.0, 1.0);  // default scene: 110 Hz; ± one cycle
  EXPECT_EQ(r["pen"]["punctures"].get<double>(), 12 * cycles);
  EXPECT_EQ(r["channels"]["count"], r["pen"]["punctures"]);
  EXPECT_NEAR(r["channels"]["mean_depth_um"].get<double>(), 1.0 * 0.6 * 1000, 1e-6);  // dial × efficiency
  EXPECT_NEAR(r["channels"]["max_depth_um"].get<double>(), 600, 1e-6);
  EXPECT_EQ(r["channels"]["torn"], 0);
  EXPECT_GT(r["sim"]["total_mass"].get<double>(), 0.0);
  // The contract's technique keys are there for every run with a pen.
  for (const char* key : {"score", "angle_deg_mean", "density_per_cm2", "coverage_cv", "passes", "warnings"})
    EXPECT_TRUE(r["technique"].contains(key)) << key;
  EXPECT_EQ(r["technique"]["passes"], 1);
  for (const char* key : {"open_fraction", "erythema_mean", "bleeding_points", "collagen_index"})
    EXPECT_TRUE(r["healing"].contains(key)) << key;
}

TEST(PenCli, OutboxReceivesASessionRecordAndAnXapiStatement) {
  fs::path dir = scratch("outbox");
  // A missing outbox folder is created (parents too).
  json r = replayRun(dir, glideReplay(-1, 1, {0, 0, -1}), "--outbox '" + (dir / "new" / "box").string() + "'");
  EXPECT_EQ(r["records"]["outbox"], (dir / "new" / "box").string());
  EXPECT_EQ(r["records"]["statements"], 2) << "attempted, completed";
  EXPECT_EQ(r["records"]["written"], 2);
  EXPECT_EQ(r["records"]["pending"], 2) << "no LRS: they wait in the outbox";
  EXPECT_EQ(r["records"]["lrs_status"], "none");
  ASSERT_EQ(r["records"]["files"].size(), 3u);
  json statement = ns::test::readJsonFile(r["records"]["files"][2].get<std::string>());
  EXPECT_EQ(statement["verb"]["id"], "http://adlnet.gov/expapi/verbs/completed");
  EXPECT_EQ(statement["actor"]["account"]["name"], "guest");
  EXPECT_NEAR(statement["result"]["score"]["raw"].get<double>(), r["technique"]["score"].get<double>(), 1e-9);
  json record = ns::test::readJsonFile(r["records"]["files"][0].get<std::string>());
  EXPECT_EQ(record["pen"]["punctures"], r["pen"]["punctures"]);
  // One that cannot be made (under a file) is bad input, refused before the run.
  std::ofstream(dir / "file.txt") << "not a folder\n";
  std::string command = binary() + " --headless --outbox '" + (dir / "file.txt" / "box").string() + "' 2> '" +
                        (dir / "err.txt").string() + "'";
  EXPECT_EQ(run(command), 2);
}

TEST(PenCli, ReplayIsDeterministic) {
  std::string replay = glideReplay(-1.5, 1.5, {0.1, 0, -1});
  json a = replayRun(scratch("det_a"), replay), b = replayRun(scratch("det_b"), replay);
  EXPECT_EQ(a["pen"], b["pen"]);
  EXPECT_EQ(a["channels"], b["channels"]);
  EXPECT_EQ(a["sim"], b["sim"]) << "same file, same simulation to the last bit";
  EXPECT_EQ(a["frames"], b["frames"]);
}

TEST(PenCli, TiltedMovingPenTearsElongatedChannels) {
  json straight = replayRun(scratch("straight"), glideReplay(-1, 1, {0, 0, -1}));
  json tilted = replayRun(scratch("tilted"), glideReplay(-1, 1, {std::sin(0.52), 0, -std::cos(0.52)}));  // 30°
  EXPECT_EQ(tilted["channels"]["torn"], tilted["channels"]["count"]);
  EXPECT_GT(tilted["channels"]["mean_elongation_um"].get<double>(),
            3 * straight["channels"]["mean_elongation_um"].get<double>());
}

TEST(PenCli, RecordingReplaysToTheSameReport) {
  fs::path dir = scratch("record");
  json first = replayRun(dir, glideReplay(-1, 1, {0, 0, -1}), "--record '" + (dir / "rec.jsonl").string() + "'");
  ASSERT_TRUE(fs::exists(dir / "rec.jsonl"));
  EXPECT_FALSE(fs::exists(dir / "rec.jsonl.part"));
  std::string recorded, error;
  ASSERT_TRUE(ns::core::readText((dir / "rec.jsonl").string(), recorded, error));
  json second = replayRun(scratch("record_again"), recorded);
  EXPECT_EQ(first["pen"]["punctures"], second["pen"]["punctures"]);
  EXPECT_EQ(first["channels"], second["channels"]);
}

TEST(PenCli, MalformedReplayIsOneLineNamingFileLineAndKey) {
  fs::path dir = scratch("bad_replay");
  std::string error;
  std::string text = glideReplay(-1, 1, {0, 0, -1}) + "{\"t\": 2, \"pos_mm\": [0, 0], \"dir\": [0,0,-1], \"contact\": true, \"depth_mm\": 1}\n";
  ASSERT_TRUE(ns::core::writeTextAtomic((dir / "bad.jsonl").string(), text, error));
  std::string command = binary() + " --headless --replay '" + (dir / "bad.jsonl").string() + "' --report '" +
                        (dir / "r.json").string() + "' 2> '" + (dir / "stderr.txt").string() + "'";
  EXPECT_EQ(run(command), 2);
  std::string err;
  ns::core::readText((dir / "stderr.txt").string(), err, error);
  EXPECT_NE(err.find("bad.jsonl:6: pos_mm"), std::string::npos) << err;
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_FALSE(fs::exists(dir / "r.json"));
}

TEST(PenCli, OscTrackerDrivesTheHeadlessRunAtWallClockPace) {
  fs::path dir = scratch("osc");
  std::mt19937 rng(unsigned(std::chrono::steady_clock::now().time_since_epoch().count()));
  int port = 20000 + int(rng() % 20000);
  std::string report = (dir / "report.json").string();
  std::string send = "oscsend 127.0.0.1 " + std::to_string(port) + " ";
  // The run listens for 5 wall seconds; oscsend puts the pen on the skin for ~1.5 s,
  // and a garbage datagram and a wrong message must be rejected without harm.
  std::string script =
      binary() + " --headless --validate --osc-port " + std::to_string(port) + " --sim-seconds 5 --report '" + report +
      "' 2> '" + (dir / "stderr.txt").string() + "' & pid=$!; sleep 1.5; " +
      send + "/needlesim/pen/pose ffffff 0 0 0 0 0 -1; " + send + "/needlesim/pen/depth f 0.5; " +
      "printf 'garbage' > /dev/udp/127.0.0.1/" + std::to_string(port) + "; " +
      send + "/needlesim/pen/pose fff 1 2 3; " +
      send + "/needlesim/pen/contact i 1; sleep 0.8; " + send + "/needlesim/pen/pose ffffff 0.5 0 0 0 0 -1; sleep 0.7; " +
      send + "/needlesim/pen/contact i 0; wait $pid";
  int code = run("bash -c \"" + std::regex_replace(script, std::regex("\""), "\\\"") + "\"");
  ASSERT_EQ(code, 0) << script;
  json r = readJson(report);
  EXPECT_EQ(r["validation"]["errors"], 0);
  EXPECT_EQ(r["pen"]["source"], "osc");
  EXPECT_NEAR(r["pen"]["contact_s"].get<double>(), 1.5, 0.5);  // wall-clock pace, scheduling slack
  EXPECT_GT(r["pen"]["punctures"].get<int>(), 0);
  EXPECT_GE(r["pen"]["osc"]["rejected"].get<int>(), 2);
  EXPECT_NEAR(r["channels"]["mean_depth_um"].get<double>(), 0.5 * 0.6 * 1000, 1e-6);
  EXPECT_NEAR(r["sim"]["time_s"].get<double>(), 5.0, 1e-6);
}

TEST(PenCli, AHeadlessReplayComputesWithoutDrawingAndGoesOnAsABatch) {
  // The glide ends at 1.3 s: 78 frames of 1/60 s step the pen and the simulation,
  // none is drawn (nobody sees them); a --sim-seconds past the end is a batch.
  std::string replay = glideReplay(-1.0, 1.0, {0, 0, -1});
  json plain = replayRun(scratch("unseen"), replay);
  EXPECT_EQ(plain["frames_rendered"], 0);
  EXPECT_GE(plain["frames"].get<int>(), 78);
  EXPECT_LE(plain["frames"].get<int>(), 80);
  json batch = replayRun(scratch("then_batch"), replay, "--sim-seconds 3600");
  EXPECT_NEAR(batch["sim"]["time_s"].get<double>(), 3600.0, 1e-6);
  EXPECT_EQ(batch["frames"], plain["frames"]) << "the hour after the replay takes no frames";
  EXPECT_EQ(batch["pen"], plain["pen"]);
  EXPECT_EQ(batch["channels"], plain["channels"]);
  EXPECT_LT(batch["healing"]["open_fraction"].get<double>(), plain["healing"]["open_fraction"].get<double>())
      << "channels close over the hour";
  // A screenshot draws the last frame only; --frames N draws its N.
  fs::path shotDir = scratch("shot");
  json shot = replayRun(shotDir, replay, "--screenshot '" + (shotDir / "last.png").string() + "'");
  EXPECT_TRUE(fs::exists(shotDir / "last.png"));
  EXPECT_EQ(shot["frames_rendered"], 2) << "two: ImGui lays out on the first";
  EXPECT_EQ(shot["sim"], plain["sim"]) << "drawing changes nothing simulated";
  json framed = replayRun(scratch("framed"), replay, "--frames 5");
  EXPECT_EQ(framed["frames"], 5);
  EXPECT_EQ(framed["frames_rendered"], 5);
}

// A replay's time-lapse jumps ("jump_s" lines) move the simulated clock as the Jump
// buttons do, once each, and a --record of that replay keeps them.
TEST(PenCli, ReplayTakesItsTimeLapseJumpsAndARecordingKeepsThem) {
  std::string replay = glideReplay(-1, 1, {0, 0, -1});
  ns::input::PenSample s;
  s.t_s = 0.5;
  s.pos_mm = {0.0, 0.0, 0.0};
  s.contact = true;
  s.depth_mm = 1.0;
  std::string line = ns::input::replayLine(s, ns::input::TimeJump{0.5, 3600}) + "\n";
  size_t at = replay.find('\n', replay.find("\"t\": 0.100000")) + 1;  // after the 0.1 s line
  replay.insert(at, line);
  fs::path dir = scratch("jumps");
  json plain = replayRun(scratch("no_jumps"), glideReplay(-1, 1, {0, 0, -1}));
  json jumped = replayRun(dir, replay, "--record '" + (dir / "rec.jsonl").string() + "'");
  double plain_s = plain["sim"]["time_s"].get<double>(), jumped_s = jumped["sim"]["time_s"].get<double>();
  EXPECT_NEAR(jumped_s - plain_s, 3600.0, 1e-6) << "one jump of an hour, taken once";
  EXPECT_EQ(jumped["validation"]["errors"], 0);
  std::string recorded, error;
  ASSERT_TRUE(ns::core::readText((dir / "rec.jsonl").string(), recorded, error));
  EXPECT_NE(recorded.find("\"jump_s\": 3600"), std::string::npos) << recorded;
  json again = replayRun(scratch("jumps_again"), recorded);
  EXPECT_NEAR(again["sim"]["time_s"].get<double>(), jumped_s, 1e-6);
}
