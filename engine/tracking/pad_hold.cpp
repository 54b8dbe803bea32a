#include "tracking/pad_hold.h"

#include <algorithm>
#include <cmath>

#include <opencv2/calib3d.hpp>

namespace ns::tracking {
namespace {

constexpr float kMinContrast = 30.0f;  // grey levels between black border and white rim
constexpr double kMovedEdge = 0.1;     // of the contrast: ~0.25 px of edge motion at 1 px blur
constexpr double kMinVisible = 0.5;    // of the points: fewer seen, the pad is searched for

float bilinear(const cv::Mat& g, cv::Point2f p) {
  int x = static_cast<int>(std::floor(p.x)), y = static_cast<int>(std::floor(p.y));
  if (x < 0 || y < 0 || x + 1 >= g.cols || y + 1 >= g.rows) return NAN;
  float fx = p.x - x, fy = p.y - y;
  const uint8_t* r0 = g.ptr<uint8_t>(y) + x;
  const uint8_t* r1 = g.ptr<uint8_t>(y + 1) + x;
  return (1 - fy) * ((1 - fx) * r0[0] + fx * r0[1]) + fy * ((1 - fx) * r1[0] + fx * r1[1]);
}

// Where the edge sits between its two sides: 0 halfway, ±0.5 at either side; NaN
// without contrast (covered, or off the image).
float edgePlace(const cv::Mat& g, cv::Point2f in, cv::Point2f on, cv::Point2f out) {
  float a = bilinear(g, in), m = bilinear(g, on), b = bilinear(g, out);
  if (std::isnan(a) || std::isnan(m) || std::isnan(b) || b - a < kMinContrast) return NAN;
  return (m - 0.5f * (a + b)) / (b - a);
}

}  // namespace

void armPadHold(PadHold& hold, const Rig& pad, const RigPose& pose, const Intrinsics& k, const cv::Mat& grey) {
  hold = {};
  cv::Matx44d T = poseMatrix(pose);
  for (const RigTag& tag : pad.tags) {
    glm::dvec3 n = tagNormal(tag), c0 = tag.corners_mm[0];
    cv::Vec4d nc = T * cv::Vec4d(n.x, n.y, n.z, 0), pc = T * cv::Vec4d(c0.x, c0.y, c0.z, 1);
    if (nc[0] * pc[0] + nc[1] * pc[1] + nc[2] * pc[2] >= 0) continue;
    std::vector<cv::Point3d> obj;
    for (const glm::dvec3& c : blackCorners(tag)) obj.emplace_back(c.x, c.y, c.z);
    std::vector<cv::Point2d> img;
    cv::projectPoints(obj, pose.rvec, pose.tvec, cameraMatrix(k), distCoeffs(k), img);
    cv::Point2d centre = (img[0] + img[1] + img[2] + img[3]) * 0.25;
    for (int e = 0; e < 4; ++e) {
      cv::Point2d a = img[e], b = img[(e + 1) % 4], d = b - a;
      double len = cv::norm(d), cell = len / kTagBorderCells;
      if (cell < 2.0) continue;  // too small to read an edge's place
      cv::Point2d nrm(-d.y / len, d.x / len);
      if (nrm.dot((a + b) * 0.5 - centre) < 0) nrm = -nrm;  // outward
      for (double s : {0.25, 0.5, 0.75}) {
        cv::Point2d p = a + d * s;
        hold.inside.emplace_back(p - nrm * (0.5 * cell));
        hold.edge.emplace_back(p);
        hold.outside.emplace_back(p + nrm * (0.5 * cell));
        hold.reference.push_back(edgePlace(grey, hold.inside.back(), hold.edge.back(), hold.outside.back()));
      }
    }
  }
  hold.armed = !hold.edge.empty();
}

bool padStill(PadHold& hold, const cv::Mat& grey) {
  if (!hold.armed) return false;
  std::vector<double> moved;
  for (size_t i = 0; i < hold.edge.size(); ++i) {
    if (std::isnan(hold.reference[i])) continue;
    float now = edgePlace(grey, hold.inside[i], hold.edge[i], hold.outside[i]);
    if (!std::isnan(now)) moved.push_back(std::fabs(now - hold.reference[i]));
  }
  if (moved.size() < kMinVisible * hold.edge.size()) return false;
  // The 75th percentile: an edge shift along x leaves the horizontal half of the
  // edges as they were, and a pen over a tag spoils a few points of it.
  auto q = moved.begin() + static_cast<long>(0.75 * (moved.size() - 1));
  std::nth_element(moved.begin(), q, moved.end());
  bool still = *q <= kMovedEdge;
  if (still) ++hold.framesHeld;
  return still;
}

}  // namespace ns::tracking
