#pragma once
// The little of Wavefront OBJ that MakeHuman's files use: positions, texture
// coordinates and polygons (1-based "v/vt" corners), each face tagged with the
// group (`g`) it is in. Read by hand so the tool sees MakeHuman's own vertex
// numbering (its landmarks and helper groups are defined on it).
#include <glm/glm.hpp>

#include <string>
#include <vector>

namespace ns::tools {

struct ObjFace {
  std::vector<int> corners;  // 0-based position indices
  std::vector<int> uvs;      // 0-based texture indices, -1 where none
  int group = 0;             // index into ObjMesh::groups
};

struct ObjMesh {
  std::vector<glm::vec3> positions;
  std::vector<glm::vec2> uvs;
  std::vector<std::string> groups;
  std::vector<ObjFace> faces;
  int groupIndex(const std::string& name) const;  // -1 if absent
};

// False with a one-line reason in `error` for a missing or malformed file.
bool readObj(const std::string& path, ObjMesh& mesh, std::string& error);

}  // namespace ns::tools
