#pragma once
// A smooth mannequin head as a signed distance field (negative inside), in mm:
// +z up, +y towards the viewer (the face looks along +y), origin between the eyes.
// Built from ellipsoids and capsules joined by smooth minimum, with eye sockets and
// a mouth line carved out. Also: which facial region a surface point belongs to.
#include <glm/glm.hpp>

#include <string>
#include <vector>

namespace ns::tools {

float headDistance(glm::vec3 p);
// Region index into faceRegionNames() for a point on (or near) the surface.
int faceRegion(glm::vec3 p);
// Matches scene::loadSurfaceMesh's names for the vertex-colour region map.
const std::vector<std::string>& faceRegionNames();

}  // namespace ns::tools
