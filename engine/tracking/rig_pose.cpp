#include "tracking/rig_pose.h"

#include <algorithm>
#include <cmath>

#include <opencv2/calib3d.hpp>
#include <opencv2/imgproc.hpp>

namespace ns::tracking {
namespace {

struct Correspondences {
  std::vector<cv::Point3d> object;
  std::vector<cv::Point2d> image;
  std::vector<int> tagOf;  // index into the detections, per point
};

Correspondences gather(const Rig& rig, const std::vector<TagDetection>& tags, const std::vector<bool>& use) {
  Correspondences c;
  for (size_t i = 0; i < tags.size(); ++i) {
    int r = findTag(rig, tags[i].id);
    if (r < 0 || !use[i]) continue;
    auto corners = blackCorners(rig.tags[r]);
    for (int k = 0; k < 4; ++k) {
      c.object.emplace_back(corners[k].x, corners[k].y, corners[k].z);
      c.image.emplace_back(tags[i].corners[k].x, tags[i].corners[k].y);
      c.tagOf.push_back(static_cast<int>(i));
    }
  }
  return c;
}

std::vector<double> errors(const Correspondences& c, const cv::Vec3d& rvec, const cv::Vec3d& tvec, const Intrinsics& k) {
  std::vector<cv::Point2d> projected;
  cv::projectPoints(c.object, rvec, tvec, cameraMatrix(k), distCoeffs(k), projected);
  std::vector<double> e(c.object.size());
  for (size_t i = 0; i < e.size(); ++i) e[i] = cv::norm(projected[i] - c.image[i]);
  return e;
}

double rms(const std::vector<double>& e) {
  double s = 0;
  for (double v : e) s += v * v;
  return e.empty() ? 1e9 : std::sqrt(s / e.size());
}

// No prior: SQPnP's global minimum over all corners, and each tag's two IPPE
// solutions (a single square's flip), are candidates; the one that explains all the
// corners best wins. (One tag's pose alone is too rough a start: from 450 mm, a
// 30 mm tag's IPPE pose can put the far side of the pad 200 px off.)
bool initialPose(const Correspondences& c, const Intrinsics& k, cv::Vec3d& rvec, cv::Vec3d& tvec) {
  double best = 1e18;
  auto consider = [&](const cv::Vec3d& r, const cv::Vec3d& t) {
    if (t[2] <= 0) return;
    double e = rms(errors(c, r, t, k));
    if (e < best) best = e, rvec = r, tvec = t;
  };
  std::vector<cv::Mat> rvecs, tvecs;
  try {
    cv::solvePnPGeneric(c.object, c.image, cameraMatrix(k), distCoeffs(k), rvecs, tvecs, false, cv::SOLVEPNP_SQPNP);
  } catch (const cv::Exception&) {
  }
  for (size_t s = 0; s < rvecs.size(); ++s) consider(cv::Vec3d(rvecs[s]), cv::Vec3d(tvecs[s]));
  for (size_t p = 0; p + 3 < c.object.size() && p < 12; p += 4) {
    std::vector<cv::Point3d> obj(c.object.begin() + p, c.object.begin() + p + 4);
    std::vector<cv::Point2d> img(c.image.begin() + p, c.image.begin() + p + 4);
    try {
      cv::solvePnPGeneric(obj, img, cameraMatrix(k), distCoeffs(k), rvecs, tvecs, false, cv::SOLVEPNP_IPPE);
    } catch (const cv::Exception&) {
      continue;
    }
    for (size_t s = 0; s < rvecs.size(); ++s) consider(cv::Vec3d(rvecs[s]), cv::Vec3d(tvecs[s]));
  }
  return best < 1e17;
}

void refine(const Correspondences& c, const Intrinsics& k, cv::Vec3d& rvec, cv::Vec3d& tvec) {
  cv::Mat r(rvec), t(tvec);
  cv::solvePnPRefineLM(c.object, c.image, cameraMatrix(k), distCoeffs(k), r, t,
                       cv::TermCriteria(cv::TermCriteria::EPS + cv::TermCriteria::COUNT, 30, 1e-8));
  rvec = cv::Vec3d(r), tvec = cv::Vec3d(t);
}

// The tag whose corners disagree most, when it disagrees by more than the options
// allow; −1 when all agree.
int worstTag(const Correspondences& c, const std::vector<double>& e, size_t ndet, const PoseOptions& o) {
  std::vector<double> sum(ndet, 0), n(ndet, 0);
  for (size_t i = 0; i < e.size(); ++i) sum[c.tagOf[i]] += e[i], n[c.tagOf[i]] += 1;
  std::vector<double> means;
  int worst = -1;
  double worstErr = 0;
  for (size_t i = 0; i < ndet; ++i) {
    if (n[i] == 0) continue;
    double m = sum[i] / n[i];
    means.push_back(m);
    if (m > worstErr) worstErr = m, worst = static_cast<int>(i);
  }
  if (means.size() < 2) return -1;
  std::nth_element(means.begin(), means.begin() + means.size() / 2, means.end());
  double median = means[means.size() / 2];
  return worstErr > std::max(o.outlierTag_px, 3.0 * median) ? worst : -1;
}

// One square seen small has two poses that explain its corners almost equally (the
// flip IPPE returns second); picking the slightly better one puts the pen's tip
// centimetres off half the time. Measured at 60 cm / 30° on 720p webcam-like video:
// four frames 60 mm off, each a single tag without a prior. Such a start is taken
// only when the flip explains the corners clearly worse.
bool singleTagAmbiguous(const Correspondences& c, const Intrinsics& k, const PoseOptions& o) {
  std::vector<cv::Mat> rvecs, tvecs;
  try {
    cv::solvePnPGeneric(c.object, c.image, cameraMatrix(k), distCoeffs(k), rvecs, tvecs, false, cv::SOLVEPNP_IPPE);
  } catch (const cv::Exception&) {
    return true;
  }
  if (rvecs.size() < 2) return false;
  double a = rms(errors(c, cv::Vec3d(rvecs[0]), cv::Vec3d(tvecs[0]), k));
  double b = rms(errors(c, cv::Vec3d(rvecs[1]), cv::Vec3d(tvecs[1]), k));
  return std::max(a, b) < o.flipRatio * std::max(std::min(a, b), 0.05);
}

}  // namespace

RigPose solveRigPose(const Rig& rig, const std::vector<TagDetection>& tags, const Intrinsics& k, const RigPose* prior,
                     const PoseOptions& options) {
  std::vector<bool> use(tags.size(), true);
  RigPose pose;
  for (int round = 0; round < 3; ++round) {
    Correspondences c = gather(rig, tags, use);
    if (c.object.empty()) return {};
    cv::Vec3d rvec, tvec;
    bool started = false;
    if (prior && prior->found) {
      rvec = prior->rvec, tvec = prior->tvec;
      refine(c, k, rvec, tvec);
      started = rms(errors(c, rvec, tvec, k)) < options.maxRms_px;
    }
    if (!started) {
      if (c.object.size() == 4 && singleTagAmbiguous(c, k, options)) return {};
      if (!initialPose(c, k, rvec, tvec)) return {};
      refine(c, k, rvec, tvec);
    }
    std::vector<double> e = errors(c, rvec, tvec, k);
    pose = {true, rvec, tvec, rms(e), static_cast<int>(c.object.size() / 4)};
    int worst = worstTag(c, e, tags.size(), options);
    if (worst < 0) break;
    use[worst] = false;
  }
  if (pose.rms_px > options.maxRms_px || pose.tvec[2] <= 0) return {};
  return pose;
}

RigPose solveRigPosePlain(const Rig& rig, const std::vector<TagDetection>& tags, const Intrinsics& k) {
  Correspondences c = gather(rig, tags, std::vector<bool>(tags.size(), true));
  if (c.object.size() < 4) return {};
  cv::Mat r, t;
  if (!cv::solvePnP(c.object, c.image, cameraMatrix(k), distCoeffs(k), r, t, false, cv::SOLVEPNP_ITERATIVE)) return {};
  RigPose pose{true, cv::Vec3d(r), cv::Vec3d(t), 0, static_cast<int>(c.object.size() / 4)};
  pose.rms_px = rms(errors(c, pose.rvec, pose.tvec, k));
  return pose;
}

cv::Matx44d poseMatrix(const RigPose& pose) {
  cv::Matx33d R;
  cv::Rodrigues(pose.rvec, R);
  return {R(0, 0), R(0, 1), R(0, 2), pose.tvec[0], R(1, 0), R(1, 1), R(1, 2), pose.tvec[1],
          R(2, 0), R(2, 1), R(2, 2), pose.tvec[2], 0,       0,       0,       1};
}

cv::Rect projectedBox(const Rig& rig, const RigPose& pose, const Intrinsics& k, double margin, int pad_px) {
  cv::Matx44d T = poseMatrix(pose);
  cv::Matx33d R = T.get_minor<3, 3>(0, 0);
  cv::Vec3d t(T(0, 3), T(1, 3), T(2, 3));
  std::vector<cv::Point3d> pts;
  for (const RigTag& tag : rig.tags) {
    glm::dvec3 n = tagNormal(tag), c0 = tag.corners_mm[0];
    cv::Vec3d nc = R * cv::Vec3d(n.x, n.y, n.z), pc = R * cv::Vec3d(c0.x, c0.y, c0.z) + t;
    if (nc.dot(pc) >= 0) continue;  // faces away from the camera
    for (const glm::dvec3& p : tag.corners_mm) pts.emplace_back(p.x, p.y, p.z);
  }
  if (pts.empty()) return {};
  std::vector<cv::Point2d> img;
  cv::projectPoints(pts, pose.rvec, pose.tvec, cameraMatrix(k), distCoeffs(k), img);
  cv::Rect2d box = cv::boundingRect(std::vector<cv::Point2f>(img.begin(), img.end()));
  double grow = margin * std::max(box.width, box.height) + pad_px;
  cv::Rect r(cvFloor(box.x - grow), cvFloor(box.y - grow), cvCeil(box.width + 2 * grow), cvCeil(box.height + 2 * grow));
  return r & cv::Rect(0, 0, k.width, k.height);
}

}  // namespace ns::tracking
