#include "ui/educator_panel.h"

#include <imgui.h>

#include <cstdio>
#include <vector>
#include <cstring>

namespace ns::ui {

void drawHelpOverlay(const std::vector<ShortcutRow>& rows) {
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(0.94f);
  ImGui::Begin("Keyboard shortcuts (H to close)", nullptr,
               ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove);
  if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
    for (const ShortcutRow& row : rows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(ImVec4(0.95f, 0.80f, 0.45f, 1.0f), "%s", row.key.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.action.c_str());
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

void drawPinMarkers(const std::vector<PinRow>& pins) {
  ImDrawList* draw = ImGui::GetBackgroundDrawList();  // over the skin, under the panels
  float r = ImGui::GetFontSize() * 0.75f;
  for (const PinRow& pin : pins) {
    if (!pin.onScreen) continue;
    ImVec2 tip(pin.x, pin.y), head(pin.x, pin.y - 2.2f * r);
    draw->AddLine(tip, head, IM_COL32(255, 255, 255, 230), 2.0f);
    draw->AddCircleFilled(head, r, IM_COL32(40, 110, 220, 240), 20);
    draw->AddCircle(head, r, IM_COL32(255, 255, 255, 240), 20, 1.5f);
    char number[8];
    std::snprintf(number, sizeof(number), "%d", pin.n);
    ImVec2 size = ImGui::CalcTextSize(number);
    draw->AddText(ImVec2(head.x - size.x / 2, head.y - size.y / 2), IM_COL32(255, 255, 255, 255), number);
  }
  // Labels over every marker (a near pin does not hide one), each moved down below
  // any label already placed that it would overlap: two pins close together keep
  // both labels readable, joined to their pins by a thin line.
  std::vector<ImVec4> placed;  // x0, y0, x1, y1 of the labels drawn
  for (const PinRow& pin : pins) {
    if (!pin.onScreen || pin.label.empty()) continue;
    ImVec2 head(pin.x, pin.y - 2.2f * r);
    ImVec2 size = ImGui::CalcTextSize("0");
    ImVec2 at(head.x + r + 4, head.y - size.y / 2);
    ImVec2 labelSize = ImGui::CalcTextSize(pin.label.c_str());
    for (bool moved = true; moved;) {
      moved = false;
      for (const ImVec4& b : placed)
        if (at.x - 3 < b.z && b.x < at.x + labelSize.x + 3 && at.y - 2 < b.w && b.y < at.y + labelSize.y + 2) {
          at.y = b.w + 4;
          moved = true;
        }
    }
    placed.push_back(ImVec4(at.x - 3, at.y - 2, at.x + labelSize.x + 3, at.y + labelSize.y + 2));
    if (at.y > head.y) draw->AddLine(ImVec2(head.x + r, head.y), ImVec2(at.x - 3, at.y + labelSize.y / 2), IM_COL32(255, 255, 255, 140));
    draw->AddRectFilled(ImVec2(at.x - 3, at.y - 2), ImVec2(at.x + labelSize.x + 3, at.y + labelSize.y + 2),
                        IM_COL32(10, 10, 14, 170), 3);
    draw->AddText(at, IM_COL32(255, 255, 255, 255), pin.label.c_str());
  }
}

void takePinClick(bool pinMode, UiRequests& requests) {
  // ImGui's backend keeps a press that came and went between two frames (a quick
  // click), where polling the button would miss it.
  if (!pinMode || !ImGui::IsMouseClicked(ImGuiMouseButton_Left)) return;
  if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AnyWindow) || ImGui::IsAnyItemHovered()) return;  // on a panel
  const ImGuiIO& io = ImGui::GetIO();
  requests.pinAt = {io.MousePos.x, io.MousePos.y};
}

void drawAnnotationsPanel(const AnnotationsView& v, UiRequests& requests) {
  ImGui::Begin("Educator", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
  if (v.paused)
    ImGui::TextColored(ImVec4(0.95f, 0.75f, 0.35f, 1.0f), "Paused (x%g)   . steps", v.timeScale);
  else
    ImGui::Text("Running at x%g", v.timeScale);
  ImGui::SameLine();
  ImGui::TextDisabled("  H: shortcuts");
  bool pinMode = v.pinMode;
  if (ImGui::Checkbox("Pin mode (P): a click pins the skin", &pinMode)) requests.pinMode = pinMode;
  if (v.pins.empty()) ImGui::TextDisabled("No pins yet.");
  for (const PinRow& pin : v.pins) {
    ImGui::PushID(pin.n);
    ImGui::Text("%2d", pin.n);
    ImGui::SameLine();
    char label[65];
    std::snprintf(label, sizeof(label), "%s", pin.label.c_str());
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("Remove").x -
                            ImGui::GetStyle().FramePadding.x * 2 - ImGui::GetStyle().ItemSpacing.x);
    if (ImGui::InputText("##label", label, sizeof(label))) requests.pinLabel = {pin.n, label};
    ImGui::SameLine();
    if (ImGui::SmallButton("Remove")) requests.removePin = pin.n;
    ImGui::PopID();
  }
  // (Below the pins: their rows keep their place, where a presenter's hand expects them.)
  bool why = v.whyShown;
  if (ImGui::Checkbox("Why it works (W): the whole chain", &why)) requests.whyItWorks = why;
  ImGui::End();
}

void drawQuitQuestion(bool asked, UiRequests& requests) {
  if (asked && !ImGui::IsPopupOpen("Quit NeedleSim?")) ImGui::OpenPopup("Quit NeedleSim?");
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal("Quit NeedleSim?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (!asked) {  // answered (Esc, or the Stay button last frame)
      ImGui::CloseCurrentPopup();
      ImGui::EndPopup();
      return;
    }
    ImGui::TextUnformatted("End this session? The report and the records are written first.");
    // Its Enter and Esc arrive through the window's key queue (handleShortcuts), not
    // read here again: the Esc that asked would otherwise answer at once.
    if (ImGui::Button("Quit (Enter)")) requests.quit = true;
    ImGui::SameLine();
    if (ImGui::Button("Stay (Esc)")) requests.stayOpen = true;
    ImGui::EndPopup();
  }
}

}  // namespace ns::ui
