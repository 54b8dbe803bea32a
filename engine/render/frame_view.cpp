#include "render/frame_view.h"

#include <algorithm>
#include <cmath>

namespace ns::render {

FrameView initialView(const scene::Scene& scene, const scene::SkinSurface& skin) {
  FrameView view;
  view.settings.fieldScaleMax = float(scene.serum.surface_concentration);
  if (scene.tissue.fitzpatrick > 0) view.settings.skinTone = 0.2f * float(scene.tissue.fitzpatrick - 1);  // I..VI: 0..1
  if (scene::hasCutFaces(skin)) {
    float thickness_mm = float(scene.tissue.totalThickness_um() / 1000.0);
    view.camera.target = {0.0f, -float(skin.patchHalfWidth_mm) * 0.45f, -thickness_mm * 0.5f};
    return view;
  }
  const scene::SurfaceMesh& mesh = skin.mesh;
  glm::vec3 centre = 0.5f * (mesh.boundsMin + mesh.boundsMax);
  float radius = 0.5f * glm::length(mesh.boundsMax - mesh.boundsMin);
  OrbitCamera& camera = view.camera;
  // The light keeps its place relative to the camera: turned about z as the view is.
  float turn = glm::radians(155.0f - camera.yaw_deg);
  glm::vec3 l = view.settings.lightDirection;
  view.settings.lightDirection = {l.x * std::cos(turn) - l.y * std::sin(turn), l.x * std::sin(turn) + l.y * std::cos(turn), l.z};
  camera.target = centre;
  camera.yaw_deg = 155.0f;  // from +y, where our face looks (and from the front-right for others)
  camera.pitch_deg = 12.0f;
  camera.distance_mm = std::max(3.0f, radius * 2.6f);
  camera.far_mm = std::max(500.0f, camera.distance_mm + radius * 4.0f);
  view.settings.showField = false;
  glm::dvec2 chart = scene::uvStretch_mm(mesh);  // the runtime's atlas exists exactly then (scene::uvAtlasSize)
  view.settings.showHealing = chart.x > 0 && chart.y > 0;
  return view;
}

}  // namespace ns::render
