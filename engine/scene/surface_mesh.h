#pragma once
// A skin surface from any mesh file Assimp reads (--mesh): triangles, smooth
// normals, UVs when the file has them, and a region per vertex. The region map is
// read from the first vertex colour channel (red × 255 = index into the mesh's
// region names, a convention of our own exporter); a mesh without one is all
// "body", and the loader says so in a warning.
#include <glm/glm.hpp>

#include <string>
#include <vector>

namespace ns::scene {

struct SurfaceMesh {
  std::string path;
  std::vector<glm::vec3> positions, normals;
  std::vector<glm::vec2> uvs;          // empty when the file has none
  std::vector<uint8_t> regions;        // per vertex, index into regionNames
  std::vector<std::string> regionNames;
  std::vector<uint32_t> indices;
  glm::vec3 boundsMin{0.0f}, boundsMax{0.0f};
};

// The region names our exporter's colour map indexes (tools/make_face): the
// face's regions, the no-go ones included. Lessons validate region names here.
const std::vector<std::string>& mappedRegionNames();

// Loads and merges every mesh of the file (node transforms applied). False with one
// line naming the file and what is wrong for anything unreadable or empty.
bool loadSurfaceMesh(const std::string& path, SurfaceMesh& mesh, std::string& error,
                     std::vector<std::string>& warnings);

}  // namespace ns::scene
