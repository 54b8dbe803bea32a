#include "ui/status_panel.h"

#include <imgui.h>

#include <cmath>

namespace ns::ui {

void drawStatusPanel(const StatusInfo& info, UiRequests& requests) {
  ImGui::SetNextWindowPos(ImVec2(16, 16), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(360, 0), ImGuiCond_FirstUseEver);
  ImGui::Begin("NeedleSim", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::TextColored(ImVec4(0.95f, 0.75f, 0.70f, 1.0f), "%s", info.sceneName.c_str());
  ImGui::Text("Region: %s", info.region.c_str());
  ImGui::Separator();
  if (ImGui::BeginTable("layers", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("Layer");
    ImGui::TableSetupColumn("Thickness");
    ImGui::TableSetupColumn("D");
    ImGui::TableHeadersRow();
    for (auto& layer : info.layers) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(layer.name.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.0f um", layer.thickness_um);
      ImGui::TableNextColumn();
      ImGui::Text("%.2g um2/s", layer.diffusivity_um2_s);
    }
    ImGui::EndTable();
  }
  {  // tone presets: the skin types a trainee meets
    ImGui::TextUnformatted("Skin tone:");
    const char* names[] = {"light", "medium", "olive", "deep"};
    const float tones[] = {0.15f, 0.4f, 0.7f, 1.0f};  // 0.15 is the default
    for (int i = 0; i < 4; ++i) {
      ImGui::SameLine();
      if (ImGui::RadioButton(names[i], std::abs(info.skinTone - tones[i]) < 0.05f)) requests.skinTone = tones[i];
    }
  }
  ImGui::Separator();
  ImGui::Text("Device: %s (%s)", info.deviceName.c_str(), info.deviceType.c_str());
  ImGui::Text("Frame: %.2f ms  (p95 %.2f ms)  #%llu", info.frameMs, info.frameMsP95, info.frames);
  if (!info.validationEnabled) {
    ImGui::TextDisabled("Validation: off (--validate)");
  } else if (info.validationErrors > 0) {
    ImGui::TextColored(ImVec4(1.0f, 0.35f, 0.3f, 1.0f), "Validation: %u errors, %u warnings",
                       info.validationErrors, info.validationWarnings);
  } else {
    ImGui::TextColored(ImVec4(0.5f, 0.9f, 0.5f, 1.0f), "Validation: clean (%u warnings)",
                       info.validationWarnings);
  }
  ImGui::End();
}

}  // namespace ns::ui
