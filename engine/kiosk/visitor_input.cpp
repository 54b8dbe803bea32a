#include "kiosk/visitor_input.h"

#include <cmath>

namespace ns::kiosk {

namespace {
constexpr float kStickPushed = 0.5f;  // past half way: meant, not drift

bool padActed(const GamepadState& now, const GamepadState* before) {
  for (size_t b = 0; b < kGamepadButtons; ++b)
    if (now.buttons[b] && !(before && before->buttons[b])) return true;
  for (size_t a = 0; a < kGamepadAxes; ++a)
    if (std::fabs(now.axes[a]) > kStickPushed && !(before && std::fabs(before->axes[a]) > kStickPushed)) return true;
  return false;
}
}  // namespace

bool visitorActed(InputWatch& w, const InputFrame& f) {
  bool acted = f.penContact || f.pointerDown || f.keyPressed;
  for (size_t i = 0; i < f.gamepads.size(); ++i)
    acted |= padActed(f.gamepads[i], i < w.lastPads.size() ? &w.lastPads[i] : nullptr);
  w.lastPads = f.gamepads;
  if (f.trackerSamples > w.trackerSeen) {
    acted |= f.now_s - w.trackerLast_s >= kTrackerQuiet_s;
    w.trackerLast_s = f.now_s;
  }
  w.trackerSeen = f.trackerSamples;
  return acted;
}

}  // namespace ns::kiosk

namespace ns::kiosk {

bool buttonPressed(const InputWatch& w, const InputFrame& f, size_t button) {
  for (size_t i = 0; i < f.gamepads.size(); ++i)
    if (button < kGamepadButtons && f.gamepads[i].buttons[button] &&
        !(i < w.lastPads.size() && w.lastPads[i].buttons[button]))
      return true;
  return false;
}

}  // namespace ns::kiosk
