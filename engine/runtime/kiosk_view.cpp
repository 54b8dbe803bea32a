#include "runtime/kiosk_view.h"

#include <algorithm>
#include <cmath>

namespace ns::runtime {

render::OrbitCamera clampToAnchor(const render::OrbitCamera& camera, const render::OrbitCamera& anchor,
                                  const ViewLimits& limits) {
  render::OrbitCamera c = camera;
  float yaw = std::remainder(c.yaw_deg - anchor.yaw_deg, 360.0f);
  c.yaw_deg = anchor.yaw_deg + std::clamp(yaw, -limits.yaw_deg, limits.yaw_deg);
  float lo = std::max(limits.pitchMin_deg, anchor.pitch_deg - limits.pitchDown_deg);
  float hi = std::min(limits.pitchMax_deg, anchor.pitch_deg + limits.pitchUp_deg);
  c.pitch_deg = std::clamp(c.pitch_deg, std::min(lo, hi), std::max(lo, hi));
  c.distance_mm = std::clamp(c.distance_mm, anchor.distance_mm * limits.nearFactor, anchor.distance_mm * limits.farFactor);
  glm::vec3 offset = c.target - anchor.target;
  float pan = glm::length(offset), maxPan = anchor.distance_mm * limits.panFactor;
  if (pan > maxPan) c.target = anchor.target + offset * (maxPan / pan);
  return c;
}

bool sameView(const render::OrbitCamera& a, const render::OrbitCamera& b) {
  return a.target == b.target && a.yaw_deg == b.yaw_deg && a.pitch_deg == b.pitch_deg && a.distance_mm == b.distance_mm;
}

glm::vec2 screenPosition(const render::OrbitCamera& camera, glm::vec3 point, float aspect) {
  glm::vec4 clip = render::viewProjection(camera, aspect) * glm::vec4(point, 1.0f);
  if (clip.w <= 0) return {1e9f, 1e9f};  // behind the camera
  return {clip.x / clip.w, clip.y / clip.w};
}

}  // namespace ns::runtime
