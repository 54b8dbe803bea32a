#pragma once
// The pen panel (source, dial, tilt, contact, counts) and the pen drawn over the
// scene where it is (an overlay projected from the tracked pose: body, cartridge
// ring and, while it strikes, the needles). No Vulkan types.
#include <string>

namespace ns::ui {

struct PenView {
  std::string source;       // "mouse / gamepad", "replay", "OSC port 9000"
  double dial_mm = 0;
  double tilt_deg = 0;
  bool contact = false;
  unsigned long long cycles = 0, punctures = 0, torn = 0;
  double contact_s = 0;
  std::string controlsHint;  // how to drive it (interactive only)
};

void drawPenPanel(const PenView& view);

// Screen positions (pixels) of the needle tip centre, a point up the pen axis, and
// the cartridge radius in pixels at the tip; `visible` false hides the pen.
struct PenOnScreen {
  bool visible = false;
  float tipX = 0, tipY = 0, topX = 0, topY = 0;
  float cartridgeRadius = 8;
  bool contact = false;
  bool tilted = false;
};
void drawPenOverlay(const PenOnScreen& pen);
// The ghost pen (--ghost: an expert's recording on the same clock): its axis and
// needle circle in translucent cyan, labelled.
void drawGhostPen(const PenOnScreen& ghost);

}  // namespace ns::ui
