#include "ui/frame_panel.h"

#include <imgui.h>

#include <algorithm>

namespace ns::ui {

void drawFramePanel(const FrameStatsView& v) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + 8.0f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.0f));
  ImGui::SetNextWindowBgAlpha(0.8f);
  ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing |
                           ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove;
  if (!ImGui::Begin("Frame (F3)", nullptr, flags)) {
    ImGui::End();
    return;
  }
  ImGui::Text("frame %.1f ms   GPU: simulation %.1f, render %.1f ms", v.frame_ms, v.gpuSimulation_ms, v.gpuRender_ms);
  ImGui::Text("3D view %.2fx of %ux%u (%ux%u), budget %.1f ms", v.scale, v.width, v.height, unsigned(v.width * v.scale + 0.5f),
              unsigned(v.height * v.scale + 0.5f), v.budget_ms);
  ImGui::TextDisabled("%s", v.scaleReason.c_str());
  double most = 0.01;
  for (const FramePassRow& row : v.passes) most = std::max(most, row.ms);
  if (ImGui::BeginTable("passes", 3, ImGuiTableFlags_SizingFixedFit)) {
    for (const FramePassRow& row : v.passes) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.name.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%6.2f ms", row.ms);
      ImGui::TableNextColumn();
      ImGui::ProgressBar(float(row.ms / most), ImVec2(120.0f * ImGui::GetFontSize() / 13.0f, 0.0f), "");
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace ns::ui
