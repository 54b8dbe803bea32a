#pragma once
// The interactive pen in the window. Mouse: the pen follows the cursor over the
// skin (a ray from the camera onto the surface), the left button puts it on the
// skin with the motor running, the wheel turns the dial (0.25 mm steps), the arrow
// keys tilt it (5° steps) and 0 stands it upright again. Gamepad (GLFW's mapping):
// the left stick glides the pen, the right trigger is contact, the bumpers turn the
// dial and the right stick tilts — kiosk friendly. Whichever was used last drives.
#include <glm/glm.hpp>

#include "input/pen_sample.h"
#include "render/camera.h"
#include "runtime/camera_controls.h"
#include "scene/scene.h"
#include "scene/skin_surface.h"

struct GLFWwindow;

namespace ns::runtime {

struct PenControls {
  double dial_mm = 0.5;
  double dialMin_mm = 0.0, dialMax_mm = 1e9;  // a lesson may hold the dial to a range
  glm::dvec2 tilt_deg{0.0};      // about the y axis (x lean) and the x axis (y lean)
  bool gamepadDriving = false;
  glm::dvec3 gamepadPos_mm{0.0};
  bool gamepadOnSkin = false;         // the gamepad pen has a place on the skin
  glm::dvec3 gamepadNormal{0, 0, 1};
  bool dialUpWas = false, dialDownWas = false;
  bool splitView = false;  // the window shows the skin twice side by side: the cursor is in one half's view
};

// The pen axis (into the skin) for a tilt.
glm::dvec3 axisFromTilt(glm::dvec2 tilt_deg);

// The ray (origin, unit direction) through a window pixel.
void pixelRay(const render::OrbitCamera& camera, glm::vec2 pixel, glm::vec2 windowSize, glm::dvec3& origin,
              glm::dvec3& dir);

// Reads mouse, keys and gamepad; returns the pen sample for this frame: the pen
// stands on the skin (under the cursor, or where the gamepad glided it), tilted in
// the skin's own frame; off the skin it is lifted away.
input::PenSample updatePenControls(GLFWwindow* window, PenControls& controls, CameraControls& view,
                                   const render::OrbitCamera& camera, const scene::SkinSurface& skin,
                                   const scene::Pen& pen, double dt_s);

}  // namespace ns::runtime
