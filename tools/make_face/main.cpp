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
#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "face_regions.h"
#include "head_mesh.h"
#include "obj_reader.h"
#include "occlusion.h"
#include "scene/surface_query.h"
#include "uv_chart.h"

using namespace ns::tools;

namespace {

constexpr float kCutY = 5.80f;       // MakeHuman units: the neck's base, above the trapezius (137 mm below the eyes)
constexpr float kNeckCut_mm = -125.0f;  // where the neck is cut clean, at y = 0 (scene z; the eyes at 0) ...
constexpr float kNeckRise = 0.15f;      // ... rising 0.15 mm per mm towards the nape: -131 mm under the chin, -113 at the nape
constexpr float kOcclusionReach_mm = 25.0f;  // creases: a nasolabial fold, a socket, under the chin
constexpr int kOcclusionRays = 64;

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
    // Red: the region; green: the baked occlusion (scene/surface_mesh.cpp reads both).
    float occlusion = m.occlusion.empty() ? 0.0f : m.occlusion[v];
    // Blue: the vermilion's border as a smooth field (face_regions.h, vermilionShare).
    float vermilion = m.vermilion.empty() ? 0.0f : m.vermilion[v];
    mesh->mColors[0][v] = {float(m.regions[v]) / 255.0f, occlusion, vermilion, 1.0f};
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
    du[m.regions[a]].push_back(u), dv[m.regions[a]].push_back(v);
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
  // The runtime's atlas over this chart (scene::uvAtlasSize, as runtime/live_run.cpp asks).
  ns::scene::SurfaceMesh surface;
  surface.positions = m.positions;
  surface.uvs = m.uvs;
  surface.indices = m.indices;
  surface.regions.assign(m.regions.begin(), m.regions.end());
  glm::ivec2 atlas = ns::scene::uvAtlasSize(surface, 0.3, 4ll << 20);
  double atlasU = atlas.x, atlasV = atlas.y;
  std::printf("atlas %.0f x %.0f texels\n", atlasU, atlasV);
  std::printf("| region | area cm² | mm per texel along u | along v |\n|---|---|---|---|\n");
  for (size_t r = 0; r < names.size(); ++r)
    if (area[r] > 0)
      std::printf("| %s | %.1f | %.2f | %.2f |\n", names[r].c_str(), area[r] / 100.0, median(du[r]) / atlasU,
                  median(dv[r]) / atlasV);
}

// Linings: the mouth's behind the closed lips (to the throat), the lids' behind the
// lid margins, the sockets' walls behind the eyeballs, the nostrils: skin no one
// sees or treats, which the landmark rules would otherwise call cheek, neck or
// eyelid. Such a vertex has more skin beyond it, seen from the chart's centre
// (outer skin is the last a ray from there crosses; the ears do not count, so the
// skin behind them stays skin), so it is "body" — and every treated region lies
// on the face's chart whole (uv_chart.h).
void hideLinings(Mesh& m, size_t skinVertices, size_t skinIndices) {
  const glm::vec3 centre(0.0f, -5.0f, -10.0f);
  const int ear = faceRegionIndex("ear"), body = faceRegionIndex("body");
  ns::scene::SurfaceMesh outer;
  outer.positions.assign(m.positions.begin(), m.positions.begin() + long(skinVertices));
  outer.normals.assign(m.normals.begin(), m.normals.begin() + long(skinVertices));
  outer.regions.assign(skinVertices, 0);
  outer.regionNames = {"skin"};
  for (size_t t = 0; t + 2 < skinIndices; t += 3) {
    const unsigned* v = &m.indices[t];
    if (m.regions[v[0]] != ear || m.regions[v[1]] != ear || m.regions[v[2]] != ear)
      outer.indices.insert(outer.indices.end(), v, v + 3);
  }
  outer.boundsMin = outer.boundsMax = outer.positions.front();
  for (auto& p : outer.positions) outer.boundsMin = glm::min(outer.boundsMin, p), outer.boundsMax = glm::max(outer.boundsMax, p);
  ns::scene::SurfaceIndex index = ns::scene::buildSurfaceIndex(outer);
  for (size_t v = 0; v < skinVertices; ++v) {
    if (m.regions[v] == ear || m.regions[v] == body) continue;
    glm::dvec3 dir = glm::normalize(glm::dvec3(m.positions[v] - centre));
    ns::scene::SurfaceHit hit;
    if (ns::scene::raycastSurface(outer, index, glm::dvec3(m.positions[v]) + dir * 0.05, dir, 400.0, hit)) m.regions[v] = body;
  }
}

// The lips' border as a smooth field over the skin (not the eyes), for the shader.
void paintVermilionBorder(Mesh& m, const Landmarks& marks) {
  m.vermilion.assign(m.positions.size(), 0.0f);
  const int eye = faceRegionIndex("eye");
  for (size_t v = 0; v < m.positions.size(); ++v)
    if (m.regions[v] != eye) m.vermilion[v] = vermilionShare(marks, m.positions[v]);
}

// A picture of the chart (docs/images/face-chart.png is made from it): every
// triangle filled with its region's colour, darkened by its baked occlusion.
void writeChartPicture(const Mesh& m, const std::string& path, int size) {
  std::vector<unsigned char> rgb(size_t(size) * size * 3, 255);
  for (size_t t = 0; t + 2 < m.indices.size(); t += 3) {
    glm::vec2 p[3];
    for (int k = 0; k < 3; ++k) p[k] = glm::vec2(m.uvs[m.indices[t + k]].x, 1.0f - m.uvs[m.indices[t + k]].y) * float(size);
    glm::vec2 lo = glm::floor(glm::min(glm::min(p[0], p[1]), p[2])), hi = glm::ceil(glm::max(glm::max(p[0], p[1]), p[2]));
    int region = m.regions[m.indices[t]];
    glm::vec3 colour(0.55f + 0.45f * std::sin(region * 2.1f), 0.55f + 0.45f * std::sin(region * 1.3f + 2.0f),
                     0.55f + 0.45f * std::sin(region * 0.7f + 4.0f));
    if (region == 0) colour = glm::vec3(0.75f);
    float open = 1.0f - (m.occlusion.empty() ? 0.0f : m.occlusion[m.indices[t]]);
    float det = (p[1].x - p[0].x) * (p[2].y - p[0].y) - (p[2].x - p[0].x) * (p[1].y - p[0].y);
    if (std::fabs(det) < 1e-12f) continue;
    for (int y = std::max(0, int(lo.y)); y < std::min(size, int(hi.y) + 1); ++y)
      for (int x = std::max(0, int(lo.x)); x < std::min(size, int(hi.x) + 1); ++x) {
        glm::vec2 q(x + 0.5f, y + 0.5f);
        float a = ((p[1].x - q.x) * (p[2].y - q.y) - (p[2].x - q.x) * (p[1].y - q.y)) / det;
        float b = ((p[2].x - q.x) * (p[0].y - q.y) - (p[0].x - q.x) * (p[2].y - q.y)) / det;
        if (a < 0 || b < 0 || a + b > 1) continue;
        for (int c = 0; c < 3; ++c) rgb[(size_t(y) * size + x) * 3 + c] = (unsigned char)(255 * colour[c] * open);
      }
  }
  std::ofstream out(path, std::ios::binary);
  out << "P6\n" << size << " " << size << "\n255\n";
  out.write(reinterpret_cast<const char*>(rgb.data()), std::streamsize(rgb.size()));
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
  size_t capFirst = 0;
  if (!cutNeck(mesh, kNeckCut_mm, kNeckRise, capFirst, error)) {
    std::fprintf(stderr, "make_face: %s\n", error.c_str());
    return 1;
  }
  mesh.regions.resize(mesh.positions.size());
  for (size_t v = 0; v < mesh.positions.size(); ++v)
    mesh.regions[v] = v >= capFirst ? faceRegionIndex("body") : skinRegion(marks, mesh.positions[v], mesh.normals[v]);
  size_t skinVertices = mesh.positions.size(), skinIndices = mesh.indices.size();
  hideLinings(mesh, skinVertices, skinIndices);
  appendEyes(proxy, eyes, faceRegionIndex("eye"), mesh);
  bakeOcclusion(mesh, kOcclusionReach_mm, kOcclusionRays);
  // Off the face's chart: the eyes, the neck's cap and the ears (whole triangles of
  // ear: the ones that only touch it stay, so seams run through the ear's skin).
  int ear = faceRegionIndex("ear");
  std::vector<bool> notOnFace(mesh.indices.size() / 3, false);
  for (size_t t = 0; t < notOnFace.size(); ++t) {
    const unsigned* v = &mesh.indices[3 * t];
    bool allEar = mesh.regions[v[0]] == ear && mesh.regions[v[1]] == ear && mesh.regions[v[2]] == ear;
    notOnFace[t] = 3 * t >= skinIndices || v[0] >= capFirst || allEar;
  }
  std::set<int> untreated = {faceRegionIndex("body"), faceRegionIndex("eye")};
  ChartSummary chart = chartHead(mesh, notOnFace, ear, faceRegionIndex("eye"), untreated);
  // A fold's edge the face's chart could not take (a nostril's rim, a socket's lip):
  // hidden skin, so "body" on its island's side of the seam, and no seam runs
  // through a treated region (tests/scene/face_chart_test.cpp).
  const std::set<int> treated = {faceRegionIndex("forehead"), faceRegionIndex("temple"), faceRegionIndex("glabella"),
                                 faceRegionIndex("periorbital"), faceRegionIndex("nose"), faceRegionIndex("cheek"),
                                 faceRegionIndex("perioral"), faceRegionIndex("chin"), faceRegionIndex("jawline"),
                                 faceRegionIndex("neck")};
  for (size_t t = 0; t < chart.onFace.size(); ++t)
    for (int k = 0; k < 3 && !chart.onFace[t]; ++k)
      if (treated.count(mesh.regions[mesh.indices[3 * t + k]])) mesh.regions[mesh.indices[3 * t + k]] = faceRegionIndex("body");
  std::printf("make_face: %zu vertices, %zu triangles (%zu skin vertices before the seams)\n", mesh.positions.size(),
              mesh.indices.size() / 3, skinVertices);
  std::printf("make_face: chart: %zu triangles on the face's chart, %zu on %zu islands, %zu vertices split at seams, "
              "%.0f x %.0f mm packed\n",
              chart.faceTriangles, chart.islandTriangles, chart.islands, chart.seamVertices, chart.width_mm,
              chart.height_mm);
  std::vector<size_t> all(mesh.indices.size() / 3);
  for (size_t t = 0; t < all.size(); ++t) all[t] = t;
  auto overlaps = overlappingTriangles(mesh.uvs, mesh.indices, all, 1e-7f);
  if (!overlaps.empty()) {
    std::fprintf(stderr, "make_face: %zu pairs of triangles overlap in the chart (first %zu and %zu)\n",
                 overlaps.size(), overlaps[0].first, overlaps[0].second);
    return 1;
  }
  paintVermilionBorder(mesh, marks);
  printRegions(mesh);
  if (const char* picture = std::getenv("NS_FACE_CHART_PPM")) writeChartPicture(mesh, picture, 1024);
  return exportGlb(mesh, argv[1]) && writeNotice(dir, argv[1]) ? 0 : 1;
}
