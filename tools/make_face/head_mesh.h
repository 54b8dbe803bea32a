#pragma once
// The head NeedleSim's face scene shows, derived from MakeHuman's base mesh (hm08,
// CC0): head and neck cut from the skin (`body` group), the cut closed, smoothed by
// one Catmull–Clark step, and the eye proxies fitted into the
// `helper-*-eye` sockets. In the scene's frame: millimetres, +z up, the face looking
// along +y, x = 0 the midline, z = 0 the eyes' height, the eyes' centres 58 mm in
// front of y = 0 (where the signed-distance mannequin before it had them, so the
// cameras, lessons and recordings framed for it still frame this head).
#include <glm/glm.hpp>

#include <string>
#include <vector>

#include "obj_reader.h"

namespace ns::tools {

// MakeHuman decimetres (+Y up, face toward +Z) to the scene's millimetres.
struct SceneFrame {
  glm::vec3 eyesMid{0.0f};  // between the helper eyes' centres, MakeHuman units
  glm::vec3 operator()(glm::vec3 mh) const {
    glm::vec3 d = (mh - eyesMid) * 100.0f;
    return {-d.x, d.z + kEyeDepth_mm, d.y};
  }
  static constexpr float kEyeDepth_mm = 58.0f;
};

struct Mesh {
  std::vector<glm::vec3> positions, normals;
  std::vector<glm::vec2> uvs;
  std::vector<int> regions;
  std::vector<float> occlusion;   // per vertex, 0 open .. 1 enclosed (occlusion.h); empty until baked
  std::vector<float> vermilion;   // per vertex, the lips' border as face_regions.h's vermilionShare; empty: none
  std::vector<unsigned> indices;  // triangles
  size_t openEdges = 0;           // edges not shared by exactly two triangles (0: closed)
};

// A polygon mesh in the scene frame before smoothing: the cut head, its cap
// included, with MakeHuman's vertex numbers kept in `source` (-1 for none).
struct PolyMesh {
  std::vector<glm::vec3> positions;
  std::vector<int> source;
  std::vector<std::vector<int>> polygons;
};

// The part of `body` above `cutY` (MakeHuman units), the cut closed by one polygon
// along its rim. False (with a reason) when the cut leaves anything but one rim.
bool cutHead(const ObjMesh& base, const SceneFrame& frame, float cutY, PolyMesh& head, std::string& error);
// Vertex normals, area weighted, per polygon fan.
std::vector<glm::vec3> polygonNormals(const PolyMesh& mesh);
// `levels` Catmull–Clark steps, the quads split into triangles (normals from the
// smoothed surface).
Mesh subdivide(const PolyMesh& head, int levels);

struct Eye {
  glm::vec3 centre{0.0f};  // scene mm
  float radius_mm = 0;
};
// The helper socket's centre and radius (scene frame).
Eye helperEye(const ObjMesh& base, const SceneFrame& frame, const std::string& group);
// An eye proxy (both eyes in one file, split at x = 0) scaled and moved into the
// sockets: the same centre and size as the helper sphere. Appended to `mesh`.
void appendEyes(const ObjMesh& proxy, const Eye eyes[2], int eyeRegion, Mesh& mesh);
// Smooth vertex normals of a triangle mesh, area weighted.
void computeNormals(Mesh& mesh, size_t firstVertex = 0);

// The neck cut clean: the smoothed head cut by the plane z = `cutZ_mm` − `rise` · y
// (lower under the chin than at the nape, as a bust is cut; the triangles
// that cross it split along it, so the edge is a straight line round the neck, not
// the quads' staircase), the opening closed by a flat fan under the neck. The cap's
// vertices are its own (appended after `capFirstVertex`, normals straight down), so
// the neck's side keeps its smooth normals and the edge reads as a clean cut.
// False (with a reason) unless the plane leaves one rim the fan closes outward.
bool cutNeck(Mesh& mesh, float cutZ_mm, float rise, size_t& capFirstVertex, std::string& error);

}  // namespace ns::tools
