// Reviewing a recording (runtime/review.h) through the needlesim binary: a seek
// rebuilds the run from the recording, so seek-then-play ends exactly where straight
// play ends (backwards, forwards, several times, with a ghost beside it); the
// warnings' markers lie where the recording went wrong; bad --seek is refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/files.h"
#include "runtime/face_replay.h"
#include "support/cli_support.h"
#include "support/stroke_replay.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using ns::test::binary;

// Five passes on the patch (horizontal, vertical, horizontal, oblique, vertical), 5.5 s in all.
void writeStrokes(const fs::path& file, double dial_mm = 0.75) {
  std::ofstream(file) << ns::test::strokesFrom(0.2, {{1, 0}, {0, 1}, {1, 0}, {0.7071, 0.7071}, {0, 1}}, dial_mm);
}

json review(const fs::path& dir, const std::string& name, const std::string& extra) {
  fs::path report = dir / (name + ".json");
  std::string command = binary() + " --headless --validate --guest --replay '" + (dir / "strokes.jsonl").string() + "' " +
                        extra + " --report '" + report.string() + "' 2> '" + (dir / (name + ".err")).string() + "'";
  EXPECT_EQ(ns::test::runShell(command), 0) << command;
  return ns::test::readJsonFile(report);
}

// What the run did to the skin and what the trainee is told: equal to the last bit.
void expectSameRun(const json& a, const json& b, const std::string& what) {
  for (const char* key : {"sim", "channels", "healing", "technique", "pen"}) {
    ASSERT_TRUE(a.contains(key) && b.contains(key)) << key;
    EXPECT_EQ(a[key], b[key]) << what << ": " << key << " differs";
  }
}

TEST(ReviewCli, SeekThenPlayEndsWhereStraightPlayEnds) {
  fs::path dir = ns::test::scratchDir("review", "seek");
  writeStrokes(dir / "strokes.jsonl");
  json straight = review(dir, "straight", "");
  json back = review(dir, "back", "--seek 5:1.5");                     // played to 5 s, back to 1.5 s
  json twice = review(dir, "twice", "--seek 3 --seek 4:1 --seek 5:4.5");  // forward at the start, back, back again
  EXPECT_FALSE(straight.contains("review")) << "a headless replay without --seek is not a review";
  expectSameRun(straight, back, "--seek 5:1.5");
  expectSameRun(straight, twice, "--seek 3, 4:1, 5:4.5");
  EXPECT_GT(straight["pen"]["punctures"].get<int>(), 500);
  EXPECT_EQ(back["review"]["seeks"], 1);
  EXPECT_EQ(twice["review"]["seeks"], 3);
  EXPECT_NEAR(back["review"]["duration_s"].get<double>(), straight["pen"]["clock_s"].get<double>(), 0.05);
  EXPECT_EQ(back["validation"]["errors"], 0);
}

// On the face a block is made where a region is first needled: a seek back to before
// the nose was touched puts its block back as untreated, and playing on makes it as
// straight play did (its explicit bound and the dormant blocks' turns included).
TEST(ReviewCli, OnTheFaceASeekBeforeARegionsFirstPunctureEndsTheSame) {
  fs::path dir = ns::test::scratchDir("review", "face");
  {
    ns::test::ReplayWriter w{std::ofstream(dir / "strokes.jsonl")};
    w.pass({30.0, -30.0}, {4.0, -30.0});  // the cheek, then onto the nose
    w.t += 1.0;
    w.pass({4.0, -34.0}, {30.0, -34.0});  // back to the cheek
  }
  std::string face = "--scene '" NS_SOURCE_DIR "/scenes/face.json'";
  json straight = review(dir, "straight", face);
  json back = review(dir, "back", face + " --seek 3:0.3");
  expectSameRun(straight, back, "the face, back to before the nose");
  EXPECT_EQ(straight["sim"]["blocks"].size(), 2u) << straight["sim"]["blocks"].dump();
}

TEST(ReviewCli, TheGhostIsPlayedAgainWithTheRecording) {
  fs::path dir = ns::test::scratchDir("review", "ghost");
  writeStrokes(dir / "strokes.jsonl");
  writeStrokes(dir / "expert.jsonl", 0.5);
  std::string ghost = "--mode educator --ghost '" + (dir / "expert.jsonl").string() + "'";
  json straight = review(dir, "straight", ghost);
  json back = review(dir, "back", ghost + " --seek 5:1");
  EXPECT_EQ(straight["ghost"], back["ghost"]) << "its marks and contact time as if played once";
  expectSameRun(straight, back, "with a ghost");
}

TEST(ReviewCli, AWarningIsMarkedWhereTheRecordingWentWrong) {
  fs::path dir = ns::test::scratchDir("review", "markers");
  // 3 s of a good glide, then the pen tilted 25 degrees while moving.
  std::ofstream out(dir / "strokes.jsonl");
  for (int i = 0; i <= 100; ++i) {
    double t = i * 0.06, x = -3.0 + 0.06 * i;
    double tilt = t < 3.0 ? 0.0 : 0.42;  // ~25 degrees from the normal
    json line = {{"t", t}, {"pos_mm", {x, 0.0, 0.0}}, {"dir", {std::sin(tilt), 0.0, -std::cos(tilt)}},
                 {"contact", true}, {"depth_mm", 0.75}};
    out << line.dump() << "\n";
  }
  out.close();
  json r = review(dir, "markers", "--seek 0");
  ASSERT_TRUE(r["review"].contains("warning_markers"));
  const json& markers = r["review"]["warning_markers"];
  bool angle = false;
  for (const json& m : markers) {
    EXPECT_NE(m["id"], "coverage") << "whole-session advice marks no moment";
    if (m["id"] == "angle") {
      angle = true;
      EXPECT_GE(m["t_s"].get<double>(), 3.0) << "not before the pen tilted";
      EXPECT_LE(m["t_s"].get<double>(), 5.0) << "within two seconds of it";
    }
  }
  EXPECT_TRUE(angle) << markers.dump();
}

TEST(ReviewCli, BadSeeksAreRefusedWithOneLine) {
  fs::path dir = ns::test::scratchDir("review", "bad");
  writeStrokes(dir / "strokes.jsonl");
  std::string replay = " --replay '" + (dir / "strokes.jsonl").string() + "'";
  struct Case {
    std::string args, says;
  } cases[] = {{"--seek 2", "needs --replay"},
               {"--seek abc" + replay, "expected [AT:]T"},
               {"--seek 3:-1" + replay, "expected [AT:]T"},
               {"--seek 2 --record '" + (dir / "rec.jsonl").string() + "'" + replay, "cannot run with --record"}};
  for (const Case& c : cases) {
    fs::path err = dir / "err.txt";
    std::string command = binary() + " --headless " + c.args + " 2> '" + err.string() + "'";
    EXPECT_EQ(ns::test::runShell(command), 2) << command;
    std::string text, error;
    ns::core::readText(err.string(), text, error);
    EXPECT_NE(text.find(c.says), std::string::npos) << text;
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;
  }
}

}  // namespace
