#include "scene/skin_surface.h"

#include <algorithm>
#include <cmath>

namespace ns::scene {

SkinSurface patchSurface(const Scene& scene) {
  SkinSurface skin;
  skin.curved = false;
  skin.patchHalfWidth_mm = kPatchWidth_mm / 2;
  skin.patchRegion = scene.tissue.region;
  return skin;
}

SkinSurface meshSurface(SurfaceMesh mesh) {
  SkinSurface skin;
  skin.curved = true;
  skin.mesh = std::move(mesh);
  skin.index = buildSurfaceIndex(skin.mesh);
  return skin;
}

namespace {

// The patch's plane at (x, y), with its chart (see SkinSurface). The chart extends
// beyond the visible square (uv outside 0..1 there), so each needle of a strike finds
// its own place and the atlas clips what falls off it.
SurfaceHit patchHit(const SkinSurface& skin, double x, double y) {
  SurfaceHit hit;
  hit.point = {x, y, 0.0};
  double width = 2 * skin.patchHalfWidth_mm;
  hit.dPdu = {width, 0.0, 0.0};
  hit.dPdv = {0.0, width, 0.0};
  hit.uvValid = true;
  hit.uv = {x / width + 0.5, y / width + 0.5};
  return hit;
}

}  // namespace

bool raycastSkin(const SkinSurface& skin, glm::dvec3 origin, glm::dvec3 dir, double maxDistance, SurfaceHit& hit) {
  if (skin.curved) return raycastSurface(skin.mesh, skin.index, origin, dir, maxDistance, hit);
  if (std::fabs(dir.z) < 1e-12) return false;
  double t = -origin.z / dir.z;
  if (t < 0 || t > maxDistance) return false;
  glm::dvec3 p = origin + dir * t;
  if (std::fabs(p.x) > skin.patchHalfWidth_mm || std::fabs(p.y) > skin.patchHalfWidth_mm) return false;
  hit = patchHit(skin, p.x, p.y);
  hit.distance = t;
  hit.normal = {0.0, 0.0, origin.z >= 0 ? 1.0 : -1.0};
  return true;
}

bool skinUnderPen(const SkinSurface& skin, glm::dvec3 tip, glm::dvec3 axis, SurfaceHit& hit) {
  if (skin.curved) return surfaceUnderPen(skin.mesh, skin.index, tip, axis, hit);
  // The patch's plane extends under the pen wherever it is: strikes beyond the
  // visible square still land (and are counted) as they would on real skin.
  hit = patchHit(skin, tip.x, tip.y);
  hit.distance = tip.z;
  hit.normal = {0.0, 0.0, 1.0};
  return true;
}

SurfaceFrame strikeFrame(const SkinSurface& skin, const SurfaceHit& hit) {
  return skin.curved ? frameAt(hit) : SurfaceFrame{};
}

SurfaceFrame treatmentFrame(const SkinSurface& skin, const SurfaceHit& hit) {
  return skin.curved ? skinFrame(hit.point, hit.normal) : SurfaceFrame{};
}

bool treatmentFrameIsScene(const SkinSurface& skin) { return !skin.curved; }

glm::dvec3 liftedAway(const SkinSurface& skin) {
  if (skin.curved) return glm::dvec3(skin.mesh.boundsMax) + glm::dvec3(0.0, 0.0, 200.0);
  return liftedAwayInTreatmentFrame();
}

glm::dvec3 liftedAwayInTreatmentFrame() { return {0.0, 0.0, 50.0}; }

std::string regionAt(const SkinSurface& skin, const SurfaceHit& hit) {
  if (!skin.curved) return skin.patchRegion;
  if (hit.region < 0 || size_t(hit.region) >= skin.mesh.regionNames.size()) return "";
  return skin.mesh.regionNames[size_t(hit.region)];
}

bool hasCutFaces(const SkinSurface& skin) { return !skin.curved; }

glm::ivec2 surfaceAtlasSize(const SkinSurface& skin, double texel_mm, long long maxTexels) {
  if (skin.curved) return uvAtlasSize(skin.mesh, texel_mm, maxTexels);
  double width = 2 * skin.patchHalfWidth_mm;
  double side = std::max(width * kPatchAtlasTexelsPerMm, std::ceil(width / texel_mm - 1e-9));
  return glm::ivec2(int(std::max(1.0, std::min(side, std::floor(std::sqrt(double(maxTexels)))))));
}

glm::dvec2 uvScale_mm(const SurfaceHit& hit) {
  return hit.uvValid ? glm::dvec2(glm::length(hit.dPdu), glm::length(hit.dPdv)) : glm::dvec2(0.0);
}

bool blockPlacedAtStart(const SkinSurface& skin) { return !skin.curved; }

bool regionView(const SkinSurface& skin, const std::string& region, RegionView& view) {
  if (!skin.curved) {
    view = {{0.0, 0.0, 0.0}, {0.0, 0.0, 1.0}, skin.patchHalfWidth_mm};
    return region == skin.patchRegion;
  }
  const SurfaceMesh& m = skin.mesh;
  // The region's own skin, or for a group name ("orbital") its members' (regionMembers).
  std::vector<bool> member(m.regionNames.size(), false);
  bool named = false;
  for (const std::string& name : regionMembers(region)) {
    auto it = std::find(m.regionNames.begin(), m.regionNames.end(), name);
    if (it != m.regionNames.end()) member[size_t(it - m.regionNames.begin())] = named = true;
  }
  if (!named || m.normals.size() != m.positions.size()) return false;
  auto inRegion = [&](size_t v) { return m.regions[v] < member.size() && member[m.regions[v]]; };
  // A region with no skin near the midline lies on both sides (the cheeks): the +x one.
  double halfWidth = 0.5 * (m.boundsMax.x - m.boundsMin.x), midline = 0.5 * (m.boundsMax.x + m.boundsMin.x);
  bool onMidline = false, any = false;
  for (size_t v = 0; v < m.positions.size(); ++v)
    if (inRegion(v)) any = true, onMidline |= std::abs(m.positions[v].x - midline) < 0.05 * halfWidth;
  if (!any) return false;
  auto mine = [&](size_t v) { return inRegion(v) && (onMidline || m.positions[v].x >= midline); };
  glm::dvec3 mean(0.0), normal(0.0);
  size_t n = 0;
  for (size_t v = 0; v < m.positions.size(); ++v)
    if (mine(v)) mean += glm::dvec3(m.positions[v]), normal += glm::dvec3(m.normals[v]), ++n;
  mean /= double(n);
  normal = glm::length(normal) > 1e-9 ? glm::normalize(normal) : glm::dvec3(0.0, 1.0, 0.0);
  double sumSq = 0;
  for (size_t v = 0; v < m.positions.size(); ++v)
    if (mine(v)) sumSq += std::pow(glm::length(glm::dvec3(m.positions[v]) - mean), 2);
  view.radius_mm = std::sqrt(sumSq / double(n));
  view.normal = normal;
  // The skin seen from out along the mean normal (the mean itself lies under a curved region).
  SurfaceHit hit;
  double reach = 4.0 * view.radius_mm + 100.0;
  if (raycastSurface(m, skin.index, mean + normal * reach, -normal, 2.0 * reach, hit) && hit.region >= 0 &&
      size_t(hit.region) < member.size() && member[size_t(hit.region)]) {
    view.centre = hit.point;
    return true;
  }
  size_t best = 0;  // else the region's vertex nearest the mean
  double bestDistance = 1e300;
  for (size_t v = 0; v < m.positions.size(); ++v)
    if (mine(v) && glm::length(glm::dvec3(m.positions[v]) - mean) < bestDistance)
      bestDistance = glm::length(glm::dvec3(m.positions[v]) - mean), best = v;
  view.centre = glm::dvec3(m.positions[best]);
  return true;
}

}  // namespace ns::scene
