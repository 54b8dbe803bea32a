#pragma once
// The educator's overlays: the help overlay (H) listing the keyboard shortcuts,
// the annotation pins drawn where they are on the skin, and the panel that lists
// them with their labels; plus the quit question every windowed mode asks on Esc.
#include <string>
#include <vector>

#include "ui/requests.h"

namespace ns::ui {

struct ShortcutRow {
  std::string key, action;
};

struct PinRow {
  int n = 0;
  std::string label;
  float pos_mm[3] = {0, 0, 0};
  bool onScreen = false;
  float x = 0, y = 0;  // where it is on the screen (pixels), when onScreen
};

struct AnnotationsView {
  std::vector<PinRow> pins;
  bool pinMode = false;
  bool paused = false;
  double timeScale = 1;
  bool whyShown = false;  // the "why it works" view (W)
};

void drawHelpOverlay(const std::vector<ShortcutRow>& rows);
void drawPinMarkers(const std::vector<PinRow>& pins);
// Title "Educator": the presenter's state (paused, time scale, pin mode) and the pins.
void drawAnnotationsPanel(const AnnotationsView& view, UiRequests& requests);
// In pin mode, a left click over the view (not a panel) asks for a pin there.
void takePinClick(bool pinMode, UiRequests& requests);
// A modal "Quit NeedleSim?" with Quit and Stay (Enter and Esc say the same) while
// `asked`; closes it once it is not.
void drawQuitQuestion(bool asked, UiRequests& requests);

}  // namespace ns::ui
