// The tracker on rendered video of the shipped rigs (720p, fx = 920 px, the pad
// 45 cm away, the camera 45° from vertical) against the session's true motion:
// the targets, with blur and noise, with a finger over the sleeve, a lost
// pen, a bumped pad, and the technique report of the tracked motion against the
// report of the true one. Numbers only: time is the benchmark's business.
#include <gtest/gtest.h>

#include <cmath>

#include "pen/pen_model.h"
#include "support.h"
#include "tracking/evaluation.h"
#include "training/technique.h"

using namespace ns;
using namespace ns::tracking;

namespace {

void expectTargets(const SessionScore& s, double minTracked, double maxRms, double maxP95, double maxAxis, double minContact) {
  EXPECT_GE(s.trackedFraction, minTracked);
  EXPECT_LE(s.tipRms_mm, maxRms);
  EXPECT_LE(s.tipP95_mm, maxP95);
  EXPECT_LE(s.axisMedian_deg, maxAxis);
  EXPECT_GE(s.contactAccuracy, minContact);
  std::printf("tracked %.1f %%, tip RMS %.2f mm, p95 %.2f mm, axis median %.2f°, contact %.1f %% of %d frames\n",
              100 * s.trackedFraction, s.tipRms_mm, s.tipP95_mm, s.axisMedian_deg, 100 * s.contactAccuracy, s.contactFrames);
}

training::TechniqueReport report(const input::PenTrack& track) {
  scene::Scene scene = scene::defaultScene();
  pen::PenModel model = pen::createPenModel(scene);
  std::vector<pen::Puncture> punctures;
  pen::advancePen(model, track, track.endTime() + 1.0, punctures);
  return training::assessTechnique(scene, track, punctures);
}

}  // namespace

TEST(Tracking, CleanVideoMeetsTheTargetsAndTheReportAgrees) {
  TrackerConfig config = test::shippedConfig();
  SessionScore s = runSession(config, SessionSetup{});
  ASSERT_GT(s.frames, 250);
  expectTargets(s, 0.98, 1.0, 2.0, 1.0, 0.98);
  // Speed comes from not searching: after the first frame the pen is found in its
  // box and the pad is held, bar the once-a-second refresh.
  int full = 0, held = 0;
  for (const TrackedFrame& f : s.results) full += f.searchedFullFrame, held += f.padHeld;
  EXPECT_LE(full, 3);
  EXPECT_GE(held, 0.9 * s.frames);
  EXPECT_LT(s.reprojectionP50_px, 0.3);

  training::TechniqueReport truth = report(truthTrack(s, 0.75)), tracked = report(trackedTrack(s, 0.75));
  ASSERT_GT(truth.punctures, 1000u);
  EXPECT_NEAR(double(tracked.punctures), double(truth.punctures), 0.05 * truth.punctures);
  EXPECT_NEAR(tracked.angleMean_deg, truth.angleMean_deg, 1.5);
  std::printf("punctures %llu tracked vs %llu true; mean angle %.2f° vs %.2f°\n", tracked.punctures, truth.punctures,
              tracked.angleMean_deg, truth.angleMean_deg);
}

TEST(Tracking, MotionBlurAndSensorNoise) {
  SessionSetup setup;
  setup.firstFrame = 30, setup.maxFrames = 180;  // the first glide, the taps, the second glide
  setup.exposureSamples = 3;       // the shutter open half a frame: taps smear by ~1 mm
  setup.render.blurSigma_px = 1.0;  // soft focus
  setup.render.noiseSigma = 5.0;    // a webcam indoors
  SessionScore s = runSession(test::shippedConfig(), setup);
  expectTargets(s, 0.90, 1.5, 3.0, 1.5, 0.95);
}

TEST(Tracking, FingerOverTheSleeve) {
  SessionSetup setup;
  setup.firstFrame = 140;  // the tilted glides, where the finger hides the most
  setup.render.finger = true;
  SessionScore s = runSession(test::shippedConfig(), setup);
  expectTargets(s, 0.90, 1.5, 3.0, 1.5, 0.95);
}

// The pen vanishes mid-glide (out of view, as when a hand covers it all): no
// sample, contact false at once, never a phantom puncture; back, it is tracked again.
TEST(Tracking, LostPenIsOffTheSkin) {
  TrackerConfig config = test::shippedConfig();
  SyntheticRenderer r = createRenderer(config.pen, config.pad, config.camera);
  Tracker t = createTracker(config);
  cv::Matx44d camera = padToCamera(450, 45);
  RenderOptions o;
  std::vector<bool> tracked, contact;
  for (int i = 0; i < 30; ++i) {
    bool gone = i >= 12 && i < 20;
    cv::Matx44d pose = penPose({-3.0 + 0.2 * i, 0, 0}, 5, 0, 10.0 * i);
    if (gone) pose = penPose({0, 2000, 0}, 0, 0, 0);  // far behind the camera's view
    TrackedFrame f = trackFrame(t, renderFrame(r, camera, {pose}, o), i / 30.0);
    tracked.push_back(f.tracked), contact.push_back(f.sample.contact);
  }
  for (int i = 0; i < 30; ++i) {
    bool gone = i >= 12 && i < 20;
    EXPECT_EQ(tracked[i], !gone) << i;
    EXPECT_EQ(contact[i], !gone) << i;  // on the skin throughout, but for the gap
  }
  // A frame of another size than the intrinsics' is a lost frame, not a pose.
  TrackedFrame odd = trackFrame(t, cv::Mat(480, 640, CV_8UC1, cv::Scalar(128)), 1.0);
  EXPECT_FALSE(odd.tracked);
  EXPECT_FALSE(odd.sample.contact);
  destroyTracker(t);
  destroyRenderer(r);
}

// A bumped camera moves every pad edge: the held pad is let go and found again,
// and the tip stays right in the new view.
TEST(Tracking, BumpedCameraFindsThePadAgain) {
  TrackerConfig config = test::shippedConfig();
  SyntheticRenderer r = createRenderer(config.pen, config.pad, config.camera);
  Tracker t = createTracker(config);
  RenderOptions o;
  cv::Matx44d pen = penPose({1, 2, 4}, 8, 30, 20);
  for (int i = 0; i < 16; ++i) {
    cv::Matx44d camera = padToCamera(i < 8 ? 450 : 452, i < 8 ? 45 : 45.4);
    TrackedFrame f = trackFrame(t, renderFrame(r, camera, {pen}, o), i / 30.0);
    ASSERT_TRUE(f.tracked) << i;
    if (i >= 2 && i < 8) {
      EXPECT_TRUE(f.padHeld) << i;
    }
    if (i == 8) {
      EXPECT_FALSE(f.padHeld);  // the edges moved
    }
    if (i >= 8) {
      EXPECT_LT(glm::length(f.rawTip_mm - glm::dvec3(1, 2, 4)), 1.5) << i;
    }
  }
  destroyTracker(t);
  destroyRenderer(r);
}

// Video unlike the one the targets were set on: a webcam's lens (barrel distortion,
// known to the tracker as a calibration gives it), uneven light, a tone curve other
// than the 2.2 the tracker undoes (1.8), MJPEG compression, more blur and noise, at the corners of the set-up product.md allows the user
// (30–60 cm away, looking down 30–60° from vertical). Every fifth frame of the
// session, so the tracker also finds the pen again after larger moves.
TEST(Tracking, AWebcamsFaultsAcrossTheSetUpsItIsUsedIn) {
  TrackerConfig config = test::shippedConfig();
  config.camera.dist = {-0.12, 0.09, 0.001, -0.0015, -0.02};  // a typical wide webcam lens
  struct SetUp { double distance_mm, elevation_deg; };
  for (SetUp u : {SetUp{300, 30}, SetUp{300, 60}, SetUp{450, 30}, SetUp{450, 60}, SetUp{600, 30}}) {
    SessionSetup setup;
    setup.distance_mm = u.distance_mm, setup.elevation_deg = u.elevation_deg;
    setup.render.lensDistortion = true;
    setup.render.vignetting = 0.35, setup.render.lightGradient = 0.3, setup.render.gamma = 1.8;
    setup.render.jpegQuality = 75;
    setup.render.noiseSigma = 2.5, setup.render.blurSigma_px = 0.9;
    setup.frameStep = 5, setup.maxFrames = 60;
    SessionScore s = runSession(config, setup);
    SCOPED_TRACE(std::to_string(int(u.distance_mm)) + " mm, " + std::to_string(int(u.elevation_deg)) + " deg");
    std::printf("%3.0f mm %2.0f deg: ", u.distance_mm, u.elevation_deg);
    if (u.distance_mm <= 450) {
      expectTargets(s, 0.9, 1.5, 3.0, 1.5, 0.85);
      continue;
    }
    // Beyond what the guide asks (50 cm) the pen may be lost, but a pose found is
    // never a flipped one: a tip centimetres off would needle where the pen is not.
    std::printf("tracked %.1f %%\n", 100 * s.trackedFraction);
    for (int i = 0; i < s.frames; ++i)
      if (s.results[i].tracked) EXPECT_LT(glm::length(s.results[i].rawTip_mm - s.truth[i].tip_mm), 10.0) << "frame " << i;
  }
}
