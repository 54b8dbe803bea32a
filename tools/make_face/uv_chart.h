#pragma once
// The head's UV chart: where the surface fields (redness, bleeding, punctures,
// coverage) live on it. One chart carries every treated region whole, with no seam
// through any of them; everything it cannot carry without two points sharing a
// place (the ears' folds, the mouth's and lids' linings, the back of the head, the
// neck's cap, the eyes) gets islands of its own. No two triangles overlap.
//
// The face's chart: an azimuthal equidistant projection seen from a point inside
// the head (0, −5, −10) mm, centred on the straight-ahead direction (+y). Distances
// from that direction are kept (R0 mm of chart per radian) out to 115°, past the
// neck's back; beyond, to 140° behind the ears, they are halved (scalp, never
// treated). Every ray from that point leaves the outer skin once, so the outer skin
// facing out along the rays is one piece, its seam only round the back of the
// head (and round the islands). A triangle another covers further out, or facing
// in, or overlapping another in the chart, goes to the islands instead.
//
// Islands: grown from the largest free triangle over neighbours facing within 55°
// of it, projected flat onto the plane across that direction, as long as none
// overlaps another in the island: 1 mm of chart per mm of skin where treated, less
// where not (chartHead).
//
// Then the pieces are packed in shelves into one rectangle, 3 mm apart, and the
// rectangle scaled to 0..1 in u and v (the runtime's atlas keeps its proportions).
#include <set>
#include <string>
#include <vector>

#include "head_mesh.h"

namespace ns::tools {

struct ChartSummary {
  size_t faceTriangles = 0;    // on the face's chart
  size_t islandTriangles = 0;  // on the islands
  size_t islands = 0;
  size_t seamVertices = 0;     // vertices split where a seam runs (added to the mesh)
  double width_mm = 0, height_mm = 0;  // the packed rectangle, in chart mm
  std::vector<bool> onFace;            // per triangle: on the face's chart (else an island)
};

// Gives every triangle of `mesh` a UV (vertices split along the seams; regions,
// normals, occlusion and positions copied). `notOnFace[t]` marks triangles the
// face's chart must not take (the ears, the eyes, the neck's cap). Islands mostly
// of `untreated` regions are packed at a third of the skin's scale, of `ear` at 0.6;
// the `eye` islands first, then the ears', so each region's islands lie together.
ChartSummary chartHead(Mesh& mesh, const std::vector<bool>& notOnFace, int ear, int eye, const std::set<int>& untreated);

// Triangles whose UVs overlap (interior overlap beyond `tolerance`), as pairs of
// triangle numbers; for the tool's own check and its report.
std::vector<std::pair<size_t, size_t>> overlappingTriangles(const std::vector<glm::vec2>& uv,
                                                            const std::vector<unsigned>& indices,
                                                            const std::vector<size_t>& triangles, float tolerance);

}  // namespace ns::tools
