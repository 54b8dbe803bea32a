// The guided calibrations (runtime/guided_calibration.h): the worker reads a rendered
// video of the board or of a pivoting pen, keeps what the panel shows, and solves,
// judges and saves as the terminal does; Start again forgets and replays. Then the
// same in a real window under Xvfb: the report's `calibration` section, the file,
// and exit 2 with one line when nothing good could be written.
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <thread>

#include "runtime/guided_calibration.h"
#include "support/camera_videos.h"
#include "support/cli_support.h"
#include "tracking/intrinsics.h"

namespace fs = std::filesystem;
using ns::runtime::GuidedStage;

namespace {

ns::tracking::Rig shipped(const char* name) {
  ns::tracking::Rig rig;
  std::string error;
  EXPECT_TRUE(ns::tracking::loadRig(std::string(NS_SOURCE_DIR) + "/assets/rigs/" + name, rig, error)) << error;
  return rig;
}

// Waits (up to a minute of wall time: the file plays at its own pace) for a result.
ns::runtime::GuidedView waitForResult(ns::runtime::GuidedCalibration& g) {
  for (int i = 0; i < 6000; ++i) {
    ns::runtime::GuidedView v = ns::runtime::guidedView(g);
    if (v.stage == GuidedStage::Saved || v.stage == GuidedStage::Refused) return v;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ADD_FAILURE() << "no result";
  return ns::runtime::guidedView(g);
}

std::string readFile(const fs::path& p) {
  std::string text, error;
  ns::core::readText(p.string(), text, error);
  return text;
}

// A rendered video of the board (`views` frames) and the options calibrating on it.
ns::runtime::Options onBoardVideo(const char* name, int views) {
  fs::path dir = ns::test::scratchDir("guided", name);
  ns::test::renderBoardVideo(dir, views, shipped("pen.json"));
  ns::runtime::Options options;
  options.cameraSource = (dir / "%05d.png").string();
  options.calibrateCamera = (dir / "camera.json").string();
  return options;
}

}  // namespace

TEST(GuidedCalibration, TheBoardIsCollectedSolvedAndSavedAndCanBeStartedAgain) {
  ns::runtime::Options options = onBoardVideo("board", 24);
  ns::runtime::GuidedCalibration g;
  std::string error;
  ASSERT_TRUE(ns::runtime::openGuidedCalibration(options, g, error)) << error;
  ns::runtime::GuidedView v = waitForResult(g);
  ASSERT_EQ(v.stage, GuidedStage::Saved) << v.problem;
  ns::tracking::Intrinsics truth = ns::tracking::syntheticCamera();
  EXPECT_NEAR(v.intrinsics.fx, truth.fx, 0.01 * truth.fx);
  EXPECT_NEAR(v.intrinsics.cy, truth.cy, 8.0);
  EXPECT_GE(v.views, v.minViews);
  EXPECT_GE(v.coverageShare, v.minCoverage);
  EXPECT_EQ(v.coverage.size(), size_t(ns::tracking::kCoverageCols * ns::tracking::kCoverageRows));
  EXPECT_FALSE(v.small.empty()) << "the panel has the camera's picture";
  EXPECT_GT(v.version, 0);
  EXPECT_NE(v.summary.find("calibrated 1280x720"), std::string::npos) << v.summary;
  ns::tracking::Intrinsics written;
  ASSERT_TRUE(ns::tracking::loadIntrinsics(options.calibrateCamera, written, error)) << error;
  EXPECT_DOUBLE_EQ(written.fx, v.intrinsics.fx);
  EXPECT_FALSE(ns::runtime::canSolve(v)) << "nothing to solve once saved";

  // Start again: what was seen is forgotten, the file is played from its start.
  fs::remove(options.calibrateCamera);
  ns::runtime::requestRestart(g);
  ns::runtime::GuidedView again = waitForResult(g);
  EXPECT_EQ(again.stage, GuidedStage::Saved) << again.problem;
  EXPECT_LE(again.frames, 24) << "counted from the start again";
  EXPECT_TRUE(fs::exists(options.calibrateCamera));
  ns::runtime::closeGuidedCalibration(g);
}

TEST(GuidedCalibration, TooFewViewsAreRefusedAndNothingIsWritten) {
  ns::runtime::Options options = onBoardVideo("few", 3);
  ns::runtime::GuidedCalibration g;
  std::string error;
  ASSERT_TRUE(ns::runtime::openGuidedCalibration(options, g, error)) << error;
  ns::runtime::GuidedView v = waitForResult(g);
  EXPECT_EQ(v.stage, GuidedStage::Refused);
  EXPECT_NE(v.problem.find("views of the board"), std::string::npos) << v.problem;
  EXPECT_FALSE(fs::exists(options.calibrateCamera));
  ns::runtime::closeGuidedCalibration(g);
}

TEST(GuidedCalibration, PivotingShowsTheTurnAndSavesTheTip) {
  fs::path dir = ns::test::scratchDir("guided", "pivot");
  ns::test::write(dir / "camera.json", ns::tracking::intrinsicsJson(ns::tracking::syntheticCamera()));
  const glm::dvec3 seat(0.4, -0.3, 2.0);
  ns::test::renderPivotVideo(dir, shipped("pen.json"), shipped("pad.json"), seat);
  ns::runtime::Options options;
  options.cameraSource = (dir / "%05d.png").string();
  options.cameraCalib = (dir / "camera.json").string();
  options.calibrateTip = (dir / "my-pen.json").string();
  ns::runtime::GuidedCalibration g;
  std::string error;
  ASSERT_TRUE(ns::runtime::openGuidedCalibration(options, g, error)) << error;
  ns::runtime::GuidedView v = waitForResult(g);
  ASSERT_EQ(v.stage, GuidedStage::Saved) << v.problem;
  EXPECT_GE(v.spread_deg, ns::runtime::kTipMinSpread_deg);
  EXPECT_GE(v.poses, ns::runtime::kTipMinPoses);
  EXPECT_NEAR(v.pivot.tip_mm.z, -seat.z, 0.5) << "the tip 2 mm nearer the tags than the design";
  EXPECT_LE(v.pivot.residual_mm, ns::runtime::kTipMaxResidual_mm);
  EXPECT_TRUE(fs::exists(options.calibrateTip));
  // The picture marks the point to hold the tip on and where the tip is: held on the
  // pad's centre, the two meet (within the sleeve's 2 mm seat, a few px at 45 cm).
  ASSERT_TRUE(v.tipSeen && v.targetSeen);
  EXPECT_GT(v.target_px.x, 0.0f);
  EXPECT_LT(v.target_px.x, float(v.width));
  EXPECT_LT(glm::distance(v.tip_px, v.target_px), 12.0f) << "tip " << v.tip_px.x << "," << v.tip_px.y;
  ns::runtime::closeGuidedCalibration(g);

  // Intrinsics of another size than the frames: refused before anything starts.
  ns::tracking::Intrinsics vga = ns::tracking::syntheticCamera();
  vga.width = 640, vga.height = 480, vga.cx = 320, vga.cy = 240;
  ns::test::write(dir / "vga.json", ns::tracking::intrinsicsJson(vga));
  options.cameraCalib = (dir / "vga.json").string();
  ns::runtime::GuidedCalibration bad;
  EXPECT_FALSE(ns::runtime::openGuidedCalibration(options, bad, error));
  EXPECT_NE(error.find("--camera-calib"), std::string::npos) << error;
}

// The window: Xvfb, a real GLFW window, the screen drawn; the run quits after its
// frames and the video is read to its end before the result is reported.
TEST(GuidedCalibration, InAWindowTheResultIsReportedSavedOrRefused) {
  fs::path dir = ns::test::scratchDir("guided", "window");
  ns::test::renderBoardVideo(dir, 24, shipped("pen.json"));
  fs::path out = dir / "camera.json", report = dir / "report.json", err = dir / "stderr.txt";
  // A display number of its own (xvfb-run -a races other tests' servers starting at once),
  // and an auth file of its own: xvfb-run's own temp folder once failed to be removed
  // after the program had exited 2, and xvfb-run then exits 5 instead.
  std::string xvfb = "timeout 180 '" + std::string(NS_XVFB_RUN) + "' -n " + std::to_string(200 + getpid() % 500) + " -f '" +
                     (dir / "xauthority").string() + "' -s '-screen 0 1280x720x24' ";
  std::string command = xvfb + ns::test::binary() + " --validate --camera '" + (dir / "%05d.png").string() +
                        "' --calibrate-camera '" + out.string() + "' --frames 20 --report '" + report.string() + "' > '" +
                        (dir / "stdout.txt").string() + "' 2> '" + err.string() + "'";
  ASSERT_EQ(ns::test::runShell(command), 0) << readFile(err);
  nlohmann::json r = ns::test::readJsonFile(report);
  ASSERT_TRUE(r.contains("calibration")) << r.dump();
  EXPECT_EQ(r["calibration"]["result"], "saved");
  EXPECT_EQ(r["calibration"]["kind"], "camera");
  EXPECT_NEAR(r["calibration"]["intrinsics"]["fx"].get<double>(), 920.0, 9.2);
  EXPECT_EQ(r["validation"]["errors"], 0);
  EXPECT_TRUE(fs::exists(out));
  EXPECT_NE(readFile(dir / "stdout.txt").find("calibrated 1280x720"), std::string::npos);

  fs::path few = ns::test::scratchDir("guided", "window-few");
  ns::test::renderBoardVideo(few, 3, shipped("pen.json"));
  std::string refused = xvfb + ns::test::binary() + " --camera '" + (few / "%05d.png").string() + "' --calibrate-camera '" +
                        (few / "camera.json").string() + "' --frames 5 > /dev/null 2> '" + err.string() + "'";
  EXPECT_EQ(ns::test::runShell(refused), 2);
  std::string text = readFile(err);
  EXPECT_NE(text.find("needlesim: --calibrate-camera:"), std::string::npos) << text;
  EXPECT_NE(text.find("views of the board"), std::string::npos) << text;
  EXPECT_FALSE(fs::exists(few / "camera.json"));
}
