#include <gtest/gtest.h>

#include "runtime/options.h"

using ns::runtime::Options;
using ns::runtime::parseOptions;

namespace {

bool parse(std::vector<const char*> args, Options& options, std::string& error) {
  args.insert(args.begin(), "needlesim");
  return parseOptions(int(args.size()), args.data(), options, error);
}

std::string errorFor(std::vector<const char*> args) {
  Options options;
  std::string error;
  EXPECT_FALSE(parse(args, options, error));
  EXPECT_EQ(error.find('\n'), std::string::npos);
  return error;
}

}  // namespace

TEST(Options, EveryContractFlagParses) {
  Options o;
  std::string error;
  ASSERT_TRUE(parse({"--scene", "s.json", "--mode", "kiosk", "--headless", "--frames", "10",
                     "--sim-seconds", "3.5", "--time-scale=60", "--sim-backend", "cpu", "--replay", "r.jsonl",
                     "--record", "w.jsonl", "--osc-port", "9000", "--mesh", "m.glb", "--screenshot", "a.png",
                     "--report", "r.json", "--validate", "--lesson", "l.json", "--outbox", "box"},
                    o, error))
      << error;
  EXPECT_EQ(o.sceneFile, "s.json");
  EXPECT_EQ(o.mode, "kiosk");
  EXPECT_TRUE(o.headless);
  EXPECT_EQ(*o.frames, 10);
  EXPECT_DOUBLE_EQ(*o.simSeconds, 3.5);
  EXPECT_DOUBLE_EQ(*o.timeScale, 60);
  EXPECT_EQ(o.simBackend, "cpu");
  EXPECT_EQ(*o.oscPort, 9000);
  EXPECT_EQ(o.oscBind, "127.0.0.1") << "OSC listens on loopback unless told";
  EXPECT_EQ(o.screenshotFile, "a.png");
  EXPECT_TRUE(o.validate);
  EXPECT_EQ(o.outboxDir, "box");
}

TEST(Options, DefaultsMatchTheContract) {
  Options o;
  std::string error;
  ASSERT_TRUE(parse({}, o, error));
  EXPECT_EQ(o.mode, "trainee");
  EXPECT_EQ(o.simBackend, "gpu");
  EXPECT_FALSE(o.headless);
  EXPECT_FALSE(o.frames.has_value());
}

TEST(Options, BadInputNamesTheFlagAndTheExpectation) {
  EXPECT_NE(errorFor({"--bogus"}).find("'--bogus'"), std::string::npos);
  EXPECT_NE(errorFor({"--frames", "ten"}).find("--frames: expected"), std::string::npos);
  EXPECT_NE(errorFor({"--frames", "0"}).find("'0'"), std::string::npos);
  EXPECT_NE(errorFor({"--frames"}).find("missing value"), std::string::npos);
  EXPECT_NE(errorFor({"--mode", "admin"}).find("trainee|educator|kiosk"), std::string::npos);
  EXPECT_NE(errorFor({"--sim-backend", "tpu"}).find("gpu|cpu"), std::string::npos);
  EXPECT_NE(errorFor({"--osc-port", "70000"}).find("1..65535"), std::string::npos);
  EXPECT_NE(errorFor({"--osc-port", ":9000"}).find("ADDR:P"), std::string::npos);
  EXPECT_NE(errorFor({"--screenshot", "shot.jpg"}).find(".png"), std::string::npos);
  EXPECT_NE(errorFor({"--time-scale", "-1"}).find("--time-scale"), std::string::npos);
  EXPECT_NE(errorFor({"--headless=yes"}).find("takes no value"), std::string::npos);
  EXPECT_NE(errorFor({"--sim-seconds", "nan"}).find("--sim-seconds"), std::string::npos);
}

TEST(Options, OscListensElsewhereOnlyWhenTold) {
  Options o;
  std::string error;
  ASSERT_TRUE(parse({"--osc-port", "0.0.0.0:9001"}, o, error)) << error;
  EXPECT_EQ(*o.oscPort, 9001);
  EXPECT_EQ(o.oscBind, "0.0.0.0");
}

// Issue 31: every number and name from the command line is checked where it enters.
TEST(Options, AbsurdValuesAreRefusedWithTheRangeAndQuotedShort) {
  EXPECT_NE(errorFor({"--frames", "10000000000"}).find("1..1e9"), std::string::npos);
  EXPECT_NE(errorFor({"--sim-seconds", "1e300"}).find("0..1e9"), std::string::npos);
  EXPECT_NE(errorFor({"--seek", "1e300"}).find("0..1e7"), std::string::npos);
  // A name longer than the system takes (before: --outbox ended the program with an
  // exception from std::filesystem) is one line, quoting at most 256 bytes of it.
  std::string longPart = "/tmp/" + std::string(300, 'a');
  std::string longPath(5000, 'b');
  for (const char* flag : {"--outbox", "--scene", "--replay", "--report", "--data-dir", "--lesson", "--ghost", "--mesh"})
    for (const std::string& value : {longPart, longPath}) {
      std::string e = errorFor({flag, value.c_str()});
      EXPECT_NE(e.find("a file name of at most 4095 bytes, each part at most 255"), std::string::npos) << flag << ": " << e;
      EXPECT_LT(e.size(), 400u) << flag;
    }
  EXPECT_LT(errorFor({std::string("--") .append(5000, 'x').c_str()}).size(), 400u);
}
