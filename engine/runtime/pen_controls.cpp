#include "runtime/pen_controls.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "pen/cartridge.h"

namespace ns::runtime {
namespace {

constexpr double kTiltStep_deg = 5.0, kMaxTilt_deg = 60.0;
constexpr double kGamepadSpeed_mm_s = 15.0, kHover_mm = 3.0;

bool pressedOnce(bool now, bool& was) {
  bool fired = now && !was;
  was = now;
  return fired;
}

// Gamepad: returns true when it was used this frame; `glide` gets the left stick's
// motion this frame (mm; x right, y up/away).
bool readGamepad(PenControls& c, const scene::Pen& pen, double dt, bool& contact, glm::dvec2& glide) {
  GLFWgamepadstate state;
  if (!glfwJoystickIsGamepad(GLFW_JOYSTICK_1) || !glfwGetGamepadState(GLFW_JOYSTICK_1, &state)) return false;
  auto dead = [](float v) { return std::fabs(v) < 0.15f ? 0.0 : double(v); };
  double lx = dead(state.axes[GLFW_GAMEPAD_AXIS_LEFT_X]), ly = dead(state.axes[GLFW_GAMEPAD_AXIS_LEFT_Y]);
  double rx = dead(state.axes[GLFW_GAMEPAD_AXIS_RIGHT_X]), ry = dead(state.axes[GLFW_GAMEPAD_AXIS_RIGHT_Y]);
  bool trigger = state.axes[GLFW_GAMEPAD_AXIS_RIGHT_TRIGGER] > 0.0f;  // -1 released .. 1 pressed
  bool up = state.buttons[GLFW_GAMEPAD_BUTTON_RIGHT_BUMPER], down = state.buttons[GLFW_GAMEPAD_BUTTON_LEFT_BUMPER];
  bool used = lx || ly || rx || ry || trigger || up || down;
  if (!used && !c.gamepadDriving) return false;
  c.gamepadDriving = true;
  glide = glm::dvec2(lx, -ly) * kGamepadSpeed_mm_s * dt;
  c.tilt_deg = glm::dvec2(rx, -ry) * 30.0;
  if (pressedOnce(up, c.dialUpWas)) c.dial_mm = pen::snapDial(pen, c.dial_mm + pen.dial_step_mm);
  if (pressedOnce(down, c.dialDownWas)) c.dial_mm = pen::snapDial(pen, c.dial_mm - pen.dial_step_mm);
  contact = trigger;
  return used;
}

// The gamepad pen starts on the skin under the middle of the view and glides
// along the skin, the stick moving it as it would move on screen; at the skin's
// edge it stays where it is.
bool glideOnSkin(PenControls& c, const scene::SkinSurface& skin, const render::OrbitCamera& camera, glm::dvec2 glide) {
  scene::SurfaceHit hit;
  glm::dvec3 eye(render::eyePosition(camera)), target(camera.target);
  if (!c.gamepadOnSkin) {
    if (!scene::raycastSkin(skin, eye, glm::normalize(target - eye), 1e6, hit)) return false;
    c.gamepadPos_mm = hit.point;
    c.gamepadNormal = hit.normal;
    c.gamepadOnSkin = true;
  }
  glm::dvec3 forward = glm::normalize(target - eye);
  glm::dvec3 right = glm::cross(forward, glm::dvec3(0, 0, 1));
  if (glm::length(right) < 1e-6) right = glm::dvec3(1, 0, 0);
  right = glm::normalize(right);
  glm::dvec3 up = glm::cross(right, forward), n = c.gamepadNormal;
  glm::dvec3 move = right * glide.x + up * glide.y;
  move -= n * glm::dot(move, n);  // along the skin
  glm::dvec3 moved = c.gamepadPos_mm + move;
  if (scene::raycastSkin(skin, moved + n * 10.0, -n, 20.0, hit)) {
    c.gamepadPos_mm = hit.point;
    c.gamepadNormal = hit.normal;
  }
  return true;
}

// The pen standing at `hit` on the skin, tilted in the skin's frame there,
// hovering above it unless in contact.
input::PenSample penOnSkin(const scene::SkinSurface& skin, const scene::SurfaceHit& hit, glm::dvec2 tilt_deg,
                           bool contact, double dial_mm) {
  scene::SurfaceFrame frame = scene::strikeFrame(skin, hit);
  input::PenSample sample;
  sample.depth_mm = dial_mm;
  sample.contact = contact;
  sample.dir = scene::directionFromFrame(frame, axisFromTilt(tilt_deg));
  sample.pos_mm = hit.point + frame.n * (contact ? 0.0 : kHover_mm);
  return sample;
}

}  // namespace

void pixelRay(const render::OrbitCamera& camera, glm::vec2 pixel, glm::vec2 size, glm::dvec3& origin, glm::dvec3& dir) {
  glm::mat4 inverse = glm::inverse(render::viewProjection(camera, size.x / size.y));
  glm::vec2 ndc = pixel / size * 2.0f - 1.0f;  // Vulkan: y down in clip space as on screen
  glm::vec4 nearPoint = inverse * glm::vec4(ndc, 0.0f, 1.0f), farPoint = inverse * glm::vec4(ndc, 1.0f, 1.0f);
  origin = glm::dvec3(nearPoint) / double(nearPoint.w);
  dir = glm::normalize(glm::dvec3(farPoint) / double(farPoint.w) - origin);
}

glm::dvec3 axisFromTilt(glm::dvec2 tilt) {
  glm::dvec2 t = glm::radians(tilt);
  return glm::normalize(glm::dvec3(std::tan(t.x), std::tan(t.y), -1.0));
}

input::PenSample updatePenControls(GLFWwindow* window, PenControls& c, CameraControls& view,
                                   const render::OrbitCamera& camera, const scene::SkinSurface& skin,
                                   const scene::Pen& pen, double dt) {
  bool uiHasKeys = ImGui::GetCurrentContext() && ImGui::GetIO().WantCaptureKeyboard;
  if (view.dialSteps != 0) {
    c.dial_mm = pen::snapDial(pen, c.dial_mm + std::round(view.dialSteps) * pen.dial_step_mm);
    view.dialSteps = 0;
    c.gamepadDriving = false;
  }
  if (!uiHasKeys) {
    int keys[4] = {GLFW_KEY_LEFT, GLFW_KEY_RIGHT, GLFW_KEY_DOWN, GLFW_KEY_UP};
    glm::dvec2 steps[4] = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
    for (int i = 0; i < 4; ++i)
      while (takeKeyPress(view, keys[i]))
        c.tilt_deg = glm::clamp(c.tilt_deg + steps[i] * kTiltStep_deg, -kMaxTilt_deg, kMaxTilt_deg);
    if (takeKeyPress(view, GLFW_KEY_0) || takeKeyPress(view, GLFW_KEY_KP_0)) c.tilt_deg = {0, 0};
  }
  bool padContact = false;
  glm::dvec2 glide(0.0);
  scene::SurfaceHit on;
  c.dial_mm = std::clamp(c.dial_mm, c.dialMin_mm, c.dialMax_mm);
  bool pad = readGamepad(c, pen, dt, padContact, glide);
  c.dial_mm = std::clamp(c.dial_mm, c.dialMin_mm, c.dialMax_mm);
  if (pad && glideOnSkin(c, skin, camera, glide)) {
    on.point = c.gamepadPos_mm;
    on.normal = c.gamepadNormal;
    return penOnSkin(skin, on, c.tilt_deg, padContact, c.dial_mm);
  }
  double x, y;
  int w, h;
  glfwGetCursorPos(window, &x, &y);
  glfwGetWindowSize(window, &w, &h);
  if (c.splitView && w > 1) {  // either half: the same spot of the same skin, seen by that half's camera
    w /= 2;
    if (x >= w) x -= w;
  }
  bool button = glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS;
  glm::dvec3 origin, ray;
  bool onSkin = w > 0 && h > 0;
  if (onSkin) pixelRay(camera, glm::vec2(float(x), float(y)), glm::vec2(float(w), float(h)), origin, ray);
  onSkin = onSkin && scene::raycastSkin(skin, origin, ray, 1e6, on);
  if (!onSkin) {
    input::PenSample lifted;
    lifted.depth_mm = c.dial_mm;
    lifted.pos_mm = scene::liftedAway(skin);  // not drawn
    return lifted;
  }
  return penOnSkin(skin, on, c.tilt_deg, button && view.penPress, c.dial_mm);
}

}  // namespace ns::runtime
