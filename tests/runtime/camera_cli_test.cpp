// The camera as the pen, end to end through the needlesim binary: a video the
// project renders of its own rigs with known poses (tracking/synthetic.h) is given
// as --camera; the run's report, its --record and the technique it scores are held
// against the true motion's. Bad sources get one line and exit 2.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <opencv2/imgcodecs.hpp>

#include "input/replay.h"
#include "support/camera_videos.h"
#include "support/cli_support.h"
#include "tracking/intrinsics.h"
#include "tracking/rig.h"
#include "tracking/rig_design.h"
#include "tracking/synthetic.h"
#include "tracking/synthetic_motion.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using ns::test::binary;

std::string rigPath(const char* name) { return std::string(NS_SOURCE_DIR) + "/assets/rigs/" + name; }

ns::tracking::Rig shippedRig(const char* name) {
  ns::tracking::Rig rig;
  std::string error;
  EXPECT_TRUE(ns::tracking::loadRig(rigPath(name), rig, error)) << error;
  return rig;
}

struct Video {
  fs::path dir;
  std::string pattern, calib;
  std::vector<ns::tracking::TruthFrame> truth;
  std::vector<bool> hidden;  // frames whose pen was blanked out (lost on purpose)
};

// The synthetic session at 30 fps as an image sequence. Four tests need it and it
// takes most of their time to render (CI's budget), so it is rendered once per
// build of this binary into a folder of its own (written under a temporary name,
// then renamed: tests running side by side never see half of it) and linked from.
fs::path sharedSession() {
  std::error_code ec;
  auto built = fs::last_write_time("/proc/self/exe", ec).time_since_epoch().count();
  fs::path root = fs::path(NS_BINARY_DIR) / "test-output" / "camera";
  fs::path dir = root / ("shared-session-" + std::to_string(built));
  if (fs::exists(dir / "done")) return dir;
  // One renders, the others wait for it (the lock goes with the process).
  fs::create_directories(root);
  int lock = ::open((root / "shared-session.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock >= 0) ::flock(lock, LOCK_EX);
  if (fs::exists(dir / "done")) {
    if (lock >= 0) ::close(lock);
    return dir;
  }
  for (const fs::directory_entry& old : fs::directory_iterator(root, ec))  // an earlier build's
    if (old.path().filename().string().rfind("shared-session-", 0) == 0) fs::remove_all(old.path(), ec);
  fs::path temp = root / ("shared-session.tmp." + std::to_string(::getpid()));
  fs::remove_all(temp, ec);
  fs::create_directories(temp);
  ns::tracking::SyntheticRenderer r = ns::tracking::createRenderer(shippedRig("pen.json"), shippedRig("pad.json"),
                                                                   ns::tracking::syntheticCamera());
  ns::tracking::RenderOptions options;
  options.noiseSigma = 1.0;
  std::vector<ns::tracking::TruthFrame> truth = ns::tracking::sessionFrames(30);
  for (size_t i = 0; i < truth.size(); ++i)
    ns::test::writeFrame(temp, int(i), ns::tracking::renderFrame(r, ns::tracking::padToCamera(450, 45), {truth[i].penToPad}, options));
  ns::tracking::destroyRenderer(r);
  ns::test::write(temp / "done", "");
  fs::rename(temp, dir, ec);  // another test may have finished first: its copy is the same
  if (ec) fs::remove_all(temp, ec);
  if (lock >= 0) ::close(lock);
  return dir;
}

// The session as a test's own image sequence, the camera's intrinsics beside it.
// Frames [hideFrom, hideTo) show the pad but no pen (it left the view).
Video renderVideo(const std::string& name, int hideFrom = -1, int hideTo = -1) {
  Video v;
  v.dir = ns::test::scratchDir("camera", name);
  v.pattern = (v.dir / "%05d.png").string();
  v.calib = (v.dir / "camera.json").string();
  ns::tracking::Intrinsics k = ns::tracking::syntheticCamera();
  ns::test::write(v.calib, ns::tracking::intrinsicsJson(k));
  fs::path shared = sharedSession();
  ns::tracking::SyntheticRenderer r = ns::tracking::createRenderer(shippedRig("pen.json"), shippedRig("pad.json"), k);
  ns::tracking::RenderOptions options;
  options.noiseSigma = 1.0;
  v.truth = ns::tracking::sessionFrames(30);
  for (size_t i = 0; i < v.truth.size(); ++i) {
    bool hide = int(i) >= hideFrom && int(i) < hideTo;
    v.hidden.push_back(hide);
    char file[32];
    std::snprintf(file, sizeof file, "%05d.png", int(i));
    if (!hide) {
      fs::create_hard_link(shared / file, v.dir / file);
      continue;
    }
    cv::Matx44d away = ns::tracking::penPose({900, 0, 60}, 0, 0, 0);  // far to the side: out of the frame
    ns::test::writeFrame(v.dir, int(i), ns::tracking::renderFrame(r, ns::tracking::padToCamera(450, 45), {away}, options));
  }
  ns::tracking::destroyRenderer(r);
  return v;
}

std::string truthReplay(const Video& v, double dial_mm) {
  std::string text;
  for (const ns::tracking::TruthFrame& f : v.truth) {
    ns::input::PenSample s;
    s.t_s = f.t_s, s.pos_mm = f.tip_mm, s.dir = f.dir, s.contact = f.contact, s.depth_mm = dial_mm;
    text += ns::input::replayLine(s) + "\n";
  }
  return text;
}

int run(const std::string& command) { return ns::test::runShell(command); }

std::string readText(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

json runCamera(const Video& v, const std::string& extra, const std::string& tag) {
  fs::path report = v.dir / ("report-" + tag + ".json"), err = v.dir / ("stderr-" + tag + ".txt");
  std::string command = binary() + " --headless --validate --camera '" + v.pattern + "' --camera-calib '" + v.calib +
                        "' --report '" + report.string() + "' " + extra + " 2> '" + err.string() + "'";
  EXPECT_EQ(run(command), 0) << command << "\n" << readText(err);
  return ns::test::readJsonFile(report);
}

TEST(CameraCli, TrackedVideoScoresLikeTheTrueMotionAndRecordsIt) {
  Video v = renderVideo("session");
  fs::path record = v.dir / "recorded.jsonl";
  json cam = runCamera(v, "--record '" + record.string() + "'", "camera");
  ASSERT_TRUE(cam.contains("tracking")) << cam.dump();
  const json& t = cam["tracking"];
  EXPECT_EQ(t["frames"].get<long>(), long(v.truth.size()));
  EXPECT_GE(t["frames_tracked"].get<double>(), 0.98 * double(v.truth.size()));
  EXPECT_EQ(t["pad_frames"].get<long>(), long(v.truth.size()));
  EXPECT_GT(t["contact_frames"].get<long>(), 0);
  EXPECT_LT(t["reprojection_px"]["p50"].get<double>(), 1.0);
  EXPECT_GT(t["ms_per_frame"]["p50"].get<double>(), 0.0);
  EXPECT_EQ(cam["pen"]["source"], "camera");
  EXPECT_EQ(cam["validation"]["errors"], 0);

  // The dial the camera's samples carry is the scene's; the truth gets the same.
  ns::input::PenTrack recorded;
  std::string error;
  ASSERT_TRUE(ns::input::loadReplay(record.string(), recorded, error)) << error;
  ASSERT_FALSE(recorded.samples.empty());
  EXPECT_GE(double(recorded.samples.size()), 0.98 * double(v.truth.size()));  // a line per tracked frame
  double dial = recorded.samples.front().depth_mm;
  ns::test::write(v.dir / "truth.jsonl", truthReplay(v, dial));
  fs::path truthReport = v.dir / "truth-report.json";
  ASSERT_EQ(run(binary() + " --headless --replay '" + (v.dir / "truth.jsonl").string() + "' --report '" +
                truthReport.string() + "' 2>/dev/null"),
            0);
  json truth = ns::test::readJsonFile(truthReport);
  double p = cam["pen"]["punctures"].get<double>(), pTrue = truth["pen"]["punctures"].get<double>();
  ASSERT_GT(pTrue, 100);
  EXPECT_NEAR(p, pTrue, 0.05 * pTrue) << "punctures from the camera against the true motion";
  EXPECT_NEAR(cam["technique"]["angle_deg_mean"].get<double>(), truth["technique"]["angle_deg_mean"].get<double>(), 1.5);

  // Replaying the recording gives what the camera run gave: the same samples, read
  // the same way (a file's next frame is taken ahead of the clock, as a replay's line is).
  fs::path again = v.dir / "again.json";
  ASSERT_EQ(run(binary() + " --headless --replay '" + record.string() + "' --report '" + again.string() + "' 2>/dev/null"), 0);
  json replayed = ns::test::readJsonFile(again);
  EXPECT_NEAR(replayed["pen"]["punctures"].get<double>(), p, 0.002 * p);
}

// The live path without a camera: the video given at its own pace, newest frame only
// (--camera-live), the pen clock following the wall clock; a lesson takes it as its pen.
TEST(CameraCli, ALiveCameraDrivesTheRunAtItsOwnPace) {
  Video v = renderVideo("live");
  json cam = runCamera(v, "--camera-live --sim-seconds 6 --lesson '" + std::string(NS_SOURCE_DIR) +
                              "/scenes/lessons/first-glide-cheek.json' --guest", "live");
  const json& t = cam["tracking"];
  EXPECT_TRUE(t["live"].get<bool>());
  EXPECT_GT(t["frames_tracked"].get<long>(), 60);  // of ~180 frames in 6 s (a slow machine drops some)
  EXPECT_TRUE(t.contains("latency_ms")) << "a live source reports its camera-to-sample latency (measured in bench, not here)";
  EXPECT_GT(cam["pen"]["punctures"].get<double>(), 100);
  EXPECT_EQ(cam["pen"]["source"], "camera");
  EXPECT_TRUE(cam.contains("lesson")) << "the lesson ran with the camera as its pen";
}

// On the face the pad stands for a region: the same video needles the cheek, with
// the same tilt against the skin's own normal as on the patch.
TEST(CameraCli, OnTheFaceThePadLiesOnTheChosenRegion) {
  Video v = renderVideo("face");
  json patch = runCamera(v, "", "patch");
  json face = runCamera(v, "--scene '" + std::string(NS_SOURCE_DIR) + "/scenes/face.json' --pad-region forehead", "face");
  EXPECT_EQ(face["tracking"]["pad_region"], "forehead");
  ASSERT_TRUE(face["technique"]["regions"].contains("forehead")) << face["technique"].dump();
  double p = face["pen"]["punctures"].get<double>(), pPatch = patch["pen"]["punctures"].get<double>();
  EXPECT_NEAR(p, pPatch, 0.1 * pPatch);
  EXPECT_NEAR(face["technique"]["angle_deg_mean"].get<double>(), patch["technique"]["angle_deg_mean"].get<double>(), 2.0);
  // A region the face does not have, or a region on the flat patch: one line, exit 2.
  fs::path err = v.dir / "stderr-bad.txt";
  std::string base = binary() + " --headless --camera '" + v.pattern + "' --camera-calib '" + v.calib + "' ";
  EXPECT_EQ(run(base + "--scene '" + std::string(NS_SOURCE_DIR) + "/scenes/face.json' --pad-region elbow 2> '" + err.string() + "'"), 2);
  EXPECT_NE(readText(err).find("--pad-region"), std::string::npos);
  EXPECT_EQ(run(base + "--pad-region cheek 2> '" + err.string() + "'"), 2);
  EXPECT_NE(readText(err).find("flat patch"), std::string::npos);
}

TEST(CameraCli, ALostPenLeavesTheSkinAndTheRecordingSaysSo) {
  // The pen leaves the view for 20 frames in the middle of a glide.
  std::vector<ns::tracking::TruthFrame> truth = ns::tracking::sessionFrames(30);
  int from = -1;
  for (size_t i = 30; i + 5 < truth.size(); ++i)
    if (truth[i].contact && truth[i + 5].contact) {
      from = int(i);
      break;
    }
  ASSERT_GT(from, 0);
  Video v = renderVideo("lost", from, from + 20);
  fs::path record = v.dir / "recorded.jsonl";
  json cam = runCamera(v, "--record '" + record.string() + "'", "lost");
  const json& t = cam["tracking"];
  EXPECT_NEAR(t["frames_tracked"].get<double>(), double(v.truth.size() - 20), 3.0);
  EXPECT_NEAR(t["lost_s"].get<double>(), 20.0 / 30.0, 0.12);
  // The recording: at the first lost frame, one line off the skin; nothing until the pen is back.
  ns::input::PenTrack recorded;
  std::string error;
  ASSERT_TRUE(ns::input::loadReplay(record.string(), recorded, error)) << error;
  double lostAt = v.truth[from].t_s, backAt = v.truth[from + 20].t_s;
  int inGap = 0;
  bool offAtLoss = false;
  for (const ns::input::PenSample& s : recorded.samples) {
    if (std::abs(s.t_s - lostAt) < 1e-6) offAtLoss = !s.contact;
    if (s.t_s > lostAt + 1e-6 && s.t_s < backAt - 1e-6) ++inGap;
  }
  EXPECT_TRUE(offAtLoss) << "a contact-false line at the first lost frame";
  EXPECT_EQ(inGap, 0);
}

TEST(CameraCli, TheCalibrationBoardGivesTheCamerasIntrinsics) {
  fs::path dir = ns::test::scratchDir("camera", "calibrate");
  ns::test::renderBoardVideo(dir, 24, shippedRig("pen.json"));
  fs::path out = dir / "camera.json", err = dir / "stderr.txt";
  std::string command = binary() + " --camera '" + (dir / "%05d.png").string() + "' --headless --calibrate-camera '" + out.string() +
                        "' > '" + (dir / "stdout.txt").string() + "' 2> '" + err.string() + "'";
  ASSERT_EQ(run(command), 0) << readText(err);
  ns::tracking::Intrinsics k;
  std::string error;
  ASSERT_TRUE(ns::tracking::loadIntrinsics(out.string(), k, error)) << error;
  ns::tracking::Intrinsics truth = ns::tracking::syntheticCamera();
  EXPECT_EQ(k.width, truth.width);
  EXPECT_NEAR(k.fx, truth.fx, 0.01 * truth.fx);
  EXPECT_NEAR(k.fy, truth.fy, 0.01 * truth.fy);
  EXPECT_NEAR(k.cx, truth.cx, 8.0);
  EXPECT_NEAR(k.cy, truth.cy, 8.0);
  EXPECT_LT(k.rms_px, 0.5);
  EXPECT_LT(std::abs(k.dist[0]), 0.05);  // the renderer has no distortion
  EXPECT_NE(readText(dir / "stdout.txt").find("calibrated"), std::string::npos);

  // A few views of one pose are refused, with the reason, and nothing is written.
  fs::path few = ns::test::scratchDir("camera", "calibrate-few");
  ns::test::renderBoardVideo(few, 3, shippedRig("pen.json"));
  fs::path none = few / "camera.json";
  EXPECT_EQ(run(binary() + " --camera '" + (few / "%05d.png").string() + "' --headless --calibrate-camera '" + none.string() +
                "' > /dev/null 2> '" + err.string() + "'"),
            2);
  std::string text = readText(err);
  EXPECT_NE(text.find("views of the board"), std::string::npos) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;
  EXPECT_FALSE(fs::exists(none));
}

// A sleeve seated 2 mm further back than the design (and a little off the axis): the
// camera watches its tip held on the pad's centre while the pen is tilted and turned.
TEST(CameraCli, PivotingFindsWhereTheRealSleeveSits) {
  fs::path dir = ns::test::scratchDir("camera", "pivot");
  ns::tracking::Intrinsics k = ns::tracking::syntheticCamera();
  ns::test::write(dir / "camera.json", ns::tracking::intrinsicsJson(k));
  const glm::dvec3 seat(0.4, -0.3, 2.0);  // the tags sit here relative to the design, from the real tip
  ns::tracking::Rig design = shippedRig("pen.json");
  ns::tracking::Rig real = ns::test::renderPivotVideo(dir, design, shippedRig("pad.json"), seat);
  fs::path out = dir / "my-pen.json", err = dir / "stderr.txt";
  ASSERT_EQ(run(binary() + " --camera '" + (dir / "%05d.png").string() + "' --camera-calib '" + (dir / "camera.json").string() +
                "' --headless --calibrate-tip '" + out.string() + "' > '" + (dir / "stdout.txt").string() + "' 2> '" + err.string() + "'"),
            0)
      << readText(err);
  ns::tracking::Rig measured;
  std::string error;
  ASSERT_TRUE(ns::tracking::loadRig(out.string(), measured, error)) << error;
  double worst = 0;
  for (size_t i = 0; i < real.tags.size(); ++i)
    for (int c = 0; c < 4; ++c)
      worst = std::max(worst, glm::length(measured.tags[i].corners_mm[size_t(c)] - real.tags[i].corners_mm[size_t(c)]));
  EXPECT_LT(worst, 0.5) << "the measured rig's corners against where the sleeve really is (mm); "
                        << readText(dir / "stdout.txt");
  // The design's rig would have been 2 mm off: the measurement is the better rig.
  double designOff = glm::length(seat);
  EXPECT_LT(worst, designOff / 3);
}

struct BadCase {
  const char* name;
  std::string args;
  const char* mentions;
};

TEST(CameraCli, BadSourcesGetOneLineAndExitTwo) {
  fs::path dir = ns::test::scratchDir("camera", "bad");
  ns::tracking::Intrinsics k = ns::tracking::syntheticCamera();
  ns::test::write(dir / "camera.json", ns::tracking::intrinsicsJson(k));
  k.width = 640, k.height = 480, k.cx = 320, k.cy = 240;
  ns::test::write(dir / "vga.json", ns::tracking::intrinsicsJson(k));
  ns::test::write(dir / "not-a-video.mp4", "this is text, not a video\n");
  ns::test::write(dir / "bad-rig.json", "{\"name\": \"x\", \"units\": \"mm\", \"tags\": [{\"family\": \"tag36h11\"}]}");
  cv::Mat frame(720, 1280, CV_8UC1, cv::Scalar(128));
  fs::create_directories(dir / "seq");
  ASSERT_TRUE(cv::imwrite((dir / "seq" / "00000.png").string(), frame));
  cv::Mat small(480, 640, CV_8UC1, cv::Scalar(128));
  fs::create_directories(dir / "vgaseq");
  ASSERT_TRUE(cv::imwrite((dir / "vgaseq" / "00000.png").string(), small));
  std::string calib = " --camera-calib '" + (dir / "camera.json").string() + "'";
  std::string seq = " --camera '" + (dir / "seq" / "%05d.png").string() + "'";
  std::vector<BadCase> cases = {
      {"missing device", " --camera /dev/video97" + calib, "/dev/video97"},
      {"unreadable video", " --camera '" + (dir / "not-a-video.mp4").string() + "'" + calib, "not-a-video.mp4"},
      {"missing sequence", " --camera '" + (dir / "none" / "%05d.png").string() + "'" + calib, "none"},
      {"intrinsics of another size", " --camera '" + (dir / "vgaseq" / "%05d.png").string() + "'" + calib, "camera.json"},
      {"malformed rig", seq + calib + " --pen-rig '" + (dir / "bad-rig.json").string() + "'", "bad-rig.json"},
      {"missing calibration", seq, "--camera-calib"},
      {"two pen sources", seq + calib + " --osc-port 9000", "--camera"},
      {"calibration without a camera", calib, "--camera"},
      {"frame rate out of range", seq + calib + " --camera-fps 0", "--camera-fps"},
  };
  for (const BadCase& c : cases) {
    fs::path err = dir / "stderr.txt";
    int status = run(binary() + " --headless" + c.args + " 2> '" + err.string() + "' >/dev/null");
    std::string text = readText(err);
    EXPECT_EQ(status, 2) << c.name << ": " << text;
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << c.name << ": one line, got: " << text;
    EXPECT_NE(text.find(c.mentions), std::string::npos) << c.name << ": " << text;
  }
}

}  // namespace
