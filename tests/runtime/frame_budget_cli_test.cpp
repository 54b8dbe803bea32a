// The frame budget through the binary (issue 34): the report's GPU time pass by pass,
// the 3D view's scale (dynamic, pinned by --render-scale, a screenshot's frame drawn
// whole) and bad scales refused. Numbers and counts, never times.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/cli_support.h"

namespace fs = std::filesystem;
using ns::test::binary;
using ns::test::readJsonFile;
using ns::test::runShell;
using ns::test::scratchDir;

namespace {

const char* const kPasses[] = {"simulation", "background", "skin", "pen", "micro_view", "upscale", "ui", "present"};

int run(const std::string& args, const fs::path& dir) {
  return runShell(binary() + " " + args + " > '" + (dir / "out.txt").string() + "' 2> '" + (dir / "err.txt").string() + "'");
}

std::string stderrOf(const fs::path& dir) {
  std::string text, error;
  ns::core::readText((dir / "err.txt").string(), text, error);
  return text;
}

}  // namespace

// Every pass has its p50 and p95, finite and not negative; the passes of the frame's
// render add up to about the render's own p50 (a p50 of sums is not the sum of p50s,
// hence the margin).
TEST(FrameBudget, TheReportTimesEveryPass) {
  fs::path dir = scratchDir("frame_budget", "passes");
  ASSERT_EQ(run("--headless --frames 40 --report '" + (dir / "r.json").string() + "'", dir), 0) << stderrOf(dir);
  nlohmann::json r = readJsonFile(dir / "r.json");
  const nlohmann::json& passes = r["gpu_ms"]["passes"];
  ASSERT_TRUE(passes.is_object()) << r["gpu_ms"].dump();
  EXPECT_EQ(passes.size(), std::size(kPasses));
  double sum = 0;
  for (const char* name : kPasses) {
    ASSERT_TRUE(passes.contains(name)) << name;
    for (const char* p : {"p50", "p95"}) {
      double v = passes[name][p].get<double>();
      EXPECT_TRUE(std::isfinite(v) && v >= 0) << name << "." << p << " = " << v;
    }
    if (std::string(name) != "simulation" && std::string(name) != "present") sum += passes[name]["p50"].get<double>();
  }
  EXPECT_GT(passes["skin"]["p50"].get<double>(), 0.0) << "the skin is drawn every frame";
  EXPECT_LT(passes["present"]["p50"].get<double>(), 1e-3) << "headless: nothing is presented";
  double render = r["gpu_ms"]["render"]["p50"].get<double>();
  EXPECT_GT(render, 0.0);
  EXPECT_NEAR(sum, render, 0.35 * render + 0.5) << r["gpu_ms"].dump();
  for (const char* key : {"simulation", "render", "frames_timed"}) EXPECT_TRUE(r["gpu_ms"].contains(key)) << key;
  EXPECT_TRUE(r["render"]["scale"].is_number());
  EXPECT_TRUE(r["render"]["scale_reason"].is_string());
}

TEST(FrameBudget, APinnedScaleIsWhatEveryFrameIsDrawnAt) {
  fs::path dir = scratchDir("frame_budget", "pinned");
  ASSERT_EQ(run("--headless --frames 20 --render-scale 0.6 --report '" + (dir / "r.json").string() + "'", dir), 0)
      << stderrOf(dir);
  nlohmann::json r = readJsonFile(dir / "r.json");
  EXPECT_FLOAT_EQ(r["render"]["scale"].get<float>(), 0.6f);
  EXPECT_NE(r["render"]["scale_reason"].get<std::string>().find("--render-scale"), std::string::npos);
  EXPECT_EQ(r["render"]["scale_changes"], 0);
  EXPECT_EQ(r["render"]["frames_scaled"], 20);
  EXPECT_EQ(r["render"]["frames_whole"], 0) << "the first frame too (whole, it was the run's slowest)";
  EXPECT_GT(r["gpu_ms"]["passes"]["upscale"]["p50"].get<double>(), 0.0);
}

// A screenshot keeps the last frame: that one is drawn whole, the others at the
// live scale (on a GPU device, whole anyway).
TEST(FrameBudget, AScreenshotRunDrawsOnlyItsLastFrameWhole) {
  fs::path dir = scratchDir("frame_budget", "screenshot");
  ASSERT_EQ(run("--headless --frames 12 --render-scale 0.5 --screenshot '" + (dir / "s.png").string() + "' --report '" +
                    (dir / "r.json").string() + "'",
                dir),
            0)
      << stderrOf(dir);
  nlohmann::json r = readJsonFile(dir / "r.json");
  EXPECT_EQ(r["render"]["frames_whole"], 1) << "the kept last";
  EXPECT_EQ(r["render"]["frames_scaled"], 11);
  EXPECT_EQ(r["frames_rendered"], 12) << "no extra frame for the screenshot";
  EXPECT_TRUE(fs::exists(dir / "s.png"));
}

TEST(FrameBudget, BadScalesAreRefusedInOneLine) {
  for (const char* bad : {"0", "0.2", "1.5", "abc", "-1", "nan"}) {
    fs::path dir = scratchDir("frame_budget", std::string("bad_") + (bad[0] == '-' ? "neg" : bad));
    EXPECT_EQ(run(std::string("--headless --frames 1 --render-scale ") + bad, dir), 2) << bad;
    std::string err = stderrOf(dir);
    EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
    EXPECT_NE(err.find("--render-scale"), std::string::npos) << err;
    EXPECT_NE(err.find("0.25..1"), std::string::npos) << err;
  }
}

TEST(FrameBudget, AKioskConfigPinsTheScaleAndRefusesABadOne) {
  fs::path dir = scratchDir("frame_budget", "kiosk");
  ns::test::write(dir / "k.json", R"({"render_scale": 0.42, "day_list": ")" + (dir / "day.json").string() + R"("})");
  ASSERT_EQ(run("--headless --mode kiosk --frames 10 --kiosk-config '" + (dir / "k.json").string() + "' --report '" +
                    (dir / "r.json").string() + "'",
                dir),
            0)
      << stderrOf(dir);
  nlohmann::json r = readJsonFile(dir / "r.json");
  EXPECT_FLOAT_EQ(r["render"]["scale"].get<float>(), 0.42f);
  EXPECT_NE(r["render"]["scale_reason"].get<std::string>().find("render_scale"), std::string::npos);

  ns::test::write(dir / "bad.json", R"({"render_scale": 2})");
  EXPECT_EQ(run("--headless --mode kiosk --frames 1 --kiosk-config '" + (dir / "bad.json").string() + "'", dir), 2);
  std::string err = stderrOf(dir);
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_NE(err.find("render_scale"), std::string::npos) << err;
  EXPECT_NE(err.find("bad.json"), std::string::npos) << err;
}
