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

// The gamepad pen on a mesh: it starts on the skin under the middle of the view and
// glides along the skin, the stick moving it as it would move on screen.
bool glideOnMesh(PenControls& c, const PenSurface& surface, const render::OrbitCamera& camera, glm::dvec2 glide) {
  scene::SurfaceHit hit;
  if (!c.gamepadOnMesh) {
    glm::dvec3 eye(render::eyePosition(camera)), target(camera.target);
    if (!scene::raycastSurface(*surface.mesh, *surface.index, eye, target - eye, 1e6, hit)) return false;
    c.gamepadPos_mm = hit.point;
    c.gamepadNormal = hit.normal;
    c.gamepadOnMesh = true;
  }
  glm::dvec3 forward = glm::normalize(glm::dvec3(camera.target) - glm::dvec3(render::eyePosition(camera)));
  glm::dvec3 right = glm::cross(forward, glm::dvec3(0, 0, 1));
  if (glm::length(right) < 1e-6) right = glm::dvec3(1, 0, 0);
  right = glm::normalize(right);
  glm::dvec3 up = glm::cross(right, forward), n = c.gamepadNormal;
  glm::dvec3 move = right * glide.x + up * glide.y;
  move -= n * glm::dot(move, n);  // along the skin
  glm::dvec3 moved = c.gamepadPos_mm + move;
  if (scene::raycastSurface(*surface.mesh, *surface.index, moved + n * 10.0, -n, 20.0, hit)) {
    c.gamepadPos_mm = hit.point;
    c.gamepadNormal = hit.normal;
  }
  return true;
}

}  // namespace

void pixelRay(const render::OrbitCamera& camera, glm::vec2 pixel, glm::vec2 size, glm::dvec3& origin, glm::dvec3& dir) {
  glm::mat4 inverse = glm::inverse(render::viewProjection(camera, size.x / size.y));
  glm::vec2 ndc = pixel / size * 2.0f - 1.0f;  // Vulkan: y down in clip space as on screen
  glm::vec4 nearPoint = inverse * glm::vec4(ndc, 0.0f, 1.0f), farPoint = inverse * glm::vec4(ndc, 1.0f, 1.0f);
  origin = glm::dvec3(nearPoint) / double(nearPoint.w);
  dir = glm::normalize(glm::dvec3(farPoint) / double(farPoint.w) - origin);
}

bool rayToSkin(const render::OrbitCamera& camera, glm::vec2 pixel, glm::vec2 size, float halfWidth, glm::dvec3& hit) {
  if (size.x <= 0 || size.y <= 0) return false;
  glm::dvec3 a, d;
  pixelRay(camera, pixel, size, a, d);
  if (std::fabs(d.z) < 1e-12) return false;
  double t = -a.z / d.z;
  if (t < 0) return false;
  hit = a + d * t;
  hit.z = 0.0;
  return std::fabs(hit.x) <= halfWidth && std::fabs(hit.y) <= halfWidth;
}

glm::dvec3 axisFromTilt(glm::dvec2 tilt) {
  glm::dvec2 t = glm::radians(tilt);
  return glm::normalize(glm::dvec3(std::tan(t.x), std::tan(t.y), -1.0));
}

input::PenSample updatePenControls(GLFWwindow* window, PenControls& c, CameraControls& view,
                                   const render::OrbitCamera& camera, float halfWidth, const scene::Pen& pen,
                                   double dt, PenSurface surface) {
  bool uiHasMouse = ImGui::GetCurrentContext() && ImGui::GetIO().WantCaptureMouse;
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
  input::PenSample sample;
  sample.depth_mm = c.dial_mm;
  bool padContact = false;
  glm::dvec2 glide(0.0);
  bool pad = readGamepad(c, pen, dt, padContact, glide);
  if (pad && surface.mesh && glideOnMesh(c, surface, camera, glide)) {
    scene::SurfaceFrame frame = scene::skinFrame(c.gamepadPos_mm, c.gamepadNormal);
    sample.contact = padContact;
    sample.pos_mm = c.gamepadPos_mm + frame.n * (padContact ? 0.0 : kHover_mm);
    sample.dir = scene::directionFromFrame(frame, axisFromTilt(c.tilt_deg));
    return sample;
  }
  if (pad && !surface.mesh) {
    c.gamepadPos_mm += glm::dvec3(glide, 0.0);
    c.gamepadPos_mm = glm::clamp(c.gamepadPos_mm, glm::dvec3(-halfWidth, -halfWidth, 0), glm::dvec3(halfWidth, halfWidth, 0));
    sample.contact = padContact;
    sample.pos_mm = c.gamepadPos_mm + glm::dvec3(0, 0, padContact ? 0.0 : kHover_mm);
    sample.dir = axisFromTilt(c.tilt_deg);
    return sample;
  }
  double x, y;
  int w, h;
  glfwGetCursorPos(window, &x, &y);
  glfwGetWindowSize(window, &w, &h);
  bool button = glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS;
  if (surface.mesh) {
    scene::SurfaceHit on;
    glm::dvec3 origin, ray;
    bool onSkin = w > 0 && h > 0;
    if (onSkin) pixelRay(camera, glm::vec2(float(x), float(y)), glm::vec2(float(w), float(h)), origin, ray);
    onSkin = onSkin && scene::raycastSurface(*surface.mesh, *surface.index, origin, ray, 1e6, on);
    sample.contact = onSkin && button && !uiHasMouse;
    if (!onSkin) {
      sample.pos_mm = surface.mesh->boundsMax + glm::vec3(0.0f, 0.0f, 200.0f);  // away from the skin: not drawn
      return sample;
    }
    scene::SurfaceFrame frame = scene::frameAt(on);
    sample.dir = scene::directionFromFrame(frame, axisFromTilt(c.tilt_deg));
    sample.pos_mm = on.point + frame.n * (sample.contact ? 0.0 : kHover_mm);
    return sample;
  }
  glm::dvec3 hit(0.0);
  bool onSkin = rayToSkin(camera, glm::vec2(float(x), float(y)), glm::vec2(float(w), float(h)), halfWidth, hit);
  sample.contact = onSkin && button && !uiHasMouse;
  sample.pos_mm = hit + glm::dvec3(0, 0, sample.contact ? 0.0 : kHover_mm);
  sample.dir = axisFromTilt(c.tilt_deg);
  if (!onSkin) sample.pos_mm = glm::dvec3(0, 0, 50.0);  // off the patch: lifted away
  return sample;
}

}  // namespace ns::runtime
