// make_face: generates NeedleSim's mannequin head and writes it as glTF 2 (binary)
// through Assimp, with a region map in vertex colour 0 (red × 255 = region index,
// see face_sdf.h) and spherical UVs for surface fields: longitude and latitude seen
// from a point inside the head, which every ray from there leaves once (the head is
// star-shaped from it, ears aside), so no two skin points share a texel. The seam
// (u = 0/1) runs down the back of the head, away from the face.
//
//   build/tools/make_face/make_face assets/face.glb [cell_mm]
//
// Meshing is naive surface nets over the signed distance field: one vertex per cell
// the surface crosses (the mean of its edge crossings), one quad per crossed edge.
#include <assimp/Exporter.hpp>
#include <assimp/scene.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "face_sdf.h"

using ns::tools::faceRegion;
using ns::tools::headDistance;

namespace {

struct Grid {
  glm::vec3 origin;
  float cell;
  int nx, ny, nz;
  std::vector<float> value;
  float at(int i, int j, int k) const { return value[(size_t(k) * ny + j) * nx + i]; }
  glm::vec3 point(int i, int j, int k) const { return origin + glm::vec3(i, j, k) * cell; }
};

struct Mesh {
  std::vector<glm::vec3> positions, normals;
  std::vector<glm::vec2> uvs;
  std::vector<int> regions;
  std::vector<unsigned> indices;
};

// Longitude (u, 0.5 straight ahead at +y) and latitude (v, 0 down .. 1 up) around
// the centre of the head.
glm::vec2 sphericalUv(glm::vec3 p) {
  const glm::vec3 centre(0.0f, -5.0f, -10.0f);
  glm::vec3 d = p - centre;
  float u = std::atan2(d.x, d.y) / (2.0f * 3.14159265f) + 0.5f;
  float v = std::asin(std::clamp(d.z / glm::length(d), -1.0f, 1.0f)) / 3.14159265f + 0.5f;
  return {u, v};
}

glm::vec3 gradient(glm::vec3 p) {
  const float e = 0.25f;
  return glm::normalize(glm::vec3(headDistance(p + glm::vec3(e, 0, 0)) - headDistance(p - glm::vec3(e, 0, 0)),
                                  headDistance(p + glm::vec3(0, e, 0)) - headDistance(p - glm::vec3(0, e, 0)),
                                  headDistance(p + glm::vec3(0, 0, e)) - headDistance(p - glm::vec3(0, 0, e))));
}

Mesh surfaceNets(const Grid& g) {
  Mesh mesh;
  std::vector<int> vertexOf(size_t(g.nx) * g.ny * g.nz, -1);
  auto cellIndex = [&](int i, int j, int k) { return (size_t(k) * g.ny + j) * g.nx + i; };
  const int corners[8][3] = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {1, 1, 0}, {0, 0, 1}, {1, 0, 1}, {0, 1, 1}, {1, 1, 1}};
  const int edges[12][2] = {{0, 1}, {2, 3}, {4, 5}, {6, 7}, {0, 2}, {1, 3}, {4, 6}, {5, 7}, {0, 4}, {1, 5}, {2, 6}, {3, 7}};
  for (int k = 0; k + 1 < g.nz; ++k)
    for (int j = 0; j + 1 < g.ny; ++j)
      for (int i = 0; i + 1 < g.nx; ++i) {
        float v[8];
        for (int c = 0; c < 8; ++c) v[c] = g.at(i + corners[c][0], j + corners[c][1], k + corners[c][2]);
        glm::vec3 sum(0.0f);
        int crossings = 0;
        for (auto& e : edges) {
          if ((v[e[0]] < 0) == (v[e[1]] < 0)) continue;
          float t = v[e[0]] / (v[e[0]] - v[e[1]]);
          glm::vec3 a(corners[e[0]][0], corners[e[0]][1], corners[e[0]][2]);
          glm::vec3 b(corners[e[1]][0], corners[e[1]][1], corners[e[1]][2]);
          sum += a + (b - a) * t;
          crossings++;
        }
        if (!crossings) continue;
        glm::vec3 p = g.origin + (glm::vec3(i, j, k) + sum / float(crossings)) * g.cell;
        vertexOf[cellIndex(i, j, k)] = int(mesh.positions.size());
        mesh.positions.push_back(p);
        mesh.normals.push_back(gradient(p));
        mesh.regions.push_back(faceRegion(p));
        mesh.uvs.push_back(sphericalUv(p));
      }
  // A quad around every grid edge the surface crosses, wound counter-clockwise seen
  // from outside, so the triangles' own normals point out as the vertex normals do.
  for (int k = 1; k + 1 < g.nz; ++k)
    for (int j = 1; j + 1 < g.ny; ++j)
      for (int i = 1; i + 1 < g.nx; ++i) {
        float here = g.at(i, j, k);
        const int axes[3][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (int a = 0; a < 3; ++a) {
          float there = g.at(i + axes[a][0], j + axes[a][1], k + axes[a][2]);
          if ((here < 0) == (there < 0)) continue;
          // The four cells sharing this edge.
          int u = (a + 1) % 3, w = (a + 2) % 3;
          int base[3] = {i, j, k};
          int quad[4];
          bool complete = true;
          const int offsets[4][2] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
          for (int q = 0; q < 4; ++q) {
            int c[3] = {base[0], base[1], base[2]};
            c[u] -= offsets[q][0];
            c[w] -= offsets[q][1];
            quad[q] = vertexOf[cellIndex(c[0], c[1], c[2])];
            complete &= quad[q] >= 0;
          }
          if (!complete) continue;
          bool flip = here >= 0;  // counter-clockwise seen from outside (glTF front faces)
          unsigned tri[6] = {unsigned(quad[0]), unsigned(quad[1]), unsigned(quad[2]),
                             unsigned(quad[0]), unsigned(quad[2]), unsigned(quad[3])};
          if (flip) std::swap(tri[1], tri[2]), std::swap(tri[4], tri[5]);
          mesh.indices.insert(mesh.indices.end(), tri, tri + 6);
        }
      }
  return mesh;
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

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: make_face OUTPUT.glb [cell_mm]\n");
    return 2;
  }
  float cell = argc > 2 ? std::stof(argv[2]) : 2.5f;
  Grid g{{-100, -115, -200}, cell, 0, 0, 0, {}};
  g.nx = int(200 / cell) + 1;
  g.ny = int(230 / cell) + 1;
  g.nz = int(320 / cell) + 1;
  g.value.resize(size_t(g.nx) * g.ny * g.nz);
  for (int k = 0; k < g.nz; ++k)
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) g.value[(size_t(k) * g.ny + j) * g.nx + i] = headDistance(g.point(i, j, k));
  Mesh mesh = surfaceNets(g);
  std::printf("make_face: %zu vertices, %zu triangles\n", mesh.positions.size(), mesh.indices.size() / 3);
  return exportGlb(mesh, argv[1]) ? 0 : 1;
}
