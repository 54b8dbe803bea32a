#pragma once
// The face's region map, painted from anatomy: landmarks found on MakeHuman's mesh
// (its helper eyes, the midline profile, the lips' line where the mouth's lining
// folds in), and each region bounded the way an anatomy atlas bounds it, relative
// to those landmarks. Scene frame (head_mesh.h): mm, +z up, the face along +y.
#include <glm/glm.hpp>

#include <string>
#include <vector>

#include "head_mesh.h"

namespace ns::tools {

// The region names, in the order of the vertex colour index (red × 255). Must
// match scene::mappedRegionNames (a test checks it).
const std::vector<std::string>& faceRegionNames();
int faceRegionIndex(const std::string& name);

struct Landmarks {
  Eye eye[2];                 // the eye at x < 0, the eye at x > 0
  glm::vec3 pronasale{0.0f};  // nose tip: the most forward midline point below the eyes
  glm::vec3 subnasale{0.0f};  // where the columella meets the upper lip
  glm::vec3 stomion{0.0f};    // where the lips meet, on the midline
  float cheilion_mm = 0;      // half the mouth's width (its corners)
  glm::vec3 pogonion{0.0f};   // the chin's most forward midline point
  glm::vec3 menton{0.0f};     // the chin's lowest midline point
};

// Found on the cut head before smoothing (MakeHuman's own vertices).
Landmarks findLandmarks(const PolyMesh& head, const Eye eyes[2]);
// The region of a skin point (not the eyes: appendEyes paints those).
int skinRegion(const Landmarks& l, glm::vec3 p, glm::vec3 normal);
// How far inside the vermilion's border a point of the lips lies, in mm (negative
// outside): the border skinRegion paints, as one smooth curve tapering into the
// mouth's corners. Exported per vertex (colour 0's blue, vermilionShare) so the shader
// draws the border between vertices instead of along their 1–2 mm steps.
float vermilionDepth_mm(const Landmarks& l, glm::vec3 p);
// The depth as the asset stores it: 0.5 on the border, ±kVermilionReach_mm to 1 / 0.
constexpr float kVermilionReach_mm = 3.0f;
float vermilionShare(const Landmarks& l, glm::vec3 p);

}  // namespace ns::tools
