#include "ui/pen_panel.h"

#include <imgui.h>

#include <cmath>

namespace ns::ui {

void drawPenPanel(const PenView& v) {
  ImGui::Begin("Pen", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::Text("Source: %s", v.source.c_str());
  ImGui::Text("Dial: %.2f mm   Tilt: %.0f deg", v.dial_mm, v.tilt_deg);
  ImGui::SameLine();
  if (v.contact)
    ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.45f, 1.0f), "  NEEDLING");
  else
    ImGui::TextDisabled("  off skin");
  ImGui::Text("Cycles %llu   punctures %llu   torn %llu", v.cycles, v.punctures, v.torn);
  ImGui::Text("Contact time %.1f s", v.contact_s);
  if (!v.controlsHint.empty()) ImGui::TextDisabled("%s", v.controlsHint.c_str());
  ImGui::End();
}

void drawGhostPen(const PenOnScreen& p) {
  if (!p.visible) return;
  ImDrawList* draw = ImGui::GetBackgroundDrawList();
  ImU32 colour = p.contact ? IM_COL32(90, 230, 255, 230) : IM_COL32(90, 230, 255, 140);
  ImVec2 tip(p.tipX, p.tipY), top(p.topX, p.topY);
  draw->AddLine(tip, top, colour, 4.0f);
  draw->AddCircle(tip, p.cartridgeRadius, colour, 24, 2.0f);
  if (p.contact) draw->AddCircleFilled(tip, p.cartridgeRadius * 0.5f, IM_COL32(90, 230, 255, 110), 16);
  draw->AddText(ImVec2(tip.x + p.cartridgeRadius + 4, tip.y + p.cartridgeRadius * 0.5f), colour, "ghost");
}

void drawPenOverlay(const PenOnScreen& p) {
  if (!p.visible) return;
  ImDrawList* draw = ImGui::GetBackgroundDrawList();  // over the scene, under the panels
  ImVec2 tip(p.tipX, p.tipY), top(p.topX, p.topY);
  (void)top;  // the body is drawn in 3D by the renderer; this marks where the needles land
  draw->AddCircle(tip, p.cartridgeRadius, p.contact ? IM_COL32(255, 90, 70, 255) : IM_COL32(255, 255, 255, 220), 24,
                  2.0f);
  if (p.contact) draw->AddCircleFilled(tip, p.cartridgeRadius * 0.5f, IM_COL32(255, 90, 70, 140), 16);
}

}  // namespace ns::ui
