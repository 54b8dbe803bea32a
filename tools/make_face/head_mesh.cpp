#include "head_mesh.h"

#include <algorithm>
#include <map>

namespace ns::tools {

bool cutHead(const ObjMesh& base, const SceneFrame& frame, float cutY, PolyMesh& head, std::string& error) {
  int body = base.groupIndex("body");
  if (body < 0) {
    error = "no group `body` in the base mesh";
    return false;
  }
  head = {};
  std::vector<int> remap(base.positions.size(), -1);
  for (const ObjFace& f : base.faces) {
    if (f.group != body) continue;
    bool above = std::all_of(f.corners.begin(), f.corners.end(), [&](int v) { return base.positions[v].y > cutY; });
    if (!above) continue;
    std::vector<int> polygon;
    for (int v : f.corners) {
      if (remap[v] < 0) {
        remap[v] = int(head.positions.size());
        head.positions.push_back(frame(base.positions[v]));
        head.source.push_back(v);
      }
      polygon.push_back(remap[v]);
    }
    head.polygons.push_back(std::move(polygon));
  }
  // The rim: directed edges with no twin. The cap walks them backwards, so its
  // winding agrees with the faces beside it (outward, counter-clockwise).
  std::map<std::pair<int, int>, int> edges;
  for (auto& p : head.polygons)
    for (size_t i = 0; i < p.size(); ++i) edges[{p[i], p[(i + 1) % p.size()]}]++;
  std::map<int, int> next;  // rim, reversed: b -> a for each rim edge a -> b
  for (auto& [e, n] : edges)
    if (!edges.count({e.second, e.first})) next[e.second] = e.first;
  if (next.empty()) {
    error = "the cut left no rim";
    return false;
  }
  std::vector<int> cap{next.begin()->first};
  while (cap.size() <= next.size()) {
    auto it = next.find(cap.back());
    if (it == next.end()) break;
    if (it->second == cap.front()) break;
    cap.push_back(it->second);
  }
  if (cap.size() != next.size()) {
    error = "the cut left " + std::to_string(next.size()) + " rim edges, not one closed rim (" +
            std::to_string(cap.size()) + " in the first loop)";
    return false;
  }
  // The rim flattened onto its mean height, so the cap is a flat disc under the neck.
  float rimZ = 0;
  for (int v : cap) rimZ += head.positions[v].z;
  rimZ /= float(cap.size());
  for (int v : cap) head.positions[v].z = rimZ;
  head.polygons.push_back(cap);
  return true;
}

std::vector<glm::vec3> polygonNormals(const PolyMesh& mesh) {
  std::vector<glm::vec3> normals(mesh.positions.size(), glm::vec3(0.0f));
  for (auto& p : mesh.polygons)
    for (size_t i = 1; i + 1 < p.size(); ++i) {
      glm::vec3 a = mesh.positions[p[0]], b = mesh.positions[p[i]], c = mesh.positions[p[i + 1]];
      glm::vec3 n = glm::cross(b - a, c - a);
      normals[p[0]] += n, normals[p[i]] += n, normals[p[i + 1]] += n;
    }
  for (auto& n : normals) n = glm::length(n) > 0 ? glm::normalize(n) : glm::vec3(0, 0, 1);
  return normals;
}

void computeNormals(Mesh& mesh, size_t firstVertex) {
  for (size_t v = firstVertex; v < mesh.positions.size(); ++v) mesh.normals[v] = glm::vec3(0.0f);
  for (size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
    unsigned a = mesh.indices[t], b = mesh.indices[t + 1], c = mesh.indices[t + 2];
    if (a < firstVertex) continue;
    glm::vec3 n = glm::cross(mesh.positions[b] - mesh.positions[a], mesh.positions[c] - mesh.positions[a]);
    mesh.normals[a] += n, mesh.normals[b] += n, mesh.normals[c] += n;
  }
  for (size_t v = firstVertex; v < mesh.positions.size(); ++v) {
    glm::vec3& n = mesh.normals[v];
    n = glm::length(n) > 0 ? glm::normalize(n) : glm::vec3(0, 0, 1);
  }
}

namespace {

// One Catmull–Clark step on a closed polygon mesh (Catmull & Clark 1978): a point
// per face (its centroid), per edge (its ends and its two faces' points), each old
// vertex moved to (F + 2R + (n − 3)P) / n; every n-gon becomes n quads. Written out
// rather than Assimp's subdivider, which finds shared corners by position and
// dropped faces where MakeHuman's closed lips and lower lids bring vertices close.
PolyMesh catmullClark(const PolyMesh& in) {
  PolyMesh out;
  const size_t nv = in.positions.size();
  out.positions = in.positions;  // moved below
  out.source = in.source;
  std::vector<int> facePoint(in.polygons.size());
  for (size_t f = 0; f < in.polygons.size(); ++f) {
    glm::vec3 c(0.0f);
    for (int v : in.polygons[f]) c += in.positions[v];
    facePoint[f] = int(out.positions.size());
    out.positions.push_back(c / float(in.polygons[f].size()));
    out.source.push_back(-1);
  }
  std::map<std::pair<int, int>, std::vector<int>> edgeFaces;
  for (size_t f = 0; f < in.polygons.size(); ++f) {
    auto& p = in.polygons[f];
    for (size_t i = 0; i < p.size(); ++i) {
      int a = p[i], b = p[(i + 1) % p.size()];
      edgeFaces[{std::min(a, b), std::max(a, b)}].push_back(int(f));
    }
  }
  std::map<std::pair<int, int>, int> edgePoint;
  std::vector<glm::vec3> faceSum(nv, glm::vec3(0.0f)), edgeSum(nv, glm::vec3(0.0f));
  std::vector<int> valence(nv, 0), faceCount(nv, 0);
  for (auto& [e, faces] : edgeFaces) {
    glm::vec3 mid = 0.5f * (in.positions[e.first] + in.positions[e.second]);
    glm::vec3 point = mid;
    if (faces.size() == 2)
      point = 0.25f * (in.positions[e.first] + in.positions[e.second] + out.positions[facePoint[faces[0]]] +
                       out.positions[facePoint[faces[1]]]);
    edgePoint[e] = int(out.positions.size());
    out.positions.push_back(point);
    out.source.push_back(-1);
    for (int v : {e.first, e.second}) edgeSum[v] += mid, valence[v]++;
  }
  for (size_t f = 0; f < in.polygons.size(); ++f)
    for (int v : in.polygons[f]) faceSum[v] += out.positions[facePoint[f]], faceCount[v]++;
  for (size_t v = 0; v < nv; ++v) {
    float n = float(valence[v]);
    if (valence[v] < 3 || faceCount[v] != valence[v]) continue;  // (closed: as many faces as edges)
    glm::vec3 F = faceSum[v] / n, R = edgeSum[v] / n;
    out.positions[v] = (F + 2.0f * R + (n - 3.0f) * in.positions[v]) / n;
  }
  for (size_t f = 0; f < in.polygons.size(); ++f) {
    auto& p = in.polygons[f];
    for (size_t i = 0; i < p.size(); ++i) {
      int prev = p[(i + p.size() - 1) % p.size()], v = p[i], next = p[(i + 1) % p.size()];
      out.polygons.push_back({v, edgePoint[{std::min(v, next), std::max(v, next)}], facePoint[f],
                              edgePoint[{std::min(prev, v), std::max(prev, v)}]});
    }
  }
  return out;
}

}  // namespace

Mesh subdivide(const PolyMesh& head, int levels) {
  PolyMesh smooth = head;
  for (int i = 0; i < levels; ++i) smooth = catmullClark(smooth);
  Mesh mesh;
  mesh.positions = smooth.positions;
  for (auto& p : smooth.polygons)
    for (size_t i = 1; i + 1 < p.size(); ++i)
      mesh.indices.insert(mesh.indices.end(), {unsigned(p[0]), unsigned(p[i]), unsigned(p[i + 1])});
  // Closed: every edge shared by two triangles.
  std::map<std::pair<unsigned, unsigned>, int> edges;
  for (size_t t = 0; t + 2 < mesh.indices.size(); t += 3)
    for (int k = 0; k < 3; ++k) {
      unsigned a = mesh.indices[t + k], b = mesh.indices[t + (k + 1) % 3];
      edges[{std::min(a, b), std::max(a, b)}]++;
    }
  mesh.openEdges = size_t(std::count_if(edges.begin(), edges.end(), [](auto& e) { return e.second != 2; }));
  mesh.normals.resize(mesh.positions.size());
  computeNormals(mesh);
  return mesh;
}

Eye helperEye(const ObjMesh& base, const SceneFrame& frame, const std::string& group) {
  int g = base.groupIndex(group);
  glm::vec3 lo(1e9f), hi(-1e9f);
  for (const ObjFace& f : base.faces)
    if (f.group == g)
      for (int v : f.corners) lo = glm::min(lo, base.positions[v]), hi = glm::max(hi, base.positions[v]);
  Eye eye;
  eye.centre = frame(0.5f * (lo + hi));
  eye.radius_mm = 0.5f * (hi.x - lo.x) * 100.0f;
  return eye;
}

void appendEyes(const ObjMesh& proxy, const Eye eyes[2], int eyeRegion, Mesh& mesh) {
  size_t first = mesh.positions.size();
  for (int side = 0; side < 2; ++side) {
    // This side's half of the proxy (MakeHuman's +X is the scene's −x).
    auto mine = [&](const ObjFace& f) { return (proxy.positions[f.corners[0]].x < 0) == (eyes[side].centre.x > 0); };
    glm::vec3 lo(1e9f), hi(-1e9f);
    for (const ObjFace& f : proxy.faces)
      if (mine(f))
        for (int v : f.corners) lo = glm::min(lo, proxy.positions[v]), hi = glm::max(hi, proxy.positions[v]);
    glm::vec3 centre = 0.5f * (lo + hi);
    float scale = eyes[side].radius_mm / (0.5f * (hi.x - lo.x) * 100.0f);
    std::map<int, unsigned> remap;
    for (const ObjFace& f : proxy.faces) {
      if (!mine(f)) continue;
      std::vector<unsigned> polygon;
      for (int v : f.corners) {
        auto [it, added] = remap.try_emplace(v, unsigned(mesh.positions.size()));
        if (added) {
          glm::vec3 d = (proxy.positions[v] - centre) * 100.0f * scale;  // MakeHuman axes, mm
          mesh.positions.push_back(eyes[side].centre + glm::vec3(-d.x, d.z, d.y));
          mesh.regions.push_back(eyeRegion);
        }
        polygon.push_back(it->second);
      }
      for (size_t i = 1; i + 1 < polygon.size(); ++i)
        mesh.indices.insert(mesh.indices.end(), {polygon[0], polygon[i], polygon[i + 1]});
    }
  }
  // The eyeball's normals are its sphere's (the cornea's bulge aside): the shader draws
  // the iris, pupil and limbus from the normal's direction (shaders/skin_patch.frag),
  // wherever the eye's island lies in the chart.
  mesh.normals.resize(mesh.positions.size());
  for (size_t v = first; v < mesh.positions.size(); ++v) {
    const Eye& eye = (mesh.positions[v].x < 0) == (eyes[0].centre.x < 0) ? eyes[0] : eyes[1];
    mesh.normals[v] = glm::normalize(mesh.positions[v] - eye.centre);
  }
}

}  // namespace ns::tools

namespace ns::tools {

bool cutNeck(Mesh& mesh, float cutZ_mm, float rise, size_t& capFirstVertex, std::string& error) {
  // The plane z = cutZ_mm − rise · y: lower under the chin, higher at the nape, as a
  // bust is cut; `side` > 0 above it.
  auto side = [&](glm::vec3 p) { return p.z + rise * p.y - cutZ_mm; };
  const glm::vec3 down = -glm::normalize(glm::vec3(0.0f, rise, 1.0f));
  auto above = [&](unsigned v) { return side(mesh.positions[v]) > 0.0f; };
  Mesh out;
  std::vector<int> remap(mesh.positions.size(), -1);
  auto keep = [&](unsigned v) {
    if (remap[v] < 0) {
      remap[v] = int(out.positions.size());
      out.positions.push_back(mesh.positions[v]);
      out.normals.push_back(mesh.normals[v]);
    }
    return unsigned(remap[v]);
  };
  std::map<std::pair<unsigned, unsigned>, unsigned> crossing;  // an edge's point on the plane
  auto onPlane = [&](unsigned a, unsigned b) {
    auto [it, added] = crossing.try_emplace({std::min(a, b), std::max(a, b)}, unsigned(out.positions.size()));
    if (added) {
      glm::vec3 pa = mesh.positions[a], pb = mesh.positions[b];
      float t = side(pa) / (side(pa) - side(pb));
      out.positions.push_back(glm::mix(pa, pb, t));
      out.normals.push_back(glm::normalize(glm::mix(mesh.normals[a], mesh.normals[b], t)));
    }
    return it->second;
  };
  for (size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
    unsigned v[3] = {mesh.indices[t], mesh.indices[t + 1], mesh.indices[t + 2]};
    int kept = above(v[0]) + above(v[1]) + above(v[2]);
    if (kept == 0) continue;
    if (kept == 3) {
      out.indices.insert(out.indices.end(), {keep(v[0]), keep(v[1]), keep(v[2])});
      continue;
    }
    // Rotated (winding kept) so v[0] is the lone corner: the one kept, or the one cut off.
    bool lone = kept == 1;
    while (above(v[0]) != lone || above(v[1]) == lone || above(v[2]) == lone) std::rotate(v, v + 1, v + 3);
    unsigned p01 = onPlane(v[0], v[1]), p20 = onPlane(v[2], v[0]);
    if (kept == 1) {
      out.indices.insert(out.indices.end(), {keep(v[0]), p01, p20});
    } else {
      out.indices.insert(out.indices.end(), {p01, keep(v[1]), keep(v[2])});
      out.indices.insert(out.indices.end(), {p01, keep(v[2]), p20});
    }
  }
  // The rim: directed edges with no twin, all on the plane; walked into one loop.
  std::map<std::pair<unsigned, unsigned>, int> edges;
  for (size_t t = 0; t + 2 < out.indices.size(); t += 3)
    for (int k = 0; k < 3; ++k) edges[{out.indices[t + k], out.indices[t + (k + 1) % 3]}]++;
  std::map<unsigned, unsigned> next;
  for (auto& [e, n] : edges)
    if (!edges.count({e.second, e.first})) next[e.first] = e.second;
  if (next.empty()) {
    error = "the neck's cut at z = " + std::to_string(cutZ_mm) + " mm left no rim";
    return false;
  }
  std::vector<unsigned> rim{next.begin()->first};
  while (rim.size() <= next.size()) {
    auto it = next.find(rim.back());
    if (it == next.end() || it->second == rim.front()) break;
    rim.push_back(it->second);
  }
  if (rim.size() != next.size()) {
    error = "the neck's cut left " + std::to_string(next.size()) + " rim edges, not one loop";
    return false;
  }
  // The cap: a fan from the rim's centroid, its own vertices facing down. Each rim
  // edge a -> b of the skin is b -> a on the cap, so the cap faces out (down).
  capFirstVertex = out.positions.size();
  glm::vec3 centre(0.0f);
  for (unsigned v : rim) centre += out.positions[v];
  centre /= float(rim.size());
  for (unsigned v : rim) out.positions.push_back(out.positions[v]), out.normals.push_back(down);
  unsigned mid = unsigned(out.positions.size());
  out.positions.push_back(centre);
  out.normals.push_back(down);
  for (size_t i = 0; i < rim.size(); ++i) {
    unsigned a = unsigned(capFirstVertex + i), b = unsigned(capFirstVertex + (i + 1) % rim.size());
    glm::vec3 n = glm::cross(out.positions[a] - out.positions[mid], out.positions[b] - out.positions[mid]);
    if (glm::dot(n, down) >= 0.0f) {  // (b, a, mid), the reverse of (mid, a, b), must face down: the rim star-shaped round its centroid
      error = "the neck's cross-section at z = " + std::to_string(cutZ_mm) + " mm is not star-shaped";
      return false;
    }
    out.indices.insert(out.indices.end(), {b, a, mid});
  }
  out.openEdges = 0;
  mesh = std::move(out);
  return true;
}

}  // namespace ns::tools
