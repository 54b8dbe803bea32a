// make_face: derives NeedleSim's head from MakeHuman's base mesh (CC0) and writes it
// as glTF 2 (binary) through Assimp, with a region map in vertex colour 0 (red × 255
// = region index, see face_regions.h) and a UV chart for the surface fields.
//
//   build/tools/make_face/make_face assets/face.glb [makehuman_dir]
//
// makehuman_dir (default ../shared/assets/makehuman beside the checkout) holds
// base.obj and eye-high-poly.obj; its README names the MakeHuman commit. The same
// inputs give the same bytes: nothing random, nothing timed.
//
// The chart: longitude and latitude seen from a point inside the head (0, −5, −10)
// mm, as the mannequin's was: every ray from there leaves the face's skin once (the
// head is star-shaped from it but for the ears' folds and the lips' lining, both
// no-go), so the treated regions are one piece of the chart, the seam (u = 0/1)
// runs down the back of the head, and the poles are the crown and the neck's cut.
// Skin takes v in 0..0.96; the eyes get two small discs above it (v 0.97..1) so
// the shader can draw an iris from their UVs.
#include <assimp/Exporter.hpp>
#include <assimp/scene.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "face_regions.h"
#include "head_mesh.h"
#include "obj_reader.h"

using namespace ns::tools;

namespace {

constexpr float kCutY = 5.95f;       // MakeHuman units: the neck's base, above the trapezius (137 mm below the eyes)
constexpr float kSkinV = 0.96f;      // the skin's share of the chart's v
constexpr float kEyeChart = 0.012f;  // an eye's disc radius in the chart
constexpr float kPi = 3.14159265f;

glm::vec2 skinUv(glm::vec3 p) {
  const glm::vec3 centre(0.0f, -5.0f, -10.0f);
  glm::vec3 d = p - centre;
  float u = std::atan2(d.x, d.y) / (2.0f * kPi) + 0.5f;
  float v = std::asin(std::clamp(d.z / glm::length(d), -1.0f, 1.0f)) / kPi + 0.5f;
  return {u, v * kSkinV};
}

// An eye's disc: its front seen straight on, the pupil at the disc's centre.
glm::vec2 eyeUv(const Eye& eye, glm::vec3 p) {
  glm::vec2 centre(eye.centre.x < 0 ? 0.47f : 0.53f, 0.985f);
  glm::vec3 d = (p - eye.centre) / eye.radius_mm;
  glm::vec2 front(d.x, d.z);
  // The back half folded outside the front's disc (sclera), so no pupil shows
  // where the eyeball's back meets the socket.
  float r = glm::length(front);
  if (d.y < 0 && r > 1e-4f) front *= (2.0f - r) / r;
  return centre + kEyeChart * front;
}

bool exportGlb(const Mesh& m, const std::string& path) {
  aiScene scene;
  scene.mRootNode = new aiNode("NeedleSimFace");
  scene.mRootNode->mNumMeshes = 1;
  scene.mRootNode->mMeshes = new unsigned[1]{0};
  scene.mNumMaterials = 1;
  scene.mMaterials = new aiMaterial*[1]{new aiMaterial()};
  scene.mNumMeshes = 1;
  scene.mMeshes = new aiMesh*[1]{new aiMesh()};
  aiMesh* mesh = scene.mMeshes[0];
  mesh->mName = "face";
  mesh->mMaterialIndex = 0;
  mesh->mPrimitiveTypes = aiPrimitiveType_TRIANGLE;
  mesh->mNumVertices = unsigned(m.positions.size());
  mesh->mVertices = new aiVector3D[mesh->mNumVertices];
  mesh->mNormals = new aiVector3D[mesh->mNumVertices];
  mesh->mTextureCoords[0] = new aiVector3D[mesh->mNumVertices];
  mesh->mNumUVComponents[0] = 2;
  mesh->mColors[0] = new aiColor4D[mesh->mNumVertices];
  for (unsigned v = 0; v < mesh->mNumVertices; ++v) {
    mesh->mVertices[v] = {m.positions[v].x, m.positions[v].y, m.positions[v].z};
    mesh->mNormals[v] = {m.normals[v].x, m.normals[v].y, m.normals[v].z};
    mesh->mTextureCoords[0][v] = {m.uvs[v].x, m.uvs[v].y, 0};
    mesh->mColors[0][v] = {float(m.regions[v]) / 255.0f, 0.0f, 0.0f, 1.0f};
  }
  mesh->mNumFaces = unsigned(m.indices.size() / 3);
  mesh->mFaces = new aiFace[mesh->mNumFaces];
  for (unsigned f = 0; f < mesh->mNumFaces; ++f) {
    mesh->mFaces[f].mNumIndices = 3;
    mesh->mFaces[f].mIndices = new unsigned[3]{m.indices[3 * f], m.indices[3 * f + 1], m.indices[3 * f + 2]};
  }
  Assimp::Exporter exporter;
  std::string temp = path + ".part.glb";
  if (exporter.Export(&scene, "glb2", temp) != AI_SUCCESS) {
    std::fprintf(stderr, "make_face: %s: %s\n", path.c_str(), exporter.GetErrorString());
    return false;
  }
  return std::rename(temp.c_str(), path.c_str()) == 0;
}

// Per region: area (cm², each triangle's third to each corner's region) and the
// chart's scale there (mm per unit of u and of v, area weighted), for the docs.
void printRegions(const Mesh& m) {
  auto& names = faceRegionNames();
  std::vector<double> area(names.size(), 0), du(names.size(), 0), dv(names.size(), 0), weighted(names.size(), 0);
  for (size_t t = 0; t + 2 < m.indices.size(); t += 3) {
    unsigned a = m.indices[t], b = m.indices[t + 1], c = m.indices[t + 2];
    glm::dvec3 e1 = glm::dvec3(m.positions[b] - m.positions[a]), e2 = glm::dvec3(m.positions[c] - m.positions[a]);
    double triangle = 0.5 * glm::length(glm::cross(e1, e2));
    for (unsigned v : {a, b, c}) area[m.regions[v]] += triangle / 3.0;
    glm::dvec2 d1 = glm::dvec2(m.uvs[b] - m.uvs[a]), d2 = glm::dvec2(m.uvs[c] - m.uvs[a]);
    double det = d1.x * d2.y - d2.x * d1.y;
    if (std::fabs(det) < 1e-14 || std::max({std::fabs(d1.x), std::fabs(d2.x)}) > 0.25) continue;
    int r = m.regions[a];
    du[r] += triangle * glm::length((e1 * d2.y - e2 * d1.y) / det);
    dv[r] += triangle * glm::length((e2 * d1.x - e1 * d2.x) / det);
    weighted[r] += triangle;
  }
  std::printf("| region | area cm² | chart mm per u | chart mm per v |\n|---|---|---|---|\n");
  for (size_t r = 0; r < names.size(); ++r)
    if (area[r] > 0)
      std::printf("| %s | %.1f | %.0f | %.0f |\n", names[r].c_str(), area[r] / 100.0,
                  weighted[r] > 0 ? du[r] / weighted[r] : 0.0, weighted[r] > 0 ? dv[r] / weighted[r] : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: make_face OUTPUT.glb [makehuman_dir]\n");
    return 2;
  }
  std::string dir = argc > 2 ? argv[2] : "../shared/assets/makehuman";
  ObjMesh base, proxy;
  std::string error;
  if (!readObj(dir + "/base.obj", base, error) || !readObj(dir + "/eye-high-poly.obj", proxy, error)) {
    std::fprintf(stderr, "make_face: %s\n", error.c_str());
    return 2;
  }
  SceneFrame frame;
  {
    SceneFrame none;  // the helpers' centres, in MakeHuman units
    none.eyesMid = glm::vec3(0.0f);
    Eye l = helperEye(base, none, "helper-l-eye"), r = helperEye(base, none, "helper-r-eye");
    glm::vec3 mid = 0.5f * (l.centre + r.centre);  // scene axes, mm, from MakeHuman's origin
    frame.eyesMid = glm::vec3(-mid.x, mid.z, mid.y - SceneFrame::kEyeDepth_mm) / 100.0f;
  }
  Eye eyes[2] = {helperEye(base, frame, "helper-r-eye"), helperEye(base, frame, "helper-l-eye")};
  PolyMesh head;
  if (!cutHead(base, frame, kCutY, head, error)) {
    std::fprintf(stderr, "make_face: %s/base.obj: %s\n", dir.c_str(), error.c_str());
    return 2;
  }
  Landmarks marks = findLandmarks(head, eyes);
  std::printf("make_face: landmarks (mm): eyes (%.1f %.1f %.1f) r %.1f, pronasale (%.1f %.1f), subnasale (%.1f %.1f), "
              "stomion (%.1f %.1f), cheilion ±%.1f, pogonion (%.1f %.1f), menton (%.1f %.1f)\n",
              marks.eye[1].centre.x, marks.eye[1].centre.y, marks.eye[1].centre.z, marks.eye[1].radius_mm,
              marks.pronasale.y, marks.pronasale.z, marks.subnasale.y, marks.subnasale.z, marks.stomion.y,
              marks.stomion.z, marks.cheilion_mm, marks.pogonion.y, marks.pogonion.z, marks.menton.y, marks.menton.z);
  Mesh mesh = subdivide(head, 1);
  if (mesh.openEdges) {
    std::fprintf(stderr, "make_face: the smoothed head is not closed (%zu open edges)\n", mesh.openEdges);
    return 1;
  }
  mesh.regions.resize(mesh.positions.size());
  mesh.uvs.resize(mesh.positions.size());
  for (size_t v = 0; v < mesh.positions.size(); ++v) {
    mesh.regions[v] = skinRegion(marks, mesh.positions[v], mesh.normals[v]);
    mesh.uvs[v] = skinUv(mesh.positions[v]);
  }
  size_t skinVertices = mesh.positions.size();
  appendEyes(proxy, eyes, faceRegionIndex("eye"), mesh);
  mesh.uvs.resize(mesh.positions.size());
  for (size_t v = skinVertices; v < mesh.positions.size(); ++v)
    mesh.uvs[v] = eyeUv((mesh.positions[v].x < 0) == (eyes[0].centre.x < 0) ? eyes[0] : eyes[1], mesh.positions[v]);
  std::printf("make_face: %zu vertices, %zu triangles (%zu skin vertices)\n", mesh.positions.size(),
              mesh.indices.size() / 3, skinVertices);
  printRegions(mesh);
  return exportGlb(mesh, argv[1]) ? 0 : 1;
}
