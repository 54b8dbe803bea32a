// The needlesim binary as a user (or a script) runs it: exit codes, one-line errors,
// and the headless report with zero validation errors.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/files.h"
#include "support/cli_support.h"

namespace fs = std::filesystem;

namespace {

struct RunResult {
  int exitCode = -1;
  std::string stderrText;
};

fs::path scratch(const std::string& name) { return ns::test::scratchDir("cli", name); }

RunResult runNeedleSim(const std::string& args, const fs::path& dir) {
  std::string errPath = (dir / "stderr.txt").string();
  std::string command = std::string("'") + NS_NEEDLESIM_BINARY + "' " + args + " > '" +
                        (dir / "stdout.txt").string() + "' 2> '" + errPath + "'";
  int status = std::system(command.c_str());
  RunResult result;
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::string error;
  ns::core::readText(errPath, result.stderrText, error);
  return result;
}

size_t lineCount(const std::string& text) { return size_t(std::count(text.begin(), text.end(), '\n')); }

}  // namespace

TEST(Cli, UnknownFlagIsOneLineAndExitTwo) {
  auto dir = scratch("unknown");
  auto r = runNeedleSim("--frobnicate", dir);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_EQ(lineCount(r.stderrText), 1u) << r.stderrText;
  EXPECT_NE(r.stderrText.find("--frobnicate"), std::string::npos);
}

TEST(Cli, MissingSceneFileNamesIt) {
  auto dir = scratch("missing_scene");
  auto r = runNeedleSim("--headless --scene /no/such/scene.json", dir);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_EQ(lineCount(r.stderrText), 1u) << r.stderrText;
  EXPECT_NE(r.stderrText.find("/no/such/scene.json"), std::string::npos);
}

TEST(Cli, MalformedSceneNamesFileAndKey) {
  auto dir = scratch("bad_scene");
  std::string path = (dir / "bad.json").string();
  std::string text, error;
  ASSERT_TRUE(ns::core::readText(NS_SOURCE_DIR "/scenes/default.json", text, error));
  auto doc = nlohmann::json::parse(text);
  doc["domain"]["cells"] = {0, 64, 64};
  ASSERT_TRUE(ns::core::writeTextAtomic(path, doc.dump(), error));
  auto r = runNeedleSim("--headless --scene '" + path + "' --report '" + (dir / "r.json").string() + "'", dir);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.stderrText.find("bad.json: domain.cells"), std::string::npos) << r.stderrText;
  EXPECT_FALSE(fs::exists(dir / "r.json")) << "no report for a run that never started";
}

TEST(Cli, ReportIntoMissingFolderFailsBeforeRunning) {
  auto dir = scratch("missing_folder");
  auto r = runNeedleSim("--headless --frames 1 --report /no/such/folder/r.json", dir);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.stderrText.find("--report"), std::string::npos) << r.stderrText;
}

TEST(Cli, HeadlessRunWritesReportAndScreenshotWithZeroValidationErrors) {
  auto dir = scratch("headless");
  std::string report = (dir / "report.json").string(), shot = (dir / "shot.png").string();
  auto r = runNeedleSim("--headless --validate --frames 5 --width 320 --height 200 --report '" + report +
                            "' --screenshot '" + shot + "'",
                        dir);
  ASSERT_EQ(r.exitCode, 0) << r.stderrText;
  std::string text, error;
  ASSERT_TRUE(ns::core::readText(report, text, error)) << error;
  auto json = nlohmann::json::parse(text);
  EXPECT_EQ(json["validation"]["errors"], 0);
  EXPECT_TRUE(json["validation"]["enabled"]);
  EXPECT_EQ(json["frames"], 5);
  EXPECT_FALSE(json["device"]["name"].get<std::string>().empty());
  EXPECT_EQ(json["device"]["type"], "cpu");  // tests run on lavapipe
  // Frame-time percentiles are reported, never judged here (the percentile maths has its own test).
  for (const char* key : {"p50", "p95", "p99"}) EXPECT_TRUE(json["frame_ms"][key].is_number()) << key;
  // Start-up: exec to the first frame finished, wall and CPU (present once a frame was drawn).
  EXPECT_GT(json["startup_s"]["first_frame"].get<double>(), 0.0);
  EXPECT_GT(json["startup_s"]["cpu"].get<double>(), 0.0);
  EXPECT_TRUE(json.contains("validation") && json["validation"].contains("warnings"));
  EXPECT_TRUE(fs::exists(shot));
  EXPECT_EQ(json["resolution"][0], 320);
}

TEST(Cli, AMissingLessonFileIsRefusedClearly) {
  auto dir = scratch("unavailable");
  auto r = runNeedleSim("--headless --lesson some.json", dir);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.stderrText.find("--lesson"), std::string::npos);
}

TEST(Cli, HelpAndVersion) {
  auto dir = scratch("help");
  EXPECT_EQ(runNeedleSim("--help", dir).exitCode, 0);
  std::string out, error;
  ns::core::readText((dir / "stdout.txt").string(), out, error);
  EXPECT_NE(out.find("--sim-backend"), std::string::npos);
  EXPECT_EQ(runNeedleSim("--version", dir).exitCode, 0);
}

TEST(Cli, TerminateSignalFinishesTheRunAndWritesTheReport) {
  auto dir = scratch("sigterm");
  std::string report = (dir / "report.json").string();
  std::string command = "bash -c \"'" + std::string(NS_NEEDLESIM_BINARY) + "' --headless --frames 1000000 --report '" +
                        report + "' 2>/dev/null & pid=\\$!; sleep 2; kill -TERM \\$pid; wait \\$pid\"";
  int status = std::system(command.c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  std::string text, error;
  ASSERT_TRUE(ns::core::readText(report, text, error)) << error;
  auto json = nlohmann::json::parse(text);
  EXPECT_GT(json["frames"].get<int>(), 0);
  EXPECT_LT(json["frames"].get<int>(), 1000000);
}
