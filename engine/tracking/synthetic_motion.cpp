#include "tracking/synthetic_motion.h"

#include <algorithm>
#include <cmath>

namespace ns::tracking {
namespace {

struct Waypoint {
  double t, x, y, z, tilt, azimuth, roll;
};

// The script. Glides hold z = 0 (contact); taps go 6 mm up and down at 2 Hz.
std::vector<Waypoint> script() {
  std::vector<Waypoint> w = {
      {0.0, -30, -20, 45, 20, 200, 0},  {1.0, -4, -4, 4, 5, 90, 20},   {1.25, -4, -4, 0, 5, 90, 25},
      {2.55, 4, -4, 0, 5, 90, 60},      {2.8, 4, -4, 8, 5, 90, 60},    {3.1, 0, 0, 6, 0, 0, 60},
  };
  for (int i = 0; i < 3; ++i) {
    double t0 = 3.1 + 0.5 * i;
    w.push_back({t0 + 0.12, 0, 0, 0, 0, 0, 60});
    w.push_back({t0 + 0.27, 0, 0, 0, 0, 0, 60});
    w.push_back({t0 + 0.39, 0, 0, 6, 0, 0, 60});
    w.push_back({t0 + 0.5, 0, 0, 6, 0, 0, 60});
  }
  std::vector<Waypoint> rest = {
      {4.9, -4, 4, 3, 12, 0, 90},    {5.1, -4, 4, 0, 12, 0, 100},  {6.4, 4, 4, 0, 12, 0, 150},
      {6.7, 4, 4, 10, 12, 0, 150},   {7.2, 4, -3, 4, 15, 45, 170}, {7.4, 4, -3, 0, 15, 45, 180},
      {8.6, -4, 3, 0, 15, 45, 230},  {8.9, -4, 3, 12, 15, 45, 230}, {10.0, -20, 10, 40, 10, 180, 240},
  };
  w.insert(w.end(), rest.begin(), rest.end());
  return w;
}

double ease(double s) { return s * s * (3 - 2 * s); }

cv::Matx33d rotZ(double a) { return {std::cos(a), -std::sin(a), 0, std::sin(a), std::cos(a), 0, 0, 0, 1}; }
cv::Matx33d rotY(double a) { return {std::cos(a), 0, std::sin(a), 0, 1, 0, -std::sin(a), 0, std::cos(a)}; }

}  // namespace

cv::Matx44d penPose(glm::dvec3 tip, double tilt_deg, double azimuth_deg, double roll_deg) {
  const double d = M_PI / 180.0;
  // Tilt about the axis perpendicular to the azimuth: Rz(az) · Ry(tilt) · Rz(−az), then roll.
  cv::Matx33d R = rotZ(azimuth_deg * d) * rotY(tilt_deg * d) * rotZ(-azimuth_deg * d) * rotZ(roll_deg * d);
  return {R(0, 0), R(0, 1), R(0, 2), tip.x, R(1, 0), R(1, 1), R(1, 2), tip.y, R(2, 0), R(2, 1), R(2, 2), tip.z, 0, 0, 0, 1};
}

double sessionLength_s() { return script().back().t; }

TruthFrame sessionPose(double t_s) {
  static const std::vector<Waypoint> w = script();
  t_s = std::clamp(t_s, 0.0, w.back().t);
  size_t i = 0;
  while (i + 2 < w.size() && w[i + 1].t <= t_s) ++i;
  const Waypoint &a = w[i], &b = w[i + 1];
  double s = (t_s - a.t) / (b.t - a.t);
  // Glides on the skin move at an even pace; a landing arrives with speed (a hand
  // does not slow the pen to rest before the skin stops it) and a lift leaves with
  // it; everything else eases in and out.
  double e = ease(s);
  if (a.z == 0 && b.z == 0) e = s;
  else if (b.z == 0) e = s * s;
  else if (a.z == 0) e = 1 - (1 - s) * (1 - s);
  auto mix = [&](double u, double v) { return u + (v - u) * e; };
  TruthFrame f;
  f.t_s = t_s;
  glm::dvec3 tip(mix(a.x, b.x), mix(a.y, b.y), mix(a.z, b.z));
  f.penToPad = penPose(tip, mix(a.tilt, b.tilt), mix(a.azimuth, b.azimuth), mix(a.roll, b.roll));
  f.tip_mm = tip;
  f.dir = -glm::dvec3(f.penToPad(0, 2), f.penToPad(1, 2), f.penToPad(2, 2));
  f.contact = tip.z <= 1e-9;
  return f;
}

std::vector<TruthFrame> sessionFrames(double fps) {
  std::vector<TruthFrame> frames;
  int n = static_cast<int>(std::floor(sessionLength_s() * fps)) + 1;
  for (int i = 0; i < n; ++i) frames.push_back(sessionPose(i / fps));
  return frames;
}

cv::Matx44d padToCamera(double distance_mm, double elevation_deg) {
  double e = elevation_deg * M_PI / 180.0;
  cv::Vec3d eye(0, -distance_mm * std::sin(e), distance_mm * std::cos(e));
  cv::Vec3d z = -eye * (1.0 / cv::norm(eye)), x(1, 0, 0), y = z.cross(x);
  // Rows: the camera's axes in pad coordinates; t = −R · eye.
  cv::Matx33d R(x[0], x[1], x[2], y[0], y[1], y[2], z[0], z[1], z[2]);
  cv::Vec3d t = -(R * eye);
  return {R(0, 0), R(0, 1), R(0, 2), t[0], R(1, 0), R(1, 1), R(1, 2), t[1], R(2, 0), R(2, 1), R(2, 2), t[2], 0, 0, 0, 1};
}

Intrinsics syntheticCamera() { return Intrinsics{1280, 720, 920, 920, 640, 360, {0, 0, 0, 0, 0}, 0}; }

}  // namespace ns::tracking
