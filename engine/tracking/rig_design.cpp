#include "tracking/rig_design.h"

#include <cmath>
#include <cstdio>

namespace ns::tracking {
namespace {

// A square tag of side s centred at c on a face with outward normal `n`, the image's
// right along `right` and its top along `up` (n = right × up).
RigTag squareTag(int id, glm::dvec3 c, glm::dvec3 right, glm::dvec3 up, double s) {
  RigTag t;
  t.id = id;
  t.image = tagImageName(id);
  double h = s / 2;
  t.corners_mm = {c - right * h + up * h, c + right * h + up * h, c + right * h - up * h, c - right * h - up * h};
  return t;
}

}  // namespace

double penApothem_mm() { return kPenFace_mm * std::sqrt(3.0) / 2.0; }

std::string tagImageName(int id) {
  char name[64];
  std::snprintf(name, sizeof name, "tags/tag36h11_%05d.png", id);
  return name;
}

Rig shippedPenRig() {
  Rig rig;
  rig.name = "hex-sleeve-pen-16";
  int id = kPenFirstId;
  for (int ring = 0; ring < 2; ++ring) {
    for (int face = 0; face < 6; ++face) {
      // The second ring is turned by half a face, so where one ring shows a face
      // edge-on the other shows one head-on.
      double phi = (face + 0.5 * ring) * M_PI / 3.0;
      glm::dvec3 n(std::cos(phi), std::sin(phi), 0), up(0, 0, 1);
      glm::dvec3 right = glm::cross(up, n);  // so that right × up = n
      glm::dvec3 c = n * penApothem_mm() + up * kPenRingZ_mm[ring];
      rig.tags.push_back(squareTag(id++, c, right, up, kPenTag_mm));
    }
  }
  return rig;
}

Rig shippedPadRig(double thickness_mm, double pitch_mm) {
  Rig rig;
  rig.name = pitch_mm == kPadPitchA4_mm ? "a4-pad-sheet-36" : "letter-pad-sheet-36";
  int id = kPadFirstId;
  const double xs[5] = {-2 * pitch_mm, -pitch_mm, 0, pitch_mm, 2 * pitch_mm};
  // The image's top toward +y (away from a trainee seated at −y).
  glm::dvec3 right(1, 0, 0), up(0, 1, 0);
  for (double y : {80.0, -80.0})
    for (double x : xs) rig.tags.push_back(squareTag(id++, {x, y, -thickness_mm}, right, up, kPadTag_mm));
  for (double x : {xs[0], xs[4]}) rig.tags.push_back(squareTag(id++, {x, 0, -thickness_mm}, right, up, kPadTag_mm));
  return rig;
}

Rig shippedBoardRig() {
  Rig rig;
  rig.name = "calibration-board-24";
  int id = kBoardFirstId;
  glm::dvec3 right(1, 0, 0), up(0, 1, 0);
  for (int r = 0; r < kBoardRows; ++r)
    for (int c = 0; c < kBoardCols; ++c) {
      double x = (c - (kBoardCols - 1) / 2.0) * kBoardPitch_mm, y = ((kBoardRows - 1) / 2.0 - r) * kBoardPitch_mm;
      rig.tags.push_back(squareTag(id++, {x, y, 0.0}, right, up, kBoardTag_mm));
    }
  return rig;
}

}  // namespace ns::tracking
