#include "runtime/camera_controls.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace ns::runtime {
namespace {

CameraControls* g_controls = nullptr;  // GLFW scroll callbacks carry no user data of ours
GLFWscrollfun g_previousScroll = nullptr;

void onScroll(GLFWwindow* window, double dx, double dy) {
  if (g_previousScroll) g_previousScroll(window, dx, dy);  // ImGui's handler first
  if (!g_controls || ImGui::GetIO().WantCaptureMouse) return;
  bool ctrl = glfwGetKey(window, GLFW_KEY_LEFT_CONTROL) == GLFW_PRESS || glfwGetKey(window, GLFW_KEY_RIGHT_CONTROL) == GLFW_PRESS;
  (ctrl ? g_controls->pendingScroll : g_controls->dialSteps) += dy;
}

GLFWkeyfun g_previousKey = nullptr;
GLFWmousebuttonfun g_previousButton = nullptr;

void onButton(GLFWwindow* window, int button, int action, int mods) {
  if (g_previousButton) g_previousButton(window, button, action, mods);  // ImGui's handler first
  if (g_controls && action == GLFW_PRESS) g_controls->buttonsPressed++;
}

// The camera's distance after `notches` steps in (negative: out) of 10 % each.
float zoomed(const render::OrbitCamera& camera, double notches) {
  return std::clamp(camera.distance_mm * float(std::pow(0.9, notches)), 2.0f, camera.far_mm * 0.5f);
}

void onKey(GLFWwindow* window, int key, int scancode, int action, int mods) {
  if (g_previousKey) g_previousKey(window, key, scancode, action, mods);  // ImGui's handler first
  bool zoomKey = key == GLFW_KEY_EQUAL || key == GLFW_KEY_KP_ADD || key == GLFW_KEY_MINUS || key == GLFW_KEY_KP_SUBTRACT;
  bool press = action == GLFW_PRESS || (action == GLFW_REPEAT && zoomKey);
  bool dialogKey = key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER || key == GLFW_KEY_ESCAPE;
  // A visitor's key: not a modifier, not part of a chord (the kiosk's admin chord has
  // two or more modifiers, one of them Ctrl, Alt or Super).
  bool modifier = key >= GLFW_KEY_LEFT_SHIFT && key <= GLFW_KEY_RIGHT_SUPER;
  if (g_controls && action == GLFW_PRESS && !modifier && !(mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER)))
    g_controls->keysPressed++;
  // Enter and Escape are ours unless someone is typing (a pin's label) or a popup is open
  // (the serum list: Esc closes it): a panel that merely has the focus — the help overlay
  // just opened — does not swallow the Esc that asks to quit.
  bool typing = ImGui::GetIO().WantTextInput ||
                ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
  if (g_controls && press &&
      (!ImGui::GetIO().WantCaptureKeyboard || (dialogKey && (g_controls->dialogKeys || !typing)) ||
       key == g_controls->passKey)) {
    g_controls->keyPresses.push_back(key);
    if (key == g_controls->passKey) g_controls->passKeyMods = mods;  // a chord released before the next frame still counts
  }
}

}  // namespace

void attachCameraControls(GLFWwindow* window, CameraControls& controls, const render::OrbitCamera& home) {
  controls.home = home;
  g_controls = &controls;
  g_previousScroll = glfwSetScrollCallback(window, onScroll);
  g_previousKey = glfwSetKeyCallback(window, onKey);
  g_previousButton = glfwSetMouseButtonCallback(window, onButton);
}

bool takeKeyPress(CameraControls& controls, int key) {
  auto it = std::find(controls.keyPresses.begin(), controls.keyPresses.end(), key);
  if (it == controls.keyPresses.end()) return false;
  controls.keyPresses.erase(it);
  return true;
}

void updateCamera(GLFWwindow* window, CameraControls& c, render::OrbitCamera& camera) {
  double x, y;
  glfwGetCursorPos(window, &x, &y);
  bool uiHasMouse = ImGui::GetCurrentContext() && ImGui::GetIO().WantCaptureMouse;
  bool orbit = glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_RIGHT) == GLFW_PRESS;
  bool pan = glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_MIDDLE) == GLFW_PRESS;
  if ((orbit || pan) && !c.dragging && !uiHasMouse) {
    c.dragging = true;
  } else if (!orbit && !pan) {
    c.dragging = false;
  }
  double dx = x - c.lastX, dy = y - c.lastY;
  c.lastX = x;
  c.lastY = y;
  if (c.dragging && orbit) {
    camera.yaw_deg += float(dx * 0.3);
    camera.pitch_deg = std::clamp(camera.pitch_deg + float(dy * 0.3), -85.0f, 85.0f);
  } else if (c.dragging && pan) {
    float yaw = camera.yaw_deg * 3.14159265f / 180.0f;
    float scale = camera.distance_mm * 0.0015f;
    camera.target.x -= float(dx) * scale * std::cos(yaw);
    camera.target.y -= float(dx) * scale * std::sin(yaw);
    camera.target.z += float(dy) * scale;
  }
  if (c.pendingScroll != 0) {
    camera.distance_mm = zoomed(camera, c.pendingScroll);
    c.pendingScroll = 0;
  }
  if (!ImGui::GetIO().WantCaptureKeyboard) {
    if (takeKeyPress(c, GLFW_KEY_R)) camera = c.home;
    // A tap of + or - is one wheel notch (held, the key's repeat steps on).
    int steps = 0;
    while (takeKeyPress(c, GLFW_KEY_EQUAL) || takeKeyPress(c, GLFW_KEY_KP_ADD)) ++steps;
    while (takeKeyPress(c, GLFW_KEY_MINUS) || takeKeyPress(c, GLFW_KEY_KP_SUBTRACT)) --steps;
    if (steps != 0) camera.distance_mm = zoomed(camera, steps);
  }
}

}  // namespace ns::runtime
