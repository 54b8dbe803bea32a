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
#include <fstream>
#include <regex>
#include <sstream>
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
// chart's scale there: area-weighted medians of mm per unit of u and of v, and mm per
// texel of the healing atlas the runtime makes over this chart (runtime/live_run.cpp:
// 0.3 mm texels at the whole mesh's median scale, at most 4 Mi texels), for the docs.
void printRegions(const Mesh& m) {
  auto& names = faceRegionNames();
  std::vector<double> area(names.size(), 0);
  std::vector<std::vector<std::pair<double, double>>> du(names.size()), dv(names.size());
  std::vector<std::pair<double, double>> allU, allV;
  for (size_t t = 0; t + 2 < m.indices.size(); t += 3) {
    unsigned a = m.indices[t], b = m.indices[t + 1], c = m.indices[t + 2];
    glm::dvec3 e1 = glm::dvec3(m.positions[b] - m.positions[a]), e2 = glm::dvec3(m.positions[c] - m.positions[a]);
    double triangle = 0.5 * glm::length(glm::cross(e1, e2));
    for (unsigned v : {a, b, c}) area[m.regions[v]] += triangle / 3.0;
    glm::dvec2 d1 = glm::dvec2(m.uvs[b] - m.uvs[a]), d2 = glm::dvec2(m.uvs[c] - m.uvs[a]);
    double det = d1.x * d2.y - d2.x * d1.y;
    if (std::fabs(det) < 1e-14 || std::max({std::fabs(d1.x), std::fabs(d2.x), std::fabs(d1.y), std::fabs(d2.y)}) > 0.25)
      continue;
    std::pair<double, double> u{glm::length((e1 * d2.y - e2 * d1.y) / det), triangle};
    std::pair<double, double> v{glm::length((e2 * d1.x - e1 * d2.x) / det), triangle};
    du[m.regions[a]].push_back(u), dv[m.regions[a]].push_back(v), allU.push_back(u), allV.push_back(v);
  }
  auto median = [](std::vector<std::pair<double, double>> values) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    double total = 0, seen = 0;
    for (auto& [value, weight] : values) total += weight;
    for (auto& [value, weight] : values)
      if ((seen += weight) >= total / 2) return value;
    return values.back().first;
  };
  double atlasU = std::ceil(median(allU) / 0.3), atlasV = std::ceil(median(allV) / 0.3);
  double shrink = std::sqrt(std::max(1.0, atlasU * atlasV / double(4 << 20)));
  atlasU = std::floor(atlasU / shrink), atlasV = std::floor(atlasV / shrink);
  std::printf("atlas %.0f x %.0f texels\n", atlasU, atlasV);
  std::printf("| region | area cm² | mm per texel along u | along v |\n|---|---|---|---|\n");
  for (size_t r = 0; r < names.size(); ++r)
    if (area[r] > 0)
      std::printf("| %s | %.1f | %.2f | %.2f |\n", names[r].c_str(), area[r] / 100.0, median(du[r]) / atlasU,
                  median(dv[r]) / atlasV);
}

// The mouth's lining runs deep behind the closed lips (to the throat): skin no one
// sees or treats, which the landmark rules would otherwise call cheek. A vertex there
// has more skin beyond it, seen from the chart's centre (outer skin is the last the
// ray crosses), so it is scalp-like "body" — and the chart keeps one layer over every
// treated region. Only the box around the mouth is searched (Möller–Trumbore).
void hideMouthLining(Mesh& m, size_t skinVertices, const Landmarks& l) {
  const glm::vec3 centre(0.0f, -5.0f, -10.0f);
  const size_t skinIndices = [&] {
    size_t n = 0;
    while (n + 2 < m.indices.size() && m.indices[n] < skinVertices) n += 3;
    return n;
  }();
  int body = faceRegionIndex("body");
  for (size_t v = 0; v < skinVertices; ++v) {
    glm::vec3 p = m.positions[v];
    if (std::fabs(p.x) > 50 || p.z > l.pronasale.z + 10 || p.z < l.pogonion.z || p.y > l.stomion.y) continue;
    glm::vec3 dir = glm::normalize(p - centre);
    float reach = glm::length(p - centre) + 0.5f;
    bool beyond = false;
    for (size_t t = 0; t < skinIndices && !beyond; t += 3) {
      glm::vec3 a = m.positions[m.indices[t]], e1 = m.positions[m.indices[t + 1]] - a, e2 = m.positions[m.indices[t + 2]] - a;
      glm::vec3 h = glm::cross(dir, e2);
      float det = glm::dot(e1, h);
      if (std::fabs(det) < 1e-9f) continue;
      glm::vec3 s = centre - a;
      float u = glm::dot(s, h) / det;
      if (u < 0 || u > 1) continue;
      glm::vec3 q = glm::cross(s, e1);
      float w = glm::dot(dir, q) / det;
      if (w < 0 || u + w > 1) continue;
      beyond = glm::dot(e2, q) / det > reach;
    }
    if (beyond) m.regions[v] = body;
  }
}

// Beside the asset: MakeHuman's CC0 text as it came, and where the head came from
// (the MakeHuman commit named in the source folder's README). Written to temporary
// names and renamed, as the asset is.
bool writeNotice(const std::string& dir, const std::string& output) {
  std::string folder = output.substr(0, output.find_last_of('/') + 1);
  std::ifstream readme(dir + "/README.md"), license(dir + "/LICENSE.ASSETS.md");
  std::stringstream readmeText, licenseText;
  readmeText << readme.rdbuf();
  licenseText << license.rdbuf();
  std::smatch commit;
  std::string text = readmeText.str();
  if (!license || !std::regex_search(text, commit, std::regex("commit\\s+([0-9a-f]{40})"))) {
    std::fprintf(stderr, "make_face: %s: expected README.md naming the MakeHuman commit and LICENSE.ASSETS.md\n", dir.c_str());
    return false;
  }
  auto write = [](const std::string& path, const std::string& body) {
    std::ofstream out(path + ".part");
    out << body;
    out.close();
    return out && std::rename((path + ".part").c_str(), path.c_str()) == 0;
  };
  std::string notice =
      "# face.glb: derived from MakeHuman's base mesh (CC0 1.0)\n\n"
      "`face.glb` is written by `tools/make_face` from MakeHuman 1.x's base mesh (hm08,\n"
      "`makehuman/data/3dobjs/base.obj`) and eye proxy (`makehuman/data/eyes/high-poly/`),\n"
      "makehumancommunity/makehuman on GitHub, commit " + commit[1].str() + ".\n"
      "The MakeHuman project released these assets under CC0 1.0 Universal (September 2020):\n"
      "no rights reserved, no attribution required; we name the source anyway.\n"
      "The full legal text is `face-CC0-LICENSE.md` beside this file.\n\n"
      "What make_face changed: the head and neck cut from the `body` group at the neck's base and\n"
      "the cut closed, one Catmull-Clark step, the eyes fitted into the `helper-*-eye` sockets,\n"
      "millimetres in the scene's frame, a region map (vertex colour) and a UV chart of our own.\n";
  return write(folder + "face-SOURCE.md", notice) && write(folder + "face-CC0-LICENSE.md", licenseText.str());
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
  hideMouthLining(mesh, skinVertices, marks);
  appendEyes(proxy, eyes, faceRegionIndex("eye"), mesh);
  mesh.uvs.resize(mesh.positions.size());
  for (size_t v = skinVertices; v < mesh.positions.size(); ++v)
    mesh.uvs[v] = eyeUv((mesh.positions[v].x < 0) == (eyes[0].centre.x < 0) ? eyes[0] : eyes[1], mesh.positions[v]);
  std::printf("make_face: %zu vertices, %zu triangles (%zu skin vertices)\n", mesh.positions.size(),
              mesh.indices.size() / 3, skinVertices);
  printRegions(mesh);
  return exportGlb(mesh, argv[1]) && writeNotice(dir, argv[1]) ? 0 : 1;
}
