#pragma once
// Questions asked of a skin surface mesh while needling it: where a ray (the mouse,
// the pen axis) meets it, the surface point's normal, texture coordinate and
// region, and how its UV chart is stretched there (mm per unit of u and v), which
// turns millimetres on the skin into texels of the surface fields.
//
// Rays are answered through a uniform grid of triangle lists (a few mm per cell),
// so a query touches a few dozen triangles instead of the whole mesh: the pen asks
// one per motor strike (110 a second), replays many more.
#include <glm/glm.hpp>

#include <cstdint>
#include <vector>

#include "scene/surface_mesh.h"

namespace ns::scene {

struct SurfaceIndex {
  glm::dvec3 origin{0.0};    // the grid's corner (mm)
  double cell_mm = 1.0;
  glm::ivec3 cells{0};
  std::vector<uint32_t> start;      // per cell: offset into triangles (size cells + 1)
  std::vector<uint32_t> triangles;  // triangle indices, cell after cell
};

struct SurfaceHit {
  double distance = 0;           // along the ray (mm)
  glm::dvec3 point{0.0};
  glm::dvec3 normal{0, 0, 1};    // interpolated, facing the ray's origin
  glm::dvec2 uv{-1.0};           // -1: the mesh has no UVs
  glm::dvec3 dPdu{0.0}, dPdv{0.0};  // mm per unit of u and v on this triangle
  bool uvValid = false;          // false where the triangle's chart is degenerate (a seam)
  int region = 0;                // index into the mesh's region names (nearest corner)
  uint32_t triangle = 0;
};

SurfaceIndex buildSurfaceIndex(const SurfaceMesh& mesh);

// The nearest hit of the ray origin + t·dir, 0 ≤ t ≤ maxDistance; false if none.
bool raycastSurface(const SurfaceMesh& mesh, const SurfaceIndex& index, glm::dvec3 origin, glm::dvec3 dir,
                    double maxDistance, SurfaceHit& hit);

// The skin under a pen: the surface nearest the tip along its axis, up to 30 mm
// ahead (hovering; distance > 0) or 5 mm behind (pressed in; distance < 0), with
// the normal pointing out towards the pen.
bool surfaceUnderPen(const SurfaceMesh& mesh, const SurfaceIndex& index, glm::dvec3 tip, glm::dvec3 axis,
                     SurfaceHit& hit);

// An orthonormal frame on the skin: n out of the skin, t along the skin's
// horizontal (scene z is up; on skin facing up or down, along x), b = n × t. On
// the patch it is the scene's own frame. Cartridges, tilts and the treatment frame
// are all seen in it, so "horizontal" means the same everywhere.
struct SurfaceFrame {
  glm::dvec3 origin{0.0}, t{1, 0, 0}, b{0, 1, 0}, n{0, 0, 1};
};
SurfaceFrame skinFrame(glm::dvec3 point, glm::dvec3 normal);
SurfaceFrame frameAt(const SurfaceHit& hit);
glm::dvec3 toFrame(const SurfaceFrame& frame, glm::dvec3 worldPoint);        // point → (x, y, height)
glm::dvec3 directionToFrame(const SurfaceFrame& frame, glm::dvec3 worldDir);
glm::dvec3 fromFrame(const SurfaceFrame& frame, glm::dvec3 localPoint);
glm::dvec3 directionFromFrame(const SurfaceFrame& frame, glm::dvec3 localDir);

// The UV of a point near the hit (on its tangent plane), through the chart's
// Jacobian there.
glm::dvec2 uvNear(const SurfaceHit& hit, glm::dvec3 worldPoint);

// The chart's median stretch: mm on the skin per unit of u and of v (area-weighted
// over triangles off the seam, and on a mapped mesh over its regions other than
// "body"); {0, 0} without UVs.
glm::dvec2 uvStretch_mm(const SurfaceMesh& mesh);

// The size (texels across u and v) of a surface-field atlas over the mesh's UVs
// whose texels are about `texel_mm` on the skin (from the chart's area-weighted mean
// stretch), at most `maxTexels` in all; {0, 0} without UVs.
glm::ivec2 uvAtlasSize(const SurfaceMesh& mesh, double texel_mm, long long maxTexels);

// The fraction of triangles whose winding (counter-clockwise = front, as glTF has
// it) agrees with their vertex normals: near 1 for a consistently wound mesh, whose
// back faces can then be culled.
double windingAgreement(const SurfaceMesh& mesh);

// Spherical texture coordinates around the bounds' centre, for meshes that come
// without UVs (longitude, latitude; the seam behind, at −y).
void generateSphericalUvs(SurfaceMesh& mesh);

// Scales a mesh whose size is implausible for millimetres (bounding radius outside
// 5 … 500 mm) to a 30 mm radius about the origin; returns the factor (1 if kept).
float fitToMillimetres(SurfaceMesh& mesh);

}  // namespace ns::scene
