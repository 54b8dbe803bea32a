#include "runtime/camera_controls.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>  // the panels as last drawn: where a wheel or a press belongs

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace ns::runtime {
namespace {

CameraControls* g_controls = nullptr;  // GLFW scroll callbacks carry no user data of ours
GLFWscrollfun g_previousScroll = nullptr;

// True when the pointer is over the 3D view and nothing of the interface: no panel as
// last drawn under it, no dropdown or question open, no panel still scrolling under the
// wheel, no button held that went down on a panel.
bool pointerOnBareView(GLFWwindow* window) {
  if (!ImGui::GetCurrentContext()) return true;  // (no panels: a window test's bare window)
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) return false;
  for (int b = 0; b < IM_ARRAYSIZE(g.IO.MouseDown); ++b)
    if (g.IO.MouseDown[b] && g.IO.MouseDownOwned[b]) return false;
  double x, y;
  glfwGetCursorPos(window, &x, &y);
  ImVec2 at{float(x), float(y)};  // ImGui's coordinates are the window's (ImGui_ImplGlfw)
  // A panel being scrolled keeps the wheel until the pointer moves on (as ImGui decides).
  float still = g.IO.MouseDragThreshold;
  float mx = at.x - g.WheelingWindowRefMousePos.x, my = at.y - g.WheelingWindowRefMousePos.y;
  if (g.WheelingWindow && mx * mx + my * my <= still * still) return false;
  for (ImGuiWindow* w : g.Windows) {
    bool takesMouse = !(w->Flags & (ImGuiWindowFlags_NoMouseInputs | ImGuiWindowFlags_Tooltip));
    if (w->Active && !w->Hidden && takesMouse && w->Rect().Contains(at)) return false;
  }
  return true;
}

void onScroll(GLFWwindow* window, double dx, double dy) {
  if (g_previousScroll) g_previousScroll(window, dx, dy);  // ImGui's handler first
  // Decided where the wheel turned, not by last frame's WantCaptureMouse: a pointer that
  // reached a panel and turned the wheel within one slow frame scrolls the panel only.
  if (!g_controls || !pointerOnBareView(window)) return;
  bool ctrl = glfwGetKey(window, GLFW_KEY_LEFT_CONTROL) == GLFW_PRESS || glfwGetKey(window, GLFW_KEY_RIGHT_CONTROL) == GLFW_PRESS;
  (ctrl ? g_controls->pendingScroll : g_controls->dialSteps) += dy;
}

GLFWkeyfun g_previousKey = nullptr;
GLFWmousebuttonfun g_previousButton = nullptr;

void onButton(GLFWwindow* window, int button, int action, int mods) {
  if (g_previousButton) g_previousButton(window, button, action, mods);  // ImGui's handler first
  if (!g_controls) return;
  if (action == GLFW_PRESS) g_controls->buttonsPressed++;
  // The left button is the pen's only when it went down on the bare view; a press on a
  // panel stays the panel's until released, wherever the pointer goes meanwhile.
  bool onView = action == GLFW_PRESS && pointerOnBareView(window);
  if (button == GLFW_MOUSE_BUTTON_LEFT) g_controls->penPress = onView;
  if (action == GLFW_PRESS && (button == GLFW_MOUSE_BUTTON_RIGHT || button == GLFW_MOUSE_BUTTON_MIDDLE))
    g_controls->dragFromView = onView;  // an orbit or a pan starts on the view, not on a panel
}

// The camera's distance after `notches` steps in (negative: out) of 10 % each.
float zoomed(const render::OrbitCamera& camera, double notches) {
  return std::clamp(camera.distance_mm * float(std::pow(0.9, notches)), 2.0f, camera.far_mm * 0.5f);
}

// ImGui 1.86 reads keys as held or not at each new frame: a tap pressed and released
// between two slow frames would never reach it (Enter ending a label's edit lost, the
// label keeping the keyboard). A release of a key pressed since the last new frame is
// held back and handed to ImGui after it (uiFrameStarted).
struct HeldRelease {
  GLFWwindow* window;
  int key, scancode, mods;
};
std::vector<int> g_downSinceUiFrame;
std::vector<HeldRelease> g_heldReleases;

void forwardKeyToUi(GLFWwindow* window, int key, int scancode, int action, int mods) {
  if (!g_previousKey) return;
  // (Never a modifier: ImGui reads Shift and Ctrl into io.KeyMods at its new frame, and
  // one changed after it trips ImGui's own check in a text field.)
  bool modifier = key >= GLFW_KEY_LEFT_SHIFT && key <= GLFW_KEY_RIGHT_SUPER;
  bool tapped = !modifier && std::find(g_downSinceUiFrame.begin(), g_downSinceUiFrame.end(), key) != g_downSinceUiFrame.end();
  if (action == GLFW_RELEASE && tapped) {
    g_heldReleases.push_back({window, key, scancode, mods});
    return;
  }
  if (action == GLFW_PRESS) g_downSinceUiFrame.push_back(key);
  g_previousKey(window, key, scancode, action, mods);
}

// Whether a key press is ours (a shortcut) rather than the interface's.
bool keyIsOurs(int key) {
  bool dialogKey = key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER || key == GLFW_KEY_ESCAPE;
  if (key == g_controls->passKey) return true;  // the kiosk's admin chord, whatever has the keyboard
  if (g_controls->dialogKeys) return dialogKey;  // a question is up: its Enter and Esc
  // An open dropdown has the keys; Esc closes it (ImGui 1.86 does not without keyboard
  // navigation) and asks nothing more.
  if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) {
    if (key == GLFW_KEY_ESCAPE) g_controls->closePopups = true;
    return false;
  }
  // Enter and Escape are ours unless someone is typing (a pin's label): a panel that
  // merely has the focus — the help overlay just opened — does not swallow the Esc
  // that asks to quit.
  return !ImGui::GetIO().WantCaptureKeyboard || (dialogKey && !ImGui::GetIO().WantTextInput);
}

void onKey(GLFWwindow* window, int key, int scancode, int action, int mods) {
  forwardKeyToUi(window, key, scancode, action, mods);  // ImGui's handler first
  if (!g_controls) return;
  bool zoomKey = key == GLFW_KEY_EQUAL || key == GLFW_KEY_KP_ADD || key == GLFW_KEY_MINUS || key == GLFW_KEY_KP_SUBTRACT;
  bool press = action == GLFW_PRESS || (action == GLFW_REPEAT && zoomKey);
  // A visitor's key: not a modifier, not part of a chord (the kiosk's admin chord has
  // two or more modifiers, one of them Ctrl, Alt or Super).
  bool modifier = key >= GLFW_KEY_LEFT_SHIFT && key <= GLFW_KEY_RIGHT_SUPER;
  if (action == GLFW_PRESS && !modifier && !(mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER)))
    g_controls->keysPressed++;
  if (press && keyIsOurs(key)) {
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

void uiFrameStarted(CameraControls& controls) {
  g_downSinceUiFrame.clear();
  for (const HeldRelease& r : std::exchange(g_heldReleases, {}))
    if (g_previousKey) g_previousKey(r.window, r.key, r.scancode, GLFW_RELEASE, r.mods);
  if (std::exchange(controls.closePopups, false)) ImGui::ClosePopupToLevel(0, false);
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
  bool orbit = glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_RIGHT) == GLFW_PRESS;
  bool pan = glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_MIDDLE) == GLFW_PRESS;
  if ((orbit || pan) && !c.dragging && c.dragFromView) {
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
