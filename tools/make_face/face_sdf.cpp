#include "face_sdf.h"

#include <algorithm>
#include <cmath>

namespace ns::tools {
namespace {

float ellipsoid(glm::vec3 p, glm::vec3 centre, glm::vec3 radii) {
  // The usual bound-corrected ellipsoid distance (exact enough for meshing).
  glm::vec3 q = (p - centre) / radii;
  float k0 = glm::length(q), k1 = glm::length(q / radii);
  return k1 > 0 ? k0 * (k0 - 1.0f) / k1 : -glm::min(radii.x, glm::min(radii.y, radii.z));
}

float capsule(glm::vec3 p, glm::vec3 a, glm::vec3 b, float r) {
  glm::vec3 pa = p - a, ba = b - a;
  float h = glm::clamp(glm::dot(pa, ba) / glm::dot(ba, ba), 0.0f, 1.0f);
  return glm::length(pa - ba * h) - r;
}

float smoothUnion(float a, float b, float k) {
  float h = glm::clamp(0.5f + 0.5f * (b - a) / k, 0.0f, 1.0f);
  return glm::mix(b, a, h) - k * h * (1.0f - h);
}

float smoothSubtract(float a, float cut, float k) { return -smoothUnion(-a, cut, k); }

}  // namespace

float headDistance(glm::vec3 p) {
  float cranium = ellipsoid(p, {0, -12, 18}, {74, 92, 88});
  float face = ellipsoid(p, {0, 8, -22}, {62, 72, 78});
  float jaw = ellipsoid(p, {0, 14, -62}, {48, 50, 34});
  float d = smoothUnion(smoothUnion(cranium, face, 18), jaw, 16);
  float brow = capsule(p, {-38, 62, 14}, {38, 62, 14}, 9);
  d = smoothUnion(d, brow, 10);
  for (float side : {-1.0f, 1.0f}) {
    float cheek = ellipsoid(p, {side * 40, 44, -22}, {26, 26, 24});
    d = smoothUnion(d, cheek, 14);
  }
  float nose = capsule(p, {0, 70, 4}, {0, 86, -30}, 9);
  d = smoothUnion(d, nose, 8);
  float noseTip = ellipsoid(p, {0, 86, -32}, {13, 11, 10});
  d = smoothUnion(d, noseTip, 6);
  for (float side : {-1.0f, 1.0f}) {
    float socket = ellipsoid(p, {side * 30, 74, 0}, {18, 14, 11});
    d = smoothSubtract(d, socket, 6);
    float eye = ellipsoid(p, {side * 30, 58, 0}, {12, 12, 10});  // closed lids, set back in the sockets
    d = smoothUnion(d, eye, 3);
  }
  float lips = ellipsoid(p, {0, 68, -56}, {22, 10, 9});
  d = smoothUnion(d, lips, 6);
  float mouth = capsule(p, {-18, 80, -56}, {18, 80, -56}, 1.8f);
  d = smoothSubtract(d, mouth, 2);
  float chin = ellipsoid(p, {0, 52, -84}, {22, 16, 14});
  d = smoothUnion(d, chin, 12);
  float neck = capsule(p, {0, -10, -70}, {0, -20, -165}, 48);
  d = smoothUnion(d, neck, 22);
  return d;
}

const std::vector<std::string>& faceRegionNames() {
  static const std::vector<std::string> names = {"body", "forehead", "periorbital", "nose",
                                                 "cheek", "perioral", "chin", "neck",
                                                 "orbital", "lip_vermilion"};
  return names;
}

int faceRegion(glm::vec3 p) {
  enum { Body, Forehead, Periorbital, Nose, Cheek, Perioral, Chin, Neck, Orbital, LipVermilion };
  if (p.z < -98) return Neck;
  bool front = p.y > 20;
  if (!front) return p.z < -70 ? Neck : Body;
  // Inside the orbital rim (the lids over the eye) and the lip vermilion: never
  // needled; the skin around them is periorbital and perioral.
  for (float side : {-1.0f, 1.0f})
    if (glm::length((p - glm::vec3(side * 30, 64, 0)) / glm::vec3(17, 20, 12)) < 1.0f) return Orbital;
  if (glm::length((p - glm::vec3(0, 68, -56)) / glm::vec3(24, 13, 10.5f)) < 1.0f) return LipVermilion;
  for (float side : {-1.0f, 1.0f})
    if (glm::length((p - glm::vec3(side * 30, 70, 0)) / glm::vec3(26, 40, 22)) < 1.0f) return Periorbital;
  if (std::fabs(p.x) < 16 && p.z < 14 && p.z > -44 && p.y > 60) return Nose;
  if (p.z > 18) return Forehead;
  if (glm::length((p - glm::vec3(0, 70, -58)) / glm::vec3(34, 40, 20)) < 1.0f) return Perioral;
  if (p.z < -72) return Chin;
  if (std::fabs(p.x) > 14) return Cheek;
  return Perioral;
}

}  // namespace ns::tools
