#pragma once
// A skin surface from any mesh file Assimp reads (--mesh): triangles, smooth
// normals, UVs when the file has them, and a region per vertex. The region map is
// read from the first vertex colour channel (red × 255 = index into the mesh's
// region names, a convention of our own exporter); a mesh without one is all
// "body", and the loader says so in a warning.
#include <glm/glm.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ns::scene {

struct SurfaceMesh {
  std::string path;
  std::vector<glm::vec3> positions, normals;
  std::vector<glm::vec2> uvs;          // empty when the file has none
  std::vector<uint8_t> regions;        // per vertex, index into regionNames
  std::vector<float> occlusion;        // per vertex, 0 open .. 1 enclosed (baked: colour 0's green); empty: none
  std::vector<float> vermilion;        // per vertex, the lips' border as a smooth field (colour 0's blue: 0.5 on
                                       // the border, 1 inside, tools/make_face/face_regions.h); empty: none
  std::vector<std::string> regionNames;
  std::vector<uint32_t> indices;
  glm::vec3 boundsMin{0.0f}, boundsMax{0.0f};
};

// The region names our exporter's colour map indexes (tools/make_face): the
// face's regions, the no-go ones included. Lessons validate region names here.
const std::vector<std::string>& mappedRegionNames();
// The regions a name covers: itself, and for the mannequin's coarse names the
// anatomical head's parts of them ("orbital": eyelid and lid_margin; "lip_vermilion":
// upper and lower vermilion), so lessons written for either head find their skin.
std::vector<std::string> regionMembers(const std::string& region);
// Each region's skin area in mm² (index as regionNames): every triangle's third to
// each corner's region.
std::vector<double> regionAreas_mm2(const SurfaceMesh& mesh);

// What a mesh may cost before it is trusted. A broken or hostile file (Assimp's own
// invalid/ test set declares 353 535 235 358 faces) is refused with one line within
// the import budget instead of spinning, exhausting memory or crashing the program.
struct MeshLimits {
  uintmax_t maxFileBytes = uintmax_t(256) << 20;   // 256 MiB: a detailed head is ~2 MiB
  size_t maxVertices = 4'000'000;                  // after merging every mesh of the file
  size_t maxTriangles = 8'000'000;
  double importBudget_s = 10.0;                    // wall clock for Assimp's import
  uintmax_t maxImportBytes = uintmax_t(4) << 30;   // address space of the import process
};

// Loads and merges every mesh of the file (node transforms applied). False with one
// line naming the file and what is wrong for anything unreadable, empty or past
// `limits`. Assimp runs in a child process (mesh_guard.cpp) under the time and
// memory limits, so a loader that loops, allocates without bound or crashes only
// costs that process.
bool loadSurfaceMesh(const std::string& path, SurfaceMesh& mesh, std::string& error,
                     std::vector<std::string>& warnings, const MeshLimits& limits = {});

// The same import in this process, without the time budget: from a file, or from
// memory when `data` is not null (`path` then only names it and gives the format
// hint, its extension). For the fuzzer, and the fallback where fork fails.
bool importSurfaceMesh(const std::string& path, const void* data, size_t size, const MeshLimits& limits,
                       SurfaceMesh& mesh, std::string& error, std::vector<std::string>& warnings);

}  // namespace ns::scene
