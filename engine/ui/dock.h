#pragma once
// Where the panels go: two columns docked to the window's sides, each panel as
// tall as its content up to what is left of its column (then it scrolls, so a
// panel that grows never pushes its buttons off screen), collapsible to its title.
// The rest of the window is the 3D view. The dock records every panel's rectangle
// as ImGui laid it out, so the view's share is measured from the UI's own
// rectangles (ui.layout in the report, the layout tests).
#include <string>
#include <vector>

namespace ns::ui {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  float right() const { return x + w; }
  float bottom() const { return y + h; }
};

bool overlaps(const Rect& a, const Rect& b);  // share area (touching edges do not)

struct PlacedPanel {
  std::string name;
  Rect rect;
  bool collapsed = false;
  bool strip = false;  // the review timeline along the bottom of the view (not a column's)
  float overflow = 0;  // px of content cut off: beyond the panel's width, or below its bottom
                       // with no scrollbar (0 when it all fits or scrolls)
};

enum class DockSide { Left, Right };

struct DockColumn {
  float x = 0, width = 0;
  float cursorY = 0;  // where the next panel starts
};

struct Dock {
  float displayW = 0, displayH = 0;
  float scale = 1;
  float margin = 0, gap = 0;
  DockColumn left, right;
  // Two columns at this scale would take more than half the window's width: every
  // panel goes into the right column instead, as wide as the wider column's content.
  bool singleColumn = false;
  // The panels together may cover this much of the window (px^2): a panel gets at
  // most what is left of it and scrolls beyond, so the skin keeps its share however
  // much feedback the panels have to show.
  double areaBudget = 0, areaUsed = 0;
  std::vector<PlacedPanel> placed;  // this frame's panels, in drawing order
  Rect bottomStrip;                 // reserved along the bottom of the view (h = 0: none)
};

constexpr double kPanelAreaBudget = 0.34;  // of the window: the 3D view keeps at least 65 %

// Column widths at UI scale 1 (the content of the panels is laid out for these);
// each column is scaled with the UI and capped so that the two together leave the
// view at least half the window's width at any scale.
constexpr float kLeftColumn = 300, kRightColumn = 320;

Dock beginDock(float displayW, float displayH, float scale);

// The UI scale a window `displayW` wide can show without cutting text off: the wider
// column at that scale must fit in half the width (2x on a 1280 px screen, 3x on
// 1920). A larger request is held to it.
float fittingScale(float requested, float displayW);

// Call right before a panel's ImGui::Begin: places the window at the top of what is
// left of its column, as wide as the column, at most as tall as the rest of it and
// as the area budget leaves (never less than a few lines).
// `startCollapsed` is the panel's default state (the user may open or close it).
void placeNextPanel(Dock& dock, DockSide side, bool startCollapsed = false);

// Call right after the panel's ImGui::End: records where ImGui put it and moves the
// column's cursor under it.
void recordPanel(Dock& dock, DockSide side, const char* windowName);

// Reserves a strip `height` (at scale 1) tall along the bottom of the view, between
// the columns (`columns`: the columns have panels), and takes its area from the
// panels' budget first: the columns scroll sooner rather than the skin shrinking.
void reserveBottomStrip(Dock& dock, float height, bool columns);
// Places the next window in the reserved strip (call before Begin); recordStrip after End.
void placeBottomStrip(const Dock& dock);
void recordStrip(Dock& dock, const char* windowName);

// The part of the window that is the 3D view: between the columns (a column with
// no panel takes no room), above the bottom strip.
Rect viewArea(const Dock& dock);

// 1 - (area covered by panels) / (window area): what the skin keeps. Panels never
// overlap in the dock; overlapping ones are counted once per pixel anyway.
double viewFraction(const std::vector<PlacedPanel>& panels, float displayW, float displayH);

// Where the micro view's inset goes: the bottom of the view area, centred in it,
// 3/10 of the window wide (as before) but never wider than the view area leaves
// (its caption goes above it, wrapped to its width).
// `keepClear` (w > 0): what it must not cover (the pen and the treated area on the
// screen): the first of bottom centre, bottom right, bottom left, top right and top
// left that stays clear of it — at full size, else at 3/4, else at half — else the
// full-size one that covers least of it.
Rect microViewArea(const Rect& view, float displayW, float displayH, const Rect& keepClear = {});

}  // namespace ns::ui
