#pragma once
// Mouse control of the orbit camera in the window: left-drag orbits, right-drag
// pans, the wheel zooms, R resets. Input ImGui wants (over the panel) is left alone.
#include "render/camera.h"

struct GLFWwindow;

namespace ns::runtime {

struct CameraControls {
  render::OrbitCamera home;  // what R returns to
  double lastX = 0, lastY = 0;
  bool dragging = false;
  double pendingScroll = 0;
};

void attachCameraControls(GLFWwindow* window, CameraControls& controls, const render::OrbitCamera& home);
void updateCamera(GLFWwindow* window, CameraControls& controls, render::OrbitCamera& camera);

}  // namespace ns::runtime
