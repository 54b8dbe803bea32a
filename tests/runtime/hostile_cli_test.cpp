// Issue 31: hostile files from outside, through the needlesim binary. Each must end
// with exit status 2 and one line on stderr naming the file, the line and the key,
// never a signal (before the fix, the three first ones killed the program).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/cli_support.h"

namespace fs = std::filesystem;
using ns::test::binary;

namespace {

struct Outcome {
  int status = -1;
  std::string stderrText;
  int lines = 0;
};

Outcome runWith(const fs::path& dir, const std::string& args) {
  std::string command = binary() + " --headless --frames 20 " + args + " --report '" + (dir / "report.json").string() +
                        "' 2> '" + (dir / "stderr.txt").string() + "'";
  Outcome o;
  o.status = ns::test::runShell(command);
  std::ifstream in(dir / "stderr.txt");
  std::stringstream text;
  text << in.rdbuf();
  o.stderrText = text.str();
  for (char c : o.stderrText) o.lines += c == '\n';
  return o;
}

std::string sample(const std::string& pos, const std::string& dir) {
  return "{\"t\": 0.5, \"pos_mm\": " + pos + ", \"dir\": " + dir + ", \"contact\": true, \"depth_mm\": 0.5}\n";
}

const std::string kFirst = "{\"t\": 0, \"pos_mm\": [0,0,0], \"dir\": [0,0,-1], \"contact\": false, \"depth_mm\": 0.5}\n";

}  // namespace

TEST(HostileCli, AReplayWithAnAbsurdPositionIsRefusedWithOneLine) {
  fs::path dir = ns::test::scratchDir("hostile", "pos");
  ns::test::write(dir / "pen.jsonl", kFirst + sample("[1e300, 1e300, 0]", "[0,0,-1]") + sample("[0,0,0]", "[0,0,-1]"));
  Outcome o = runWith(dir, "--replay '" + (dir / "pen.jsonl").string() + "'");
  EXPECT_EQ(o.status, 2) << o.stderrText;
  EXPECT_EQ(o.lines, 1) << o.stderrText;
  EXPECT_NE(o.stderrText.find("pen.jsonl:2: pos_mm: expected three numbers [x, y, z], each within -10000..10000 mm"),
            std::string::npos)
      << o.stderrText;
  EXPECT_FALSE(fs::exists(dir / "report.json"));
}

TEST(HostileCli, AReplayWithAnAbsurdAxisIsRefusedWithOneLine) {
  fs::path dir = ns::test::scratchDir("hostile", "dir");
  ns::test::write(dir / "pen.jsonl", kFirst + sample("[0,0,0]", "[1e200, -1e200, -1e200]"));
  Outcome o = runWith(dir, "--replay '" + (dir / "pen.jsonl").string() + "'");
  EXPECT_EQ(o.status, 2) << o.stderrText;
  EXPECT_EQ(o.lines, 1) << o.stderrText;
  EXPECT_NE(o.stderrText.find("pen.jsonl:2: dir: expected an axis"), std::string::npos) << o.stderrText;
}

TEST(HostileCli, ASceneNestedAHundredThousandDeepIsRefusedWithOneShortLine) {
  fs::path dir = ns::test::scratchDir("hostile", "deep_scene");
  ns::test::write(dir / "scene.json", "{\n  \"tissue\": " + std::string(100000, '[') + std::string(100000, ']') + "\n}\n");
  Outcome o = runWith(dir, "--scene '" + (dir / "scene.json").string() + "'");
  EXPECT_EQ(o.status, 2) << o.stderrText.substr(0, 500);
  EXPECT_EQ(o.lines, 1) << o.stderrText.substr(0, 500);
  EXPECT_LT(o.stderrText.size(), 400u) << o.stderrText.substr(0, 500);
  EXPECT_NE(o.stderrText.find("scene.json: not valid JSON: nested deeper than 64 levels at line 2"), std::string::npos)
      << o.stderrText.substr(0, 500);
}

TEST(HostileCli, AReplayLineNestedAHundredThousandDeepIsRefusedWithOneShortLine) {
  fs::path dir = ns::test::scratchDir("hostile", "deep_replay");
  ns::test::write(dir / "pen.jsonl", kFirst + "{\"t\": 1, \"dir\": " + std::string(100000, '[') + std::string(100000, ']') + "}\n");
  Outcome o = runWith(dir, "--replay '" + (dir / "pen.jsonl").string() + "'");
  EXPECT_EQ(o.status, 2) << o.stderrText.substr(0, 500);
  EXPECT_EQ(o.lines, 1) << o.stderrText.substr(0, 500);
  EXPECT_LT(o.stderrText.size(), 400u) << o.stderrText.substr(0, 500);
  EXPECT_NE(o.stderrText.find("pen.jsonl:2: not valid JSON: nested deeper than 64 levels"), std::string::npos)
      << o.stderrText.substr(0, 500);
}

TEST(HostileCli, ASceneValueOfAMegabyteIsQuotedAsAnExcerpt) {
  fs::path dir = ns::test::scratchDir("hostile", "long_value");
  ns::test::write(dir / "scene.json", "{\"tissue\": \"" + std::string(1 << 20, 'x') + "\"}\n");
  Outcome o = runWith(dir, "--scene '" + (dir / "scene.json").string() + "'");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.lines, 1);
  EXPECT_LT(o.stderrText.size(), 300u) << o.stderrText.substr(0, 500);
}
