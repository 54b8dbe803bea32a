#pragma once
// What counts as a visitor acting at the stand, from every source the kiosk reads,
// as plain data (no GLFW here: the runtime fills an InputFrame each frame from the
// window, the gamepads and the pen; the tests feed frames by hand). Any of these
// starts a try from the attract loop and keeps a try from its idle reset:
//  - the pen on the skin (mouse or touch as mouse, a gamepad's pen, a replay),
//  - a mouse button or a touch anywhere, a key,
//  - a gamepad button newly pressed, or a stick pushed past half way (a gamepad
//    alone, without touching the skin),
//  - an OSC tracker's first sample after a quiet second (a visitor picked it up; a
//    tracker that streams on is not a visitor acting again and again).
// Held buttons do not repeat: a button stuck down, or the one that started the try,
// is no new input.
#include <cstddef>
#include <vector>

namespace ns::kiosk {

constexpr size_t kGamepadButtons = 15;  // GLFW_GAMEPAD_BUTTON_LAST + 1
constexpr size_t kGamepadAxes = 4;      // the two sticks (triggers rest at -1 on some pads)

struct GamepadState {
  bool buttons[kGamepadButtons] = {};
  float axes[kGamepadAxes] = {};
};

struct InputFrame {
  bool penContact = false;            // the pen (not the attract's demonstration) touches the skin
  bool pointerDown = false;           // a mouse button or a touch, anywhere
  bool keyPressed = false;            // a key went down since the last frame
  std::vector<GamepadState> gamepads; // each connected gamepad, in joystick order
  size_t trackerSamples = 0;          // the OSC tracker's samples received so far (all time)
  double now_s = 0;                   // the kiosk's clock
};

// What the watch remembers between frames.
struct InputWatch {
  std::vector<GamepadState> lastPads;
  size_t trackerSeen = 0;
  double trackerLast_s = -1e9;  // when the tracker's last sample arrived
};

constexpr double kTrackerQuiet_s = 1.0;

// Whether the visitor did something this frame (see above).
bool visitorActed(InputWatch& watch, const InputFrame& frame);

}  // namespace ns::kiosk

namespace ns::kiosk {

// GLFW's gamepad buttons the score screen's letter picker reads.
constexpr size_t kPadA = 0, kPadB = 1, kPadUp = 11, kPadRight = 12, kPadDown = 13, kPadLeft = 14;

// Whether `button` went down on any gamepad this frame (call before visitorActed,
// which remembers this frame's state).
bool buttonPressed(const InputWatch& watch, const InputFrame& frame, size_t button);

}  // namespace ns::kiosk
