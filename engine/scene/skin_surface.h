#pragma once
// The skin the pen works on: the flat patch (the scene's plane z = 0, centred on the
// origin, +z out of the skin) or a mesh (a face, any file Assimp reads). The pen,
// training, healing and the renderer ask this type where the skin is, what region
// it is, which frame a strike is seen in; the patch/mesh split lives here alone.
//
//   SkinSurface patch = patchSurface(scene);                     // the default
//   SkinSurface face;  loadMeshSurface(path, face, error, warnings);
//   SurfaceHit hit;  if (skinUnderPen(face, tip, axis, hit)) frame = strikeFrame(face, hit);
#include <glm/glm.hpp>

#include <string>
#include <vector>

#include "scene/scene.h"
#include "scene/surface_mesh.h"
#include "scene/surface_query.h"

namespace ns::scene {

struct SkinSurface {
  // A mesh (curved skin with a UV chart and a region map) or the flat patch.
  bool curved = false;
  // The patch: its visible half width and the scene's region (one region everywhere).
  // Its UV chart covers the visible square: u = x / W + 1/2, v = y / W + 1/2 (W the
  // visible width; v along +y, as the atlas's rows go), W mm per unit of u and of v.
  double patchHalfWidth_mm = 5.0;
  std::string patchRegion;
  // A mesh, in scene mm, and the grid that answers ray casts on it.
  SurfaceMesh mesh;
  SurfaceIndex index;
};

// The visible patch is 10 mm wide whatever the tissue block's width.
constexpr double kPatchWidth_mm = 10.0;
// A pen further than this from the skin (in the treatment frame) is lifted away:
// not drawn, not followed by the micro view.
constexpr double kNearSkin_mm = 20.0;

SkinSurface patchSurface(const Scene& scene);
// Takes the mesh (already in mm: see fitToMillimetres) and indexes it for ray casts.
SkinSurface meshSurface(SurfaceMesh mesh);

// Where a ray (the mouse) meets the skin: the patch within its visible square, a
// mesh anywhere. The normal faces the ray's origin. Hits carry the chart there (uv,
// dPdu, dPdv; uvValid false off the chart: a mesh's seam, the patch beyond its
// visible square).
bool raycastSkin(const SkinSurface& skin, glm::dvec3 origin, glm::dvec3 dir, double maxDistance, SurfaceHit& hit);
// The skin under a pen tip along its axis (the patch: the plane right under the
// tip, always; a mesh: see surfaceUnderPen).
bool skinUnderPen(const SkinSurface& skin, glm::dvec3 tip, glm::dvec3 axis, SurfaceHit& hit);
// The frame a strike at `hit` is seen in (needles, tilt, drag): the patch's is the
// scene's own frame, a mesh's the skin frame at the hit.
SurfaceFrame strikeFrame(const SkinSurface& skin, const SurfaceHit& hit);
// The treatment frame, fixed where the pen first touched (`hit`): technique and the
// tissue block see samples and punctures in it. The patch's is the scene's frame.
SurfaceFrame treatmentFrame(const SkinSurface& skin, const SurfaceHit& hit);
// True when the treatment frame is the scene's own (the patch): samples and
// punctures need no copy in it.
bool treatmentFrameIsScene(const SkinSurface& skin);
// Where a pen away from any skin is put (not drawn, nowhere near the skin).
glm::dvec3 liftedAway(const SkinSurface& skin);
// The same in the treatment frame (height above the skin's plane).
glm::dvec3 liftedAwayInTreatmentFrame();
// The region at a hit ("" for an unknown index).
std::string regionAt(const SkinSurface& skin, const SurfaceHit& hit);
// The skin has cut faces showing the layers (the patch) rather than a closed surface.
bool hasCutFaces(const SkinSurface& skin);

// Where to look at a region from (a lesson's "face the region"): a point of its
// skin near its middle — on one side of the face for a region on both sides, the
// cheeks — the skin's normal there and the region's radius (mm). False for a region
// the skin does not have; the patch has one region, its middle.
struct RegionView {
  glm::dvec3 centre{0.0}, normal{0.0, 0.0, 1.0};
  double radius_mm = 0;
};
bool regionView(const SkinSurface& skin, const std::string& region, RegionView& view);
// The patch's surface-field atlas has texels of 1/6 mm, about a needle wide as the
// renderer's puncture marks are drawn (a face's 0.3 mm texels are its memory
// budget; 60 × 60 cost nothing): each needle row of a stamp (0.6 mm pitch) has its
// own, and the pretreated channels (at odd multiples of 0.25 mm) sit at texel centres.
constexpr int kPatchAtlasTexelsPerMm = 6;

// The size of a surface-field atlas over the skin's UV chart, texels at most
// `texel_mm` on the skin, at most `maxTexels` in all: a mesh's about texel_mm, from
// its chart's stretch (see uvAtlasSize; {0, 0} without UVs), the patch's a square
// over its visible width (kPatchAtlasTexelsPerMm, or finer if asked).
glm::ivec2 surfaceAtlasSize(const SkinSurface& skin, double texel_mm, long long maxTexels);
// The chart's size at a hit, mm on the skin per unit of u and of v ({0, 0} off the
// chart): with the atlas's size, a puncture's footprint in texels.
glm::dvec2 uvScale_mm(const SurfaceHit& hit);
// Whether the tissue block sits at the scene's origin from the start (the patch) or
// where the pen first touches (a mesh).
bool blockPlacedAtStart(const SkinSurface& skin);

}  // namespace ns::scene
