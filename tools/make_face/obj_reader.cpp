#include "obj_reader.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace ns::tools {

int ObjMesh::groupIndex(const std::string& name) const {
  for (size_t i = 0; i < groups.size(); ++i)
    if (groups[i] == name) return int(i);
  return -1;
}

bool readObj(const std::string& path, ObjMesh& mesh, std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = path + ": cannot open";
    return false;
  }
  mesh = {};
  int group = -1;
  std::string line;
  size_t lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    std::istringstream s(line);
    std::string tag;
    s >> tag;
    if (tag == "v") {
      glm::vec3 p;
      s >> p.x >> p.y >> p.z;
      if (!s || !std::isfinite(p.x + p.y + p.z)) {
        error = path + ":" + std::to_string(lineNo) + ": expected three finite coordinates";
        return false;
      }
      mesh.positions.push_back(p);
    } else if (tag == "vt") {
      glm::vec2 t;
      s >> t.x >> t.y;
      mesh.uvs.push_back(t);
    } else if (tag == "g") {
      std::string name;
      s >> name;
      group = mesh.groupIndex(name);
      if (group < 0) group = int(mesh.groups.size()), mesh.groups.push_back(name);
    } else if (tag == "f") {
      if (group < 0) group = 0, mesh.groups.push_back("default");
      ObjFace face;
      face.group = group;
      std::string corner;
      while (s >> corner) {
        int v = 0, t = 0;
        if (std::sscanf(corner.c_str(), "%d/%d", &v, &t) < 1 || v < 1 || v > int(mesh.positions.size())) {
          error = path + ":" + std::to_string(lineNo) + ": expected a face corner v[/vt] naming a vertex, got " + corner;
          return false;
        }
        face.corners.push_back(v - 1);
        face.uvs.push_back(t > 0 ? t - 1 : -1);
      }
      if (face.corners.size() < 3) {
        error = path + ":" + std::to_string(lineNo) + ": expected a face of three corners or more";
        return false;
      }
      mesh.faces.push_back(std::move(face));
    }
  }
  if (mesh.positions.empty() || mesh.faces.empty()) {
    error = path + ": no vertices or no faces";
    return false;
  }
  return true;
}

}  // namespace ns::tools
