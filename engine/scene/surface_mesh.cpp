#include "scene/surface_mesh.h"
#include "scene/surface_query.h"

#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace ns::scene {

// The largest coordinate (position or texture) a mesh may have, in its own units.
constexpr float kMaxMeshCoordinate = 1e6f;

const std::vector<std::string>& mappedRegionNames() {
  // 0..9 as the mannequin's map had them (older files keep their meaning), then the
  // anatomical head's finer regions (tools/make_face/face_regions.cpp, same order).
  // That head paints "orbital" and "lip_vermilion" nowhere: they name groups of its
  // regions (regionMembers).
  static const std::vector<std::string> names = {
      "body",   "forehead",   "periorbital",         "nose",                "cheek",   "perioral", "chin",
      "neck",   "orbital",    "lip_vermilion",       "temple",              "glabella", "eyelid",  "lid_margin",
      "upper_lip_vermilion", "lower_lip_vermilion", "jawline", "ear", "eye"};
  return names;
}

std::vector<std::string> regionMembers(const std::string& region) {
  if (region == "orbital") return {"orbital", "eyelid", "lid_margin"};
  if (region == "lip_vermilion") return {"lip_vermilion", "upper_lip_vermilion", "lower_lip_vermilion"};
  return {region};
}

std::vector<double> regionAreas_mm2(const SurfaceMesh& mesh) {
  std::vector<double> area(mesh.regionNames.size(), 0.0);
  for (size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
    const uint32_t* v = &mesh.indices[t];
    glm::dvec3 a(mesh.positions[v[0]]), b(mesh.positions[v[1]]), c(mesh.positions[v[2]]);
    double third = glm::length(glm::cross(b - a, c - a)) / 6.0;
    for (int k = 0; k < 3; ++k)
      if (mesh.regions[v[k]] < area.size()) area[mesh.regions[v[k]]] += third;
  }
  return area;
}

bool importSurfaceMesh(const std::string& path, const void* data, size_t size, const MeshLimits& limits,
                       SurfaceMesh& mesh, std::string& error, std::vector<std::string>& warnings) {
  Assimp::Importer importer;
  const unsigned flags = aiProcess_Triangulate | aiProcess_GenSmoothNormals | aiProcess_JoinIdenticalVertices |
                         aiProcess_PreTransformVertices | aiProcess_ValidateDataStructure | aiProcess_SortByPType |
                         aiProcess_FindInvalidData;
  const aiScene* scene = nullptr;
  if (data) {
    std::string hint = std::filesystem::path(path).extension().string();
    if (!hint.empty()) hint.erase(0, 1);
    scene = importer.ReadFileFromMemory(data, size, flags, hint.c_str());
  } else {
    scene = importer.ReadFile(path, flags);
  }
  if (!scene || (scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) || !scene->mRootNode) {
    std::string why = importer.GetErrorString();
    std::replace(why.begin(), why.end(), '\n', ' ');  // one line, whatever the loader says
    error = path + ": not a readable mesh (" + why + ")";
    return false;
  }
  // Counts before anything is copied: a file may declare more than memory holds.
  size_t vertices = 0, faces = 0;
  for (unsigned m = 0; m < scene->mNumMeshes; ++m) {
    vertices += scene->mMeshes[m]->mNumVertices;
    faces += scene->mMeshes[m]->mNumFaces;
  }
  if (vertices > limits.maxVertices || faces > limits.maxTriangles) {
    error = path + ": " + std::to_string(vertices) + " vertices and " + std::to_string(faces) +
            " faces: more than a skin surface may have (at most " + std::to_string(limits.maxVertices) +
            " vertices and " + std::to_string(limits.maxTriangles) + " triangles)";
    return false;
  }
  SurfaceMesh out;
  out.path = path;
  bool anyRegionMap = false;
  for (unsigned m = 0; m < scene->mNumMeshes; ++m) {
    const aiMesh* src = scene->mMeshes[m];
    if (!(src->mPrimitiveTypes & aiPrimitiveType_TRIANGLE) || src->mNumVertices == 0) continue;
    uint32_t base = uint32_t(out.positions.size());
    bool hasColours = src->HasVertexColors(0);
    anyRegionMap |= hasColours;
    for (unsigned v = 0; v < src->mNumVertices; ++v) {
      aiVector3D p = src->mVertices[v];
      glm::vec3 position(p.x, p.y, p.z);
      // Checked where they enter (README, "Limits on input"): a coordinate that is not
      // finite, or beyond ±1e6 in the file's units (a head in micrometres is 2e5),
      // would turn into NaN bounds, scales and coverage cells downstream.
      auto usable = [](float c) { return std::isfinite(c) && std::fabs(c) <= kMaxMeshCoordinate; };
      if (!usable(position.x) || !usable(position.y) || !usable(position.z)) {
        error = path + ": mesh " + std::to_string(m) + ", vertex " + std::to_string(v) +
                ": expected finite coordinates within -1e6..1e6, got (" + std::to_string(p.x) + ", " +
                std::to_string(p.y) + ", " + std::to_string(p.z) + ")";
        return false;
      }
      out.positions.push_back(position);
      aiVector3D n = src->HasNormals() ? src->mNormals[v] : aiVector3D(0, 0, 1);
      glm::vec3 normal(n.x, n.y, n.z);
      out.normals.push_back(glm::length(normal) > 1e-6f && std::isfinite(normal.x) ? glm::normalize(normal)
                                                                                  : glm::vec3(0, 0, 1));
      if (src->HasTextureCoords(0)) {
        float u = src->mTextureCoords[0][v].x, w = src->mTextureCoords[0][v].y;
        if (!(std::isfinite(u) && std::isfinite(w) && std::fabs(u) <= kMaxMeshCoordinate && std::fabs(w) <= kMaxMeshCoordinate)) {
          error = path + ": mesh " + std::to_string(m) + ", vertex " + std::to_string(v) +
                  ": expected finite texture coordinates within -1e6..1e6";
          return false;
        }
        out.uvs.push_back({u, w});
      }
      out.regions.push_back(hasColours ? uint8_t(std::lround(std::clamp(src->mColors[0][v].r, 0.0f, 1.0f) * 255)) : 0);
      // Green: the soft shadow baked into the creases (tools/make_face/occlusion.h).
      float occlusion = hasColours ? src->mColors[0][v].g : 0.0f;
      out.occlusion.push_back(std::isfinite(occlusion) ? std::clamp(occlusion, 0.0f, 1.0f) : 0.0f);
      // Blue: the vermilion's border, drawn between vertices (render/skin_pass.cpp).
      float vermilion = hasColours ? src->mColors[0][v].b : 0.0f;
      out.vermilion.push_back(std::isfinite(vermilion) ? std::clamp(vermilion, 0.0f, 1.0f) : 0.0f);
    }
    for (unsigned f = 0; f < src->mNumFaces; ++f) {
      const aiFace& face = src->mFaces[f];
      if (face.mNumIndices != 3) continue;
      // Assimp's validation refuses indices past the mesh; kept here too, so a
      // loader that slips never makes the renderer read past its vertex buffer.
      if (face.mIndices[0] >= src->mNumVertices || face.mIndices[1] >= src->mNumVertices ||
          face.mIndices[2] >= src->mNumVertices)
        continue;
      for (int k = 0; k < 3; ++k) out.indices.push_back(base + face.mIndices[k]);
    }
  }
  if (out.indices.empty()) {
    error = path + ": the file has no triangles to use as a skin surface";
    return false;
  }
  if (out.uvs.size() != out.positions.size()) out.uvs.clear();
  if (std::none_of(out.vermilion.begin(), out.vermilion.end(), [](float b) { return b > 0.0f; })) out.vermilion.clear();
  out.boundsMin = out.boundsMax = out.positions.front();
  for (auto& p : out.positions) {
    out.boundsMin = glm::min(out.boundsMin, p);
    out.boundsMax = glm::max(out.boundsMax, p);
  }
  if (out.uvs.empty()) {
    generateSphericalUvs(out);
    warnings.push_back(path + ": no texture coordinates: surface fields use spherical UVs around the mesh's centre");
  }
  if (anyRegionMap) {
    out.regionNames = mappedRegionNames();
    for (auto& region : out.regions)  // colours that name no region: the generic one
      if (region >= out.regionNames.size()) region = 0;
  } else {
    out.regionNames = {"body"};
    std::fill(out.regions.begin(), out.regions.end(), 0);
    warnings.push_back(path + ": no region map (vertex colours): the whole surface is region \"body\"");
  }
  mesh = std::move(out);
  return true;
}

}  // namespace ns::scene
