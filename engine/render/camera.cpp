#include "render/camera.h"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>

namespace ns::render {

glm::vec3 eyePosition(const OrbitCamera& camera) {
  float yaw = glm::radians(camera.yaw_deg), pitch = glm::radians(camera.pitch_deg);
  glm::vec3 offset{std::sin(yaw) * std::cos(pitch), -std::cos(yaw) * std::cos(pitch), std::sin(pitch)};
  return camera.target + offset * camera.distance_mm;
}

void focusCamera(OrbitCamera& camera, glm::vec3 point, glm::vec3 normal, float distance_mm) {
  glm::vec3 n = glm::normalize(normal);
  camera.target = point;
  camera.pitch_deg = glm::degrees(std::asin(std::clamp(n.z, -0.98f, 0.98f)));  // not straight down: z stays up
  camera.yaw_deg = glm::degrees(std::atan2(n.x, -n.y));
  camera.distance_mm = distance_mm;
}

glm::mat4 viewProjection(const OrbitCamera& camera, float aspect) {
  glm::mat4 view = glm::lookAt(eyePosition(camera), camera.target, glm::vec3(0, 0, 1));
  glm::mat4 proj = glm::perspective(glm::radians(camera.fovY_deg), aspect, std::max(0.05f, camera.far_mm / 2000.0f), camera.far_mm);
  proj[1][1] *= -1.0f;  // Vulkan's y points down
  return proj * view;
}

}  // namespace ns::render
