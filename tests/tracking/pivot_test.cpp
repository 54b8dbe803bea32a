// Tip calibration by pivoting: exact on exact poses, the tip of the shipped sleeve
// found from tracked rendered video of a pen turned about its tip, and refusals.
#include <gtest/gtest.h>

#include <random>

#include <opencv2/calib3d.hpp>

#include "support.h"
#include "tracking/pivot.h"
#include "tracking/synthetic.h"

using namespace ns::tracking;

TEST(Pivot, RecoversTheTipAndThePivot) {
  std::vector<cv::Matx44d> poses;
  glm::dvec3 tip(0.4, -0.3, 1.5), pivot(10, -20, 3);
  for (int i = 0; i < 40; ++i) {
    cv::Matx44d p = penPose({0, 0, 0}, 5 + 25 * (i % 5) / 4.0, 37.0 * i, 11.0 * i);
    // Place the rig so that its `tip` lands on the pivot.
    cv::Vec4d w = p * cv::Vec4d(tip.x, tip.y, tip.z, 0);
    for (int r = 0; r < 3; ++r) p(r, 3) = pivot[r] - w[r];
    poses.push_back(p);
  }
  PivotResult out;
  std::string error;
  ASSERT_TRUE(pivotCalibrate(poses, out, error)) << error;
  EXPECT_LT(glm::length(out.tip_mm - tip), 1e-6);
  EXPECT_LT(glm::length(out.pivot_mm - pivot), 1e-6);
  EXPECT_LT(out.residual_mm, 1e-6);
  EXPECT_GT(out.spread_deg, 40);
}

TEST(Pivot, OnTrackedVideoOfTheShippedPen) {
  TrackerConfig config = test::shippedConfig();
  config.filter = false;
  SyntheticRenderer r = createRenderer(config.pen, config.pad, config.camera);
  Tracker t = createTracker(config);
  cv::Matx44d camera = padToCamera(450, 45);
  std::vector<cv::Matx44d> poses;
  for (int i = 0; i < 40; ++i) {
    cv::Matx44d truth = penPose({5, -5, 0}, 10 + 15 * std::sin(i * 0.4), 9.0 * i, 4.0 * i);
    TrackedFrame f = trackFrame(t, renderFrame(r, camera, {truth}, RenderOptions{}), i / 30.0);
    if (f.tracked) poses.push_back(poseMatrix(t.pad).inv() * poseMatrix(t.pen));
  }
  ASSERT_GE(poses.size(), 38u);
  PivotResult out;
  std::string error;
  ASSERT_TRUE(pivotCalibrate(poses, out, error)) << error;
  // The sleeve's tip is its origin by design: the pivot finds it to a fraction of a mm.
  EXPECT_LT(glm::length(out.tip_mm), 0.6);
  EXPECT_LT(glm::length(out.pivot_mm - glm::dvec3(5, -5, 0)), 0.6);
  EXPECT_LT(out.residual_mm, 1.0);
  std::printf("pivot: tip (%.2f, %.2f, %.2f) mm, residual %.2f mm\n", out.tip_mm.x, out.tip_mm.y, out.tip_mm.z, out.residual_mm);
  destroyTracker(t);
  destroyRenderer(r);
}

TEST(Pivot, RefusesTooFewOrTooAlikePoses) {
  PivotResult out;
  std::string error;
  EXPECT_FALSE(pivotCalibrate(std::vector<cv::Matx44d>(5, penPose({0, 0, 0}, 10, 0, 0)), out, error));
  EXPECT_EQ(error, "pivot: expected at least 10 poses, got 5");
  std::vector<cv::Matx44d> still;
  for (int i = 0; i < 20; ++i) still.push_back(penPose({0, 0, 0}, 3, 10.0 * i, 0));
  EXPECT_FALSE(pivotCalibrate(still, out, error));
  EXPECT_NE(error.find("expected at least 20°"), std::string::npos) << error;
}
