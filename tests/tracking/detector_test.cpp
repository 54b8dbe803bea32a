// AprilTag on a rendered frame: every pad tag found, corners in the rig's order and
// in OpenCV's pixel convention, to a fraction of a pixel; a box finds only what is in it.
#include <gtest/gtest.h>

#include "support.h"
#include "tracking/detector.h"
#include "tracking/synthetic.h"

using namespace ns::tracking;

TEST(Detector, CornersInTheRigsOrderToAFractionOfAPixel) {
  TrackerConfig config = test::shippedConfig();
  SyntheticRenderer r = createRenderer(config.pen, config.pad, config.camera);
  cv::Matx44d camera = padToCamera(450, 45);
  cv::Matx44d pen = penPose({0, 0, 5}, 0, 0, 0);
  cv::Mat toned = renderFrame(r, camera, {pen}, RenderOptions{0.7, 0.0, false, false});  // as a webcam sends it
  cv::Mat frame;
  toLinearGrey(toned, kWebcamToneGamma, frame);  // as the tracker reads it
  Detector d = createDetector(1);
  std::vector<TagDetection> tags = detectTags(d, frame, {0, 0, frame.cols, frame.rows}, 1.0f);
  int pad = 0;
  double worst[2] = {0, 0};  // pad, pen
  for (const TagDetection& t : tags) {
    bool onPen = findTag(config.pen, t.id) >= 0;
    const Rig& rig = onPen ? config.pen : config.pad;
    ASSERT_GE(findTag(rig, t.id), 0) << "a tag that is on no rig: " << t.id;
    pad += !onPen;
    auto corners = blackCorners(rig.tags[findTag(rig, t.id)]);
    cv::Matx44d T = onPen ? camera * pen : camera;
    for (int k = 0; k < 4; ++k) {
      cv::Vec4d c = T * cv::Vec4d(corners[k].x, corners[k].y, corners[k].z, 1);
      cv::Point2d expected(920 * c[0] / c[2] + 640, 920 * c[1] / c[2] + 360);
      worst[onPen] = std::max(worst[onPen], cv::norm(cv::Point2d(t.corners[k]) - expected));
    }
  }
  EXPECT_GE(pad, 11);  // the pen's shaft may hide the one behind it
  // The pad's 70 px tags to a third of a pixel; the pen's 30 px ones, seen at a slant, to under a pixel.
  EXPECT_LT(worst[0], 0.35);
  EXPECT_LT(worst[1], 0.8);
  std::printf("worst corner: pad %.2f px, pen %.2f px\n", worst[0], worst[1]);
  // A box around the left half finds only the tags there.
  for (const TagDetection& t : detectTags(d, frame, {0, 0, 500, 720}, 1.0f))
    for (const cv::Point2f& p : t.corners) EXPECT_LT(p.x, 500);
  destroyDetector(d);
  destroyRenderer(r);
}
