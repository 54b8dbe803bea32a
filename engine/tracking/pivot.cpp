#include "tracking/pivot.h"

#include <algorithm>
#include <cmath>

namespace ns::tracking {

bool pivotCalibrate(const std::vector<cv::Matx44d>& poses, PivotResult& out, std::string& error) {
  if (poses.size() < 10) {
    error = "pivot: expected at least 10 poses, got " + std::to_string(poses.size());
    return false;
  }
  double spread = 0;
  for (size_t i = 0; i < poses.size(); ++i)
    for (size_t j = i + 1; j < poses.size(); ++j) {
      cv::Vec3d a(poses[i](0, 2), poses[i](1, 2), poses[i](2, 2)), b(poses[j](0, 2), poses[j](1, 2), poses[j](2, 2));
      spread = std::max(spread, std::acos(std::clamp(a.dot(b), -1.0, 1.0)) * 180.0 / M_PI);
    }
  if (spread < 20) {
    error = "pivot: the pen was turned by " + std::to_string(spread) + "° only, expected at least 20° (tilt it around the tip)";
    return false;
  }
  // [R_i  −I] · [tip; pivot] = −t_i
  cv::Mat A(static_cast<int>(3 * poses.size()), 6, CV_64F, cv::Scalar(0)), b(A.rows, 1, CV_64F);
  for (size_t i = 0; i < poses.size(); ++i)
    for (int r = 0; r < 3; ++r) {
      int row = static_cast<int>(3 * i) + r;
      for (int c = 0; c < 3; ++c) A.at<double>(row, c) = poses[i](r, c);
      A.at<double>(row, 3 + r) = -1;
      b.at<double>(row) = -poses[i](r, 3);
    }
  cv::Mat x;
  cv::solve(A, b, x, cv::DECOMP_SVD);
  out.tip_mm = {x.at<double>(0), x.at<double>(1), x.at<double>(2)};
  out.pivot_mm = {x.at<double>(3), x.at<double>(4), x.at<double>(5)};
  double sum = 0;
  for (const cv::Matx44d& p : poses) {
    cv::Vec4d w = p * cv::Vec4d(out.tip_mm.x, out.tip_mm.y, out.tip_mm.z, 1);
    glm::dvec3 d = glm::dvec3(w[0], w[1], w[2]) - out.pivot_mm;
    sum += glm::dot(d, d);
  }
  out.residual_mm = std::sqrt(sum / poses.size());
  out.spread_deg = spread;
  return true;
}

}  // namespace ns::tracking
