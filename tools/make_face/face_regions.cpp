#include "face_regions.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace ns::tools {

const std::vector<std::string>& faceRegionNames() {
  // 0..9 as the mannequin's map had them (older files keep their meaning); the
  // mannequin's coarse "orbital" and "lip_vermilion" are not painted on this head
  // (eyelid, lid_margin, eye; upper and lower vermilion) but still resolve.
  static const std::vector<std::string> names = {
      "body",   "forehead", "periorbital", "nose",       "cheek",               "perioral",
      "chin",   "neck",     "orbital",     "lip_vermilion", "temple",           "glabella",
      "eyelid", "lid_margin", "upper_lip_vermilion", "lower_lip_vermilion", "jawline", "ear", "eye"};
  return names;
}

int faceRegionIndex(const std::string& name) {
  auto& names = faceRegionNames();
  return int(std::find(names.begin(), names.end(), name) - names.begin());
}

Landmarks findLandmarks(const PolyMesh& head, const Eye eyes[2]) {
  Landmarks l;
  l.eye[0] = eyes[0].centre.x < 0 ? eyes[0] : eyes[1];
  l.eye[1] = eyes[0].centre.x < 0 ? eyes[1] : eyes[0];
  std::vector<glm::vec3> normals = polygonNormals(head);
  auto midline = [&](size_t v) { return std::fabs(head.positions[v].x) < 0.5f; };
  // Pronasale: the most forward midline point between 10 and 60 mm below the eyes.
  for (size_t v = 0; v < head.positions.size(); ++v) {
    glm::vec3 p = head.positions[v];
    if (midline(v) && p.z < -10 && p.z > -60 && p.y > l.pronasale.y) l.pronasale = p;
  }
  // Stomion: where the lips meet on the midline. The mesh's lips are closed with no
  // slit (the lining behind them is a wall of its own), so the line is the deepest
  // fold of the midline profile below the nose: the front-facing vertex whose
  // normal turns furthest down, where the upper lip's vermilion overhangs the lower.
  float fold = 2.0f;
  for (size_t v = 0; v < head.positions.size(); ++v) {
    glm::vec3 p = head.positions[v];
    if (midline(v) && p.z < l.pronasale.z - 15 && p.z > l.pronasale.z - 45 && p.y > l.pronasale.y - 16 &&
        normals[v].y > -0.3f && normals[v].y < fold)  // (not the lining, which faces back)
      fold = normals[v].y, l.stomion = p;
  }
  float stomionZ = l.stomion.z;
  // The mouth's corners: the lining does not show where they are (it runs on inside
  // the cheeks), so the neoclassical canon gives them: the mouth as wide as the
  // distance between the irises' medial edges, interpupillary distance less an iris
  // (11.7 mm) (Farkas, Hreczko & Katic 1985, "Proportion indices in the craniofacial
  // regions of 73 patients ..."; the canon as Farkas tested it [P]).
  l.cheilion_mm = 0.5f * (glm::distance(l.eye[0].centre, l.eye[1].centre) - 11.7f);
  l.subnasale = glm::vec3(0, 1e9f, 0);
  l.pogonion = glm::vec3(0, l.pronasale.y - 30, 0);
  l.menton = glm::vec3(0, 0, 1e9f);
  for (size_t v = 0; v < head.positions.size(); ++v) {
    glm::vec3 p = head.positions[v];
    if (!midline(v) || normals[v].y < 0.2f || p.y < l.pogonion.y - 40) continue;  // the face's front
    // Subnasale: the deepest midline point between the nose tip and the lips.
    if (p.z < l.pronasale.z - 3 && p.z > stomionZ + 5 && p.y < l.subnasale.y) l.subnasale = p;
    if (p.z < stomionZ - 15 && p.z > stomionZ - 40 && p.y > l.pogonion.y) l.pogonion = p;
  }
  for (size_t v = 0; v < head.positions.size(); ++v) {
    glm::vec3 p = head.positions[v];
    if (midline(v) && p.y > l.pogonion.y - 40 && p.z < l.menton.z && p.z > stomionZ - 80) l.menton = p;
  }
  return l;
}

namespace {

float sq(float x) { return x * x; }

// Below the lower jaw's border: from the menton back to the angle of the mandible
// (about 28 mm above the menton, at the ear's front) and on to the nape.
float jawBorderZ(const Landmarks& l, float y) {
  float angleY = 0.0f, angleZ = l.menton.z + 28.0f;
  if (y >= angleY) return glm::mix(angleZ, l.menton.z, std::clamp((y - angleY) / (l.menton.y - angleY), 0.0f, 1.0f));
  return angleZ + 8.0f * std::clamp(-y / 60.0f, 0.0f, 1.0f);
}

// Vermilion heights as shares of the upper lip (subnasale to stomion) and of the
// lower lip and chin (stomion to pogonion): about half of each, where this mesh's
// profile turns at the vermilion borders (Cupid's bow, the lower lip's edge) [A].
float vermilionHeight_mm(const Landmarks& l, bool upper) {
  return upper ? 0.6f * (l.subnasale.z - l.stomion.z) : 0.42f * (l.stomion.z - l.pogonion.z);
}

}  // namespace

float vermilionDepth_mm(const Landmarks& l, glm::vec3 p) {
  // The border: |z − stomion| = height · √(1 − (x/cheilion)²) + 0.5 mm (skinRegion's),
  // i.e. an ellipse per lip widened by 0.5 mm along z. Its implicit function's value
  // over its gradient's length is the distance to it, near it.
  float dz = p.z - l.stomion.z;
  float h = vermilionHeight_mm(l, dz >= 0), c = l.cheilion_mm;
  float ez = std::max(std::fabs(dz) - 0.5f, 0.0f);
  float f = sq(p.x / c) + sq(ez / h) - 1.0f;
  float gradient = 2.0f * std::sqrt(sq(p.x / (c * c)) + sq(ez / (h * h)));
  return -f / std::max(gradient, 1e-3f);
}

float vermilionShare(const Landmarks& l, glm::vec3 p) {
  // Only the lips' front: not the skin or lining behind them at the same height.
  if (p.y < l.stomion.y - 30.0f || std::fabs(p.x) > l.cheilion_mm + 2.0f * kVermilionReach_mm) return 0.0f;
  return std::clamp(0.5f + 0.5f * vermilionDepth_mm(l, p) / kVermilionReach_mm, 0.0f, 1.0f);
}

int skinRegion(const Landmarks& l, glm::vec3 p, glm::vec3 normal) {
  auto id = [](const char* name) { return faceRegionIndex(name); };
  const float ax = std::fabs(p.x);
  const Eye& eye = p.x < 0 ? l.eye[0] : l.eye[1];
  glm::vec3 e = p - eye.centre;
  // Ears: lateral to the skull, over the ear canal, behind the jaw's hinge.
  if (ax > 66.0f && sq((p.y + 17.0f) / 25.0f) + sq((p.z + 14.0f) / 33.0f) < 1.0f) return id("ear");
  // Neck: below the jaw's border.
  float jaw = jawBorderZ(l, p.y);
  if (p.z < jaw) return id("neck");
  // Behind the ears and above the hairline: scalp, never treated ("body").
  const float trichion = 68.0f;  // hairline, about 1/3 of the face's height above the brows [A]
  if (p.y < -12.0f || p.z > trichion - 0.2f * std::max(ax - 30.0f, 0.0f)) return id("body");
  // Jawline: a 12 mm band along the mandible's border, lateral to the chin.
  if (p.z < jaw + 12.0f && ax > 22.0f) return id("jawline");
  // The eye: the lids' margins touch the eyeball (within 2 mm of the socket's
  // sphere); the lids reach from the brow's lower edge to the lower lid's crease.
  float toEye = glm::length(e);
  // Inside the socket's sphere the lids' lining runs back behind the eyeball: hidden
  // by the eye, never treated ("body": the region "eye" stays the eyeballs alone, two
  // small discs of the chart, so its coverage chart stays small).
  if (toEye < eye.radius_mm - 1.0f) return id("body");
  if (toEye < eye.radius_mm + 2.5f && e.y > 0) return id("lid_margin");
  if (e.y > 0 && sq(e.x / 17.0f) + sq(e.z / (e.z > 0 ? 13.0f : 9.5f)) < 1.0f) return id("eyelid");
  // Lips: the vermilion between the corners, taller in the middle.
  float mouthX = ax / l.cheilion_mm;
  if (mouthX < 1.0f && p.y > l.stomion.y - 30.0f) {
    // The mouth's lining behind the closed lips (facing back into the head): not
    // skin anyone sees or treats.
    if (normal.y < -0.2f && p.y < l.stomion.y - 4.0f) return id("body");
    float taper = std::sqrt(1.0f - mouthX * mouthX);
    float dz = p.z - l.stomion.z;
    float upper = vermilionHeight_mm(l, true), lower = vermilionHeight_mm(l, false);
    if (dz >= 0 && dz < upper * taper + 0.5f) return id("upper_lip_vermilion");
    if (dz < 0 && -dz < lower * taper + 0.5f) return id("lower_lip_vermilion");
  }
  // Nose: the dorsum and sidewalls from the nasion down to the columella, widening
  // to the alae.
  float noseTop = 6.0f, noseBottom = l.subnasale.z - 1.0f;
  if (p.z < noseTop && p.z > noseBottom && p.y > eye.centre.y + 8.0f) {
    float t = std::clamp((noseTop - p.z) / (noseTop - l.pronasale.z), 0.0f, 1.3f);
    if (ax < 8.0f + 10.0f * t) return id("nose");
  }
  // Glabella: between the brows, above the nasion.
  if (ax < 14.0f && p.z >= noseTop && p.z < 22.0f && p.y > 40.0f) return id("glabella");
  // Periorbital: around the lids to the orbital rim.
  if (e.y > -12.0f && sq(e.x / 28.0f) + sq(e.z / (e.z > 0 ? 20.0f : 21.0f)) < 1.0f) return id("periorbital");
  // Perioral: from the nose's base to the labiomental fold, out past the corners.
  if (p.y > 40.0f && sq(p.x / (l.cheilion_mm + 13.0f)) + sq((p.z - l.stomion.z) / (p.z > l.stomion.z ? 18.0f : 15.0f)) < 1.0f)
    return id("perioral");
  // Chin: below the labiomental fold, between the lines down from the mouth's corners.
  if (ax < l.cheilion_mm && p.z < l.stomion.z - 12.0f) return id("chin");
  // Forehead above the brows; temples lateral to the orbits, in front of the ears.
  if (p.z > 14.0f && ax < 52.0f) return id("forehead");
  if (ax > 48.0f && p.y < eye.centre.y - 5.0f && p.z > -8.0f && p.z < 45.0f) return id("temple");
  if (p.z > 14.0f) return id("forehead");
  return id("cheek");
}

}  // namespace ns::tools
