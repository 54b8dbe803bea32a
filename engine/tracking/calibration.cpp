#include "tracking/calibration.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <opencv2/calib3d.hpp>
#include <opencv2/imgproc.hpp>

namespace ns::tracking {
namespace {

constexpr int kCoverCols = kCoverageCols, kCoverRows = kCoverageRows;

int coverCell(const Calibration& c, cv::Point2f p) {
  int col = std::clamp(int(p.x * kCoverCols / c.width), 0, kCoverCols - 1);
  int row = std::clamp(int(p.y * kCoverRows / c.height), 0, kCoverRows - 1);
  return row * kCoverCols + col;
}

// The board's normal as the camera sees it, from a homography-free guess: the image
// quad of the corners' spread. Enough to tell views apart (not to measure anything).
cv::Vec3d roughNormal(const std::vector<cv::Point3f>& board, const std::vector<cv::Point2f>& image, int width) {
  // A nominal camera (fx = width): the planar pose by IPPE on all corners.
  cv::Matx33d k(double(width), 0, width / 2.0, 0, double(width), width * 0.28, 0, 0, 1);
  cv::Vec3d rvec, tvec;
  if (!cv::solvePnP(board, image, k, cv::noArray(), rvec, tvec, false, cv::SOLVEPNP_IPPE)) return {0, 0, 1};
  cv::Matx33d r;
  cv::Rodrigues(rvec, r);
  return {r(0, 2), r(1, 2), r(2, 2)};
}

}  // namespace

Calibration createCalibration(const Rig& board, int width, int height, const CalibrationLimits& limits) {
  Calibration c;
  c.board = board, c.width = width, c.height = height, c.limits = limits;
  c.detector = createDetector(1);
  c.coverage.assign(kCoverCols * kCoverRows, 0);
  return c;
}

void destroyCalibration(Calibration& c) { destroyDetector(c.detector); }

bool addCalibrationFrame(Calibration& c, const cv::Mat& image) {
  c.frames++;
  cv::Mat grey;
  toLinearGrey(image, kWebcamToneGamma, grey);
  std::vector<TagDetection> tags = detectTags(c.detector, grey, {0, 0, grey.cols, grey.rows}, 1.0f);
  CalibrationView v;
  c.lastTags.clear();
  for (const TagDetection& t : tags) {
    int i = findTag(c.board, t.id);
    if (i < 0) continue;
    c.lastTags.push_back(t.corners);
    std::array<glm::dvec3, 4> corners = blackCorners(c.board.tags[size_t(i)]);
    for (int k = 0; k < 4; ++k) {
      v.board.emplace_back(float(corners[size_t(k)].x), float(corners[size_t(k)].y), float(corners[size_t(k)].z));
      v.image.push_back(t.corners[size_t(k)]);
    }
  }
  if (int(v.board.size()) < 4 * c.limits.minTags) return false;
  c.framesWithBoard++;
  cv::Point2f sum(0, 0);
  for (const cv::Point2f& p : v.image) sum += p;
  v.centre = sum * (1.0f / float(v.image.size()));
  v.normalDir = roughNormal(v.board, v.image, c.width);
  double diag = std::hypot(double(c.width), double(c.height));
  for (const CalibrationView& old : c.views) {
    double angle = std::acos(std::clamp(old.normalDir.dot(v.normalDir), -1.0, 1.0)) * 180.0 / M_PI;
    double shift = cv::norm(old.centre - v.centre) / diag;
    if (angle < c.limits.newViewDeg && shift < c.limits.newViewShift) return false;  // seen like this already
  }
  if (int(c.views.size()) >= c.limits.maxViews) return false;
  for (const cv::Point2f& p : v.image) c.coverage[size_t(coverCell(c, p))]++;
  c.views.push_back(std::move(v));
  return true;
}

double calibrationCoverage(const Calibration& c) {
  if (c.coverage.empty()) return 0;
  long hit = std::count_if(c.coverage.begin(), c.coverage.end(), [](int n) { return n > 0; });
  return double(hit) / double(c.coverage.size());
}

CalibrationResult solveCalibration(const Calibration& c) {
  CalibrationResult r;
  char text[200];
  if (int(c.views.size()) < c.limits.minViews) {
    std::snprintf(text, sizeof text, "only %zu views of the board (at least %d: tilt it and move it around the image)",
                  c.views.size(), c.limits.minViews);
    r.problem = text;
    return r;
  }
  double coverage = calibrationCoverage(c);
  if (coverage < c.limits.minCoverage) {
    std::snprintf(text, sizeof text, "the board covered %.0f %% of the image (at least %.0f %%: show it near the edges and corners too)",
                  100 * coverage, 100 * c.limits.minCoverage);
    r.problem = text;
    return r;
  }
  std::vector<std::vector<cv::Point3f>> objectPoints;
  std::vector<std::vector<cv::Point2f>> imagePoints;
  for (const CalibrationView& v : c.views) {
    objectPoints.push_back(v.board);
    imagePoints.push_back(v.image);
  }
  cv::Mat k = (cv::Mat_<double>(3, 3) << c.width, 0, c.width / 2.0, 0, c.width, c.height / 2.0, 0, 0, 1), dist;
  std::vector<cv::Mat> rvecs, tvecs;
  double rms = cv::calibrateCamera(objectPoints, imagePoints, cv::Size(c.width, c.height), k, dist, rvecs, tvecs,
                                   cv::CALIB_USE_INTRINSIC_GUESS,
                                   cv::TermCriteria(cv::TermCriteria::COUNT + cv::TermCriteria::EPS, 100, 1e-9));
  Intrinsics& in = r.intrinsics;
  in.width = c.width, in.height = c.height;
  in.fx = k.at<double>(0, 0), in.fy = k.at<double>(1, 1), in.cx = k.at<double>(0, 2), in.cy = k.at<double>(1, 2);
  for (int i = 0; i < 5 && i < int(dist.total()); ++i) in.dist[size_t(i)] = dist.at<double>(i);
  in.rms_px = rms;
  if (!std::isfinite(rms) || rms > c.limits.maxRms_px) {
    std::snprintf(text, sizeof text, "the re-projection error is %.2f px (at most %.1f: hold the board still and flat, in focus)",
                  rms, c.limits.maxRms_px);
    r.problem = text;
    return r;
  }
  // A webcam sees 40-120 degrees across: fx between a quarter and twice the width.
  if (!(in.fx > 0.25 * c.width && in.fx < 2.5 * c.width && std::abs(in.fx / in.fy - 1) < 0.1 && in.cx > 0 &&
        in.cx < c.width && in.cy > 0 && in.cy < c.height)) {
    std::snprintf(text, sizeof text, "the result is not a webcam's (fx %.0f, fy %.0f, centre %.0f, %.0f px): try again with more views",
                  in.fx, in.fy, in.cx, in.cy);
    r.problem = text;
    return r;
  }
  r.ok = true;
  return r;
}

}  // namespace ns::tracking
