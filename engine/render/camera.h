#pragma once
// An orbit camera around a target point (scene millimetres, z up).
#include <glm/glm.hpp>

namespace ns::render {

struct OrbitCamera {
  glm::vec3 target{0.0f, 0.0f, -0.8f};
  float yaw_deg = -28.0f;    // around +z, 0 looks along +y
  float pitch_deg = 30.0f;   // above the horizon
  float distance_mm = 21.0f;
  float fovY_deg = 35.0f;
  float far_mm = 500.0f;
};

// Vulkan clip space: y down, depth 0..1.
glm::mat4 viewProjection(const OrbitCamera& camera, float aspect);
glm::vec3 eyePosition(const OrbitCamera& camera);

// Looks at `point` from `distance_mm` along `normal` (a spot on the skin, face on).
void focusCamera(OrbitCamera& camera, glm::vec3 point, glm::vec3 normal, float distance_mm);

}  // namespace ns::render
