#pragma once
// Mouse control of the orbit camera in the window: right-drag orbits, middle-drag
// pans, Ctrl+wheel (or + and -) zooms, R resets. The plain wheel turns the pen's
// dial (collected here in dialSteps, read by the pen controls); the left button is
// the pen. Input ImGui wants (over the panels) is left alone.
#include <vector>

#include "render/camera.h"

struct GLFWwindow;

namespace ns::runtime {

struct CameraControls {
  render::OrbitCamera home;  // what R returns to
  double lastX = 0, lastY = 0;
  bool dragging = false;
  double pendingScroll = 0;  // zoom
  double dialSteps = 0;      // wheel without Ctrl: pen dial
  bool penPress = false;     // the left button is down and went down on the 3D view, not on a panel
  bool dragFromView = false; // the right or middle button went down on the 3D view: an orbit or a pan
  bool closePopups = false;  // Esc over an open dropdown: closed at the next interface frame
  std::vector<int> keyPresses;  // keys pressed since the last frame (a quick tap is never lost)
  int passKey = 0;              // a key recorded even while ImGui holds the keyboard (the kiosk's admin chord)
  int passKeyMods = 0;          // ... and the modifiers held when it was last pressed (GLFW_MOD_*)
  unsigned long long keysPressed = 0;     // plain key presses, wanted or not (a kiosk visitor's input; no chords)
  unsigned long long buttonsPressed = 0;  // every mouse button press or touch (a tap between frames counts)
  bool dialogKeys = false;      // a modal question is up: its Enter and Esc come here though ImGui holds the keyboard
};

// Called just after the interface's new frame: key taps held back for it are released,
// an Esc-closed dropdown closes.
void uiFrameStarted(CameraControls& controls);

// True once for each press of `key` since the last frame (consumes it).
bool takeKeyPress(CameraControls& controls, int key);

void attachCameraControls(GLFWwindow* window, CameraControls& controls, const render::OrbitCamera& home);
void updateCamera(GLFWwindow* window, CameraControls& controls, render::OrbitCamera& camera);

}  // namespace ns::runtime
