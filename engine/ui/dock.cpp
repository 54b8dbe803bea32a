#include "ui/dock.h"

#include <imgui.h>
#include <imgui_internal.h>  // FindWindowByName: where ImGui put a window this frame

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace ns::ui {

bool overlaps(const Rect& a, const Rect& b) {
  return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

Dock beginDock(float displayW, float displayH, float scale) {
  Dock dock;
  dock.displayW = displayW;
  dock.displayH = displayH;
  dock.scale = scale;
  dock.margin = 8 * scale;
  dock.gap = 6 * scale;
  // Both columns together at most half the width; beyond that (1.5x or 2x on a 1280
  // px screen) one column on the right holds every panel at its full scaled width, so
  // no text is cut off, and the panels scroll within the area budget.
  float left = kLeftColumn * scale, right = kRightColumn * scale;
  float room = 0.5f * displayW;
  dock.areaBudget = kPanelAreaBudget * double(displayW) * displayH;
  if (left + right > room) {
    dock.singleColumn = true;
    right = std::min(std::max(left, right), room);
    left = right;
  }
  dock.left = {dock.margin, left, dock.margin};
  dock.right = {displayW - dock.margin - right, right, dock.margin};
  return dock;
}

float fittingScale(float requested, float displayW) {
  float widest = std::max(kLeftColumn, kRightColumn);
  return std::clamp(std::min(requested, 0.5f * displayW / widest), 1.0f, 2.5f);
}

namespace {

DockColumn& columnOf(Dock& dock, DockSide side) {
  return side == DockSide::Left && !dock.singleColumn ? dock.left : dock.right;
}

// One column (a large UI scale on a small screen) holds one open panel at a time:
// opening another folds the one that was open, so the open one has the column's
// height. The UI is one per process, so the state is too: which panel is open, and
// which were folded in the last frame (an unfolding is the user's click).
std::string g_openPanel;
std::map<std::string, bool> g_wasCollapsed;

void keepOnePanelOpen(const std::string& name, bool collapsed) {
  bool wasCollapsed = g_wasCollapsed.count(name) ? g_wasCollapsed[name] : false;
  bool unfoldedNow = g_wasCollapsed.count(name) && wasCollapsed && !collapsed;
  bool first = g_openPanel.empty() && (name == "Lesson" || name == "Technique");  // what a trainee needs first
  if (!collapsed && (unfoldedNow || first || g_openPanel == name)) {
    g_openPanel = name;
  } else if (!collapsed) {
    ImGui::SetWindowCollapsed(name.c_str(), true);
    collapsed = true;
  } else if (g_openPanel == name) {
    g_openPanel.clear();  // folded by the user: none open
  }
  g_wasCollapsed[name] = collapsed;
}

}  // namespace

void placeNextPanel(Dock& dock, DockSide side, bool startCollapsed) {
  DockColumn& column = columnOf(dock, side);
  float byBudget = float(std::max(0.0, dock.areaBudget - dock.areaUsed) / column.width);
  float maxH = std::min(dock.displayH - dock.margin - column.cursorY, byBudget);
  maxH = std::max(maxH, 5.0f * ImGui::GetFrameHeightWithSpacing());  // a title and a few lines, scrolling
  ImGui::SetNextWindowPos(ImVec2(column.x, column.cursorY), ImGuiCond_Always);
  ImGui::SetNextWindowSizeConstraints(ImVec2(column.width, 0), ImVec2(column.width, maxH));
  ImGui::SetNextWindowCollapsed(startCollapsed, ImGuiCond_FirstUseEver);
}

void recordPanel(Dock& dock, DockSide side, const char* windowName) {
  DockColumn& column = columnOf(dock, side);
  const ImGuiWindow* window = ImGui::FindWindowByName(windowName);
  if (!window || (!window->WasActive && !window->Active)) return;
  PlacedPanel panel{windowName, {window->Pos.x, window->Pos.y, window->Size.x, window->Size.y}, window->Collapsed};
  // ImGui's first frame of an auto-sized window is hidden and sizeless: count what
  // it will take (a title bar) so the next panel does not start on top of it.
  panel.rect.h = std::max(panel.rect.h, ImGui::GetFrameHeight());
  panel.rect.w = std::max(panel.rect.w, column.width);
  // Cut off: content wider than the panel, or taller with no scrollbar to reach it.
  if (!window->Collapsed) {
    panel.overflow = std::max(0.0f, window->ContentSize.x - window->ContentRegionRect.GetWidth());
    if (!window->ScrollbarY)
      panel.overflow = std::max(panel.overflow, window->ContentSize.y - window->ContentRegionRect.GetHeight());
  }
  if (dock.singleColumn) keepOnePanelOpen(windowName, window->Collapsed);
  column.cursorY = panel.rect.bottom() + dock.gap;
  dock.areaUsed += double(panel.rect.w) * panel.rect.h;
  dock.placed.push_back(panel);
}

void reserveBottomStrip(Dock& dock, float height, bool columns) {
  float x0 = columns && !dock.singleColumn ? dock.left.x + dock.left.width + dock.margin : dock.margin;
  float x1 = columns ? dock.right.x - dock.margin : dock.displayW - dock.margin;
  float h = std::min(height * dock.scale, 0.3f * dock.displayH);
  dock.bottomStrip = {x0, dock.displayH - dock.margin - h, std::max(0.0f, x1 - x0), h};
  dock.areaUsed += double(dock.bottomStrip.w) * dock.bottomStrip.h;
}

void placeBottomStrip(const Dock& dock) {
  const Rect& r = dock.bottomStrip;
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(r.w, r.h), ImGuiCond_Always);
}

void recordStrip(Dock& dock, const char* windowName) {
  const ImGuiWindow* window = ImGui::FindWindowByName(windowName);
  if (!window || (!window->WasActive && !window->Active)) return;
  std::string name = windowName;  // ("###Review": the title changes, the window does not)
  PlacedPanel panel{name.substr(name.rfind('#') == std::string::npos ? 0 : name.rfind('#') + 1),
                    {window->Pos.x, window->Pos.y, window->Size.x, window->Size.y}, window->Collapsed, true};
  dock.placed.push_back(panel);  // (its area was taken from the budget when reserved)
}

Rect viewArea(const Dock& dock) {
  bool anyLeft = false, anyRight = false;
  for (const PlacedPanel& p : dock.placed)
    if (!p.strip) (p.rect.x < dock.displayW / 2 && !dock.singleColumn ? anyLeft : anyRight) = true;
  float x0 = anyLeft ? dock.left.x + dock.left.width + dock.margin : 0;
  float x1 = anyRight ? dock.right.x - dock.margin : dock.displayW;
  float bottom = dock.bottomStrip.h > 0 ? dock.bottomStrip.y - dock.margin : dock.displayH;
  return {x0, 0, std::max(0.0f, x1 - x0), bottom};
}

double viewFraction(const std::vector<PlacedPanel>& panels, float displayW, float displayH) {
  if (displayW <= 0 || displayH <= 0) return 0;
  // Union area on the grid the rectangles' edges make (a handful of panels).
  std::vector<float> xs{0, displayW}, ys{0, displayH};
  for (const PlacedPanel& p : panels) {
    xs.push_back(std::clamp(p.rect.x, 0.0f, displayW));
    xs.push_back(std::clamp(p.rect.right(), 0.0f, displayW));
    ys.push_back(std::clamp(p.rect.y, 0.0f, displayH));
    ys.push_back(std::clamp(p.rect.bottom(), 0.0f, displayH));
  }
  std::sort(xs.begin(), xs.end());
  std::sort(ys.begin(), ys.end());
  double covered = 0;
  for (size_t i = 0; i + 1 < xs.size(); ++i)
    for (size_t j = 0; j + 1 < ys.size(); ++j) {
      Rect cell{xs[i], ys[j], xs[i + 1] - xs[i], ys[j + 1] - ys[j]};
      if (cell.w <= 0 || cell.h <= 0) continue;
      for (const PlacedPanel& p : panels)
        if (overlaps(cell, p.rect)) {
          covered += double(cell.w) * cell.h;
          break;
        }
    }
  return 1.0 - covered / (double(displayW) * displayH);
}

namespace {

float overlapArea(const Rect& a, const Rect& b) {
  float w = std::min(a.right(), b.right()) - std::max(a.x, b.x), h = std::min(a.bottom(), b.bottom()) - std::max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0.0f;
}

}  // namespace

namespace {

// The inset `scale` times its full size at each of the five places, in order of preference.
std::vector<Rect> microViewPlaces(const Rect& view, float displayW, float displayH, float scale) {
  const float margin = 12, captionRoom = 44;  // the caption goes above the inset
  float width = std::max(160.0f, displayW * 0.3f);
  width = std::min(width, std::max(80.0f, view.w - 2 * margin)) * scale;
  float height = width / 2;
  float bottom = std::min(view.bottom(), displayH) - height - margin;  // (above a bottom strip, when there is one)
  float top = std::min(view.y + margin + captionRoom, bottom);
  float left = view.x + margin, right = view.right() - width - margin, centre = view.x + (view.w - width) / 2;
  const float at[5][2] = {{centre, bottom}, {right, bottom}, {left, bottom}, {right, top}, {left, top}};
  std::vector<Rect> places;
  for (const auto& p : at) places.push_back({std::floor(p[0]), std::floor(p[1]), std::floor(width), std::floor(height)});
  return places;
}

}  // namespace

Rect microViewArea(const Rect& view, float displayW, float displayH, const Rect& keepClear) {
  if (keepClear.w <= 0) return microViewPlaces(view, displayW, displayH, 1.0f).front();
  const float margin = 12, captionRoom = 44;
  auto covered = [&](const Rect& r) {
    return overlapArea({r.x - margin, r.y - captionRoom, r.w + 2 * margin, r.h + captionRoom + margin}, keepClear);
  };
  for (float scale : {1.0f, 0.75f, 0.5f})  // the largest inset that leaves it clear
    for (const Rect& r : microViewPlaces(view, displayW, displayH, scale))
      if (covered(r) <= 0) return r;
  std::vector<Rect> full = microViewPlaces(view, displayW, displayH, 1.0f);  // else the full one that covers least
  return *std::min_element(full.begin(), full.end(), [&](const Rect& a, const Rect& b) { return covered(a) < covered(b); });
}

}  // namespace ns::ui
